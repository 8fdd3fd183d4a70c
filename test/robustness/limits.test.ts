// Limits and unsafe input that used to pass silently: `javascript:` and other unsafe addresses
// (`unsafe-url`), a course folder with too many files (`too-many-files`), media too large to
// pack (`media-too-large`), and YAML keys that are lists or mappings (slow, and Node printed
// warnings for them). Each gives a located diagnostic, quickly, and nothing on stderr.
import fs from 'node:fs/promises'
import path from 'node:path'
import {afterEach, describe, expect, test, vi} from 'vitest'
import {readCourse} from '@coursemark/cli'
import {compileCourse, maxMediaBytes, type CourseInput} from '@coursemark/compiler'
import {createValidator} from '@coursemark/schema'
import {runCli, tempDir, writeFiles} from '../helpers/cli.js'
import {courseYamlText, rulesModule} from '../helpers/course-text.js'

const courseYaml = courseYamlText('limits', 'Limits', 'Limits and unsafe input.', {extra: 'externalLinks: allow\n'})

/** A module whose body starts on line 9. */
const moduleMd = rulesModule

const validator = createValidator()

function compile(files: Record<string, string>, extra?: Partial<CourseInput>, limit?: number) {
  const all: Record<string, string> = {'course.yaml': courseYaml, 'modules/01.md': moduleMd('Text.'), ...files}
  const text = new Map(Object.entries(all).filter(([name]) => /\.(md|ya?ml)$/.test(name)))
  return compileCourse({slug: 'limits', files: text, assets: new Set(Object.keys(all)), ...extra}, {validator, maxMediaBytes: limit})
}

/** `[rule, line, column, fatal]` of every message. */
function located(result: ReturnType<typeof compileCourse>): Array<[string | undefined, number | undefined, number | undefined, boolean | null | undefined]> {
  return result.messages.map((message) => [message.ruleId, message.line, message.column, message.fatal])
}

/** The 1-based column of `snippet` in `line`. */
function column(line: string, snippet: string): number {
  const index = line.indexOf(snippet)
  if (index < 0) throw new Error('No `' + snippet + '` in `' + line + '`')
  return index + 1
}

/** Every `href` and `src` in the HTML of the compiled course. */
function targets(result: ReturnType<typeof compileCourse>): string[] {
  const html = JSON.stringify(result.course)
  return [...html.matchAll(/(href|src)=\\"([^"\\]*)\\"/g)].map((match) => match[1] + '=' + match[2])
}

interface Found {
  readonly file: string
  readonly line: number
  readonly column: number
  readonly severity: string
  readonly rule: string
  readonly message: string
}

async function validate(root: string): Promise<{exitCode: number; diagnostics: Found[]; stderr: string}> {
  const result = await runCli(['validate', '.', '--format', 'json'], {cwd: root})
  return {exitCode: result.exitCode, diagnostics: JSON.parse(result.stdout) as Found[], stderr: result.stderr}
}

async function course(files: Record<string, string>): Promise<string> {
  const root = path.join(await tempDir(), 'limits')
  await writeFiles(root, {'course.yaml': courseYaml, 'modules/01.md': moduleMd('Text.'), ...files})
  return root
}

describe('unsafe-url: links and pictures with addresses that are removed', () => {
  test('javascript:, vbscript:, data: and other schemes are reported where they are written; http(s), mailto, tel and relative links are kept', () => {
    const line9 = '[a](javascript:alert(1)) [b](VBScript:msgbox(1)) [c](data:text/html,x) <javascript:alert(1)> [d][r] [j](jav&#x09;ascript:alert(1))'
    const line11 = '[t](tel:+4412345) [m](mailto:staff@example.org) [h](https://example.org/) [p](//example.org/x) [f](file:///etc/passwd)'
    const line13 = '![A gate](javascript:alert(1)) ![Inline](data:image/png;base64,iVBORw0KGgo=)'
    const line15 = '[r]: javascript:alert(2)'
    const result = compile({'modules/01.md': moduleMd([line9, line11, line13, line15].join('\n\n'))})
    expect(located(result)).toEqual([
      ['unsafe-url', 9, column(line9, '[a]'), false],
      ['unsafe-url', 9, column(line9, '[b]'), false],
      ['unsafe-url', 9, column(line9, '[c]'), false],
      ['unsafe-url', 9, column(line9, '<javascript'), false],
      ['unsafe-url', 9, column(line9, '[j]'), false],
      ['unsafe-url', 11, column(line11, '[f]'), false],
      ['unsafe-url', 13, 1, false],
      // A picture inside the text is refused as coming from outside the course, not as unsafe.
      ['external-media', 13, column(line13, '![Inline]'), true],
      ['unsafe-url', 15, 1, false]
    ])
    const first = result.messages[0]!
    expect(first.reason).toBe('Unexpected link to `javascript:alert(1)`, expected a file in the course or an `https:`, `http:`, `mailto:` or `tel:` address; the link keeps its text and loses its target')
    expect(first.note).toMatch(/^Link to a file or page of the course/)
    expect(result.messages.find((message) => message.line === 13)?.reason).toBe('Unexpected image address `javascript:alert(1)`, expected a file in the course folder; the address is removed')
  })

  test('the links that are kept, and only those, have a target in the HTML', () => {
    const result = compile({'modules/01.md': moduleMd('[a](javascript:alert(1)) [t](tel:+4412345) [m](mailto:staff@example.org) [h](https://example.org/) [p](//example.org/x) [i](irc://example.org/room)')})
    expect(located(result).map(([rule, line]) => [rule, line])).toEqual([['unsafe-url', 9], ['unsafe-url', 9]])
    expect(targets(result)).toEqual(['href=tel:+4412345', 'href=mailto:staff@example.org', 'href=https://example.org/', 'href=//example.org/x'])
  })

  test('a web link written without a scheme (`//host/…`) is a link to a web site, like `https:`', () => {
    const result = compile({'course.yaml': courseYaml.replace('externalLinks: allow\n', ''), 'modules/01.md': moduleMd('[p](//example.org/x)')})
    expect(located(result)).toEqual([['external-link', 9, 1, false]])
  })
})

describe('too-many-files: a course folder with more files than the limit', () => {
  async function folder(count: number): Promise<string> {
    const root = await course({})
    for (let index = 1; index <= count; index++) await fs.writeFile(path.join(root, 'modules', 'slide-' + String(index).padStart(2, '0') + '.png'), '')
    return root
  }

  test('reading stops with one located error at the first file not read', async () => {
    // course.yaml, modules/01.md, then modules/slide-01.png … slide-06.png: the sixth file is over a limit of 5.
    const read = await readCourse(await folder(6), {maxFiles: 5})
    expect(read.diagnostics.map((d) => [d.file, d.line, d.column, d.severity, d.rule])).toEqual([['modules/slide-04.png', 1, 1, 'error', 'too-many-files']])
    expect(read.diagnostics[0]?.message).toBe('Unexpected more than 5 files in the course folder, expected at most 5; this file and those after it are not read')
    expect(read.diagnostics[0]?.hint).toMatch(/at most 20,000 files/)
    expect(read.input.assets.size).toBe(5)
  })

  test('a folder with exactly the limit is read in full, without a message', async () => {
    const read = await readCourse(await folder(3), {maxFiles: 5})
    expect(read.diagnostics).toEqual([])
    expect(read.input.assets.size).toBe(5)
  })
})

describe('media-too-large: files the course uses over the size limit', () => {
  test('pictures, video, captions and linked files over the limit are reported where they are used', () => {
    const body = '![A gate](../media/gate.png)\n\n::video{src=../media/talk.mp4 captions=../media/talk.vtt}\n\n[The handout](../media/handout.pdf)\n\n![Small](../media/small.png)'
    const sizes = new Map([['media/gate.png', 2048], ['media/talk.mp4', 1025], ['media/talk.vtt', 10], ['media/handout.pdf', 4096], ['media/small.png', 1024]])
    const assets = {'media/gate.png': '', 'media/talk.mp4': '', 'media/talk.vtt': '', 'media/handout.pdf': '', 'media/small.png': ''}
    const result = compile({'modules/01.md': moduleMd(body), ...assets}, {sizes}, 1024)
    expect(located(result)).toEqual([
      ['media-too-large', 9, 1, true],
      ['media-too-large', 11, 1, true],
      ['media-too-large', 13, 1, true]
    ])
    expect(result.messages[0]?.reason).toBe('Unexpected file `media/gate.png` of 2048 bytes, expected at most 1024 bytes')
    expect(result.messages[1]?.reason).toContain('`media/talk.mp4` of 1025 bytes')
    // Under the limit (and without a limit given, the default of 100 MiB): fine.
    expect(located(compile({'modules/01.md': moduleMd(body), ...assets}, {sizes}, 4096))).toEqual([])
    expect(located(compile({'modules/01.md': moduleMd(body), ...assets}, {sizes}))).toEqual([])
    expect(maxMediaBytes).toBe(100 * 1024 * 1024)
  })

  test('coursemark validate: a picture of 100 MiB and one byte is reported at the picture, without reading it', async () => {
    const root = await course({'modules/01.md': moduleMd('![A gate](../media/gate.png)')})
    await fs.mkdir(path.join(root, 'media'))
    // A sparse file: its size is what counts, and it takes no room on the disk.
    await fs.writeFile(path.join(root, 'media/gate.png'), '')
    await fs.truncate(path.join(root, 'media/gate.png'), maxMediaBytes + 1)
    const {exitCode, diagnostics, stderr} = await validate(root)
    expect(stderr).toBe('')
    expect(exitCode).toBe(1)
    expect(diagnostics.map((d) => [d.file, d.line, d.column, d.severity, d.rule, d.message])).toEqual([
      ['modules/01.md', 9, 1, 'error', 'media-too-large', 'Unexpected file `media/gate.png` of 104857601 bytes, expected at most 104857600 bytes (100 MiB)']
    ])
    const build = await runCli(['build', '.', '--target', 'web', '--out', 'dist'], {cwd: root})
    expect(build.exitCode).toBe(1)
    expect(build.stderr).not.toMatch(/Internal error/)
  })
})

describe('YAML keys that are lists, mappings or aliases', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  test('nested `? ` keys in course.yaml: one located error, at once, and no warning printed', () => {
    const emitted = vi.spyOn(process, 'emitWarning')
    const start = process.cpuUsage()
    const result = compile({'course.yaml': courseYaml.replace('modules:\n', '? '.repeat(2000) + 'key\nmodules:\n')})
    const used = process.cpuUsage(start)
    expect((used.user + used.system) / 1000).toBeLessThan(1000)
    expect(located(result)).toEqual([['yaml-syntax', 13, 3, true]])
    expect(result.messages[0]?.reason).toBe('Unexpected mapping as a key, expected a plain key such as `title:`')
    expect(emitted).not.toHaveBeenCalled()
  })

  test('a list or an alias as a key in front matter is located; an explicit plain key (`? title`) is fine', () => {
    const list = compile({'modules/01.md': moduleMd('Text.', 'id: rules\ntitle: Rules\noutcomes: [LO1]\n? [a, b]\n: c\n')})
    // The module is left out, so its outcome is reported as not taught, as for any unreadable front matter.
    const yamlOnly = (result: ReturnType<typeof compileCourse>) => located(result).filter(([rule]) => rule === 'yaml-syntax')
    expect(yamlOnly(list)).toEqual([['yaml-syntax', 5, 3, true]])
    expect(list.messages.find((message) => message.ruleId === 'yaml-syntax')?.reason).toBe('Unexpected list as a key, expected a plain key such as `title:`')
    const alias = compile({'modules/01.md': moduleMd('Text.', 'id: &name rules\ntitle: Rules\noutcomes: [LO1]\n*name : c\n')})
    expect(yamlOnly(alias)).toEqual([['yaml-syntax', 5, 1, true]])
    expect(alias.messages.find((message) => message.ruleId === 'yaml-syntax')?.reason).toBe('Unexpected alias as a key, expected a plain key such as `title:`')
    expect(located(compile({'modules/01.md': moduleMd('Text.', 'id: rules\n? title\n: Rules\noutcomes: [LO1]\n')}))).toEqual([])
  })

  test('coursemark validate prints nothing but the diagnostics (no Node warning on stderr)', async () => {
    const root = await course({'course.yaml': courseYaml.replace('modules:\n', '? [a, b]\n: c\n? {d: e}\n: f\nmodules:\n')})
    const {exitCode, diagnostics, stderr} = await validate(root)
    expect(stderr).toBe('')
    expect(exitCode).toBe(1)
    expect(diagnostics.map((d) => [d.file, d.line, d.column, d.rule])).toEqual([['course.yaml', 13, 3, 'yaml-syntax'], ['course.yaml', 15, 3, 'yaml-syntax']])
  })
})
