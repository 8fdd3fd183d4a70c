import fs from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {exists, runCli, tempDir, writeFiles} from '../helpers/cli.js'
import {courseOfFolder} from '../helpers/course-script.js'
import {courseYamlText, rulesModule} from '../helpers/course-text.js'

// A corpus of hostile or broken inputs: each gives a located diagnostic, never a crash, and
// nothing outside the course folder is ever read or packed.
const courseYaml = courseYamlText('bad', 'Bad inputs', 'Hostile input.')

const moduleMd = (body: string): string => rulesModule(body)

async function course(files: Record<string, string>): Promise<string> {
  const root = path.join(await tempDir(), 'bad')
  await writeFiles(root, {'course.yaml': courseYaml, 'modules/01.md': moduleMd('Text.'), ...files})
  return root
}

interface Found {
  file: string
  line: number
  column: number
  severity: string
  rule: string
  message: string
}

async function validate(root: string): Promise<{exitCode: number; diagnostics: Found[]; stderr: string}> {
  const result = await runCli(['validate', '.', '--format', 'json'], {cwd: root})
  expect(result.stderr).not.toMatch(/Internal error|\n\s+at /)
  return {exitCode: result.exitCode, diagnostics: JSON.parse(result.stdout) as Found[], stderr: result.stderr}
}

describe('hostile and broken inputs', () => {
  test('an image that is a symbolic link to a file outside the course is never read or packed', async () => {
    const secret = path.join(await tempDir(), 'secret.txt')
    await fs.writeFile(secret, 'TOP SECRET')
    const root = await course({'modules/01.md': moduleMd('![A picture](../media/pic.png)')})
    await fs.mkdir(path.join(root, 'media'))
    await fs.symlink(secret, path.join(root, 'media/pic.png'))
    const {exitCode, diagnostics} = await validate(root)
    expect(exitCode).toBe(1)
    expect(diagnostics).toContainEqual(expect.objectContaining({file: 'modules/01.md', line: 9, rule: 'asset-outside-course'}))
    const build = await runCli(['build', '.', '--target', 'web', '--out', 'dist'], {cwd: root})
    expect(build.exitCode).toBe(1)
    expect(await exists(path.join(root, 'dist'))).toBe(false)
  })

  test('a media folder that is a link outside the course is reported, not followed', async () => {
    const elsewhere = await tempDir()
    await fs.writeFile(path.join(elsewhere, 'pic.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
    const root = await course({'modules/01.md': moduleMd('![A picture](../media/pic.svg)')})
    await fs.symlink(elsewhere, path.join(root, 'media'))
    const {diagnostics} = await validate(root)
    expect(diagnostics).toContainEqual(expect.objectContaining({file: 'modules/01.md', line: 9, rule: 'asset-outside-course'}))
  })

  test('a huge module gets one clear error, nothing else', async () => {
    const root = await course({'modules/01.md': moduleMd('x'.repeat(5 * 1024 * 1024))})
    const {exitCode, diagnostics} = await validate(root)
    expect(exitCode).toBe(1)
    expect(diagnostics.map((d) => [d.file, d.line, d.rule])).toEqual([['modules/01.md', 1, 'file-too-large']])
  })

  test('a binary (not UTF-8) module gets one clear error, nothing else', async () => {
    const root = await course({})
    await fs.writeFile(path.join(root, 'modules/01.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x00, 0xc3, 0x28, 0x0a]))
    const {diagnostics} = await validate(root)
    expect(diagnostics.map((d) => [d.file, d.line, d.rule])).toEqual([['modules/01.md', 1, 'invalid-encoding']])
  })

  test('BOM and CRLF line endings: valid, and positions still right', async () => {
    const crlf = (text: string) => '\uFEFF' + text.replace(/\n/g, '\r\n')
    const good = await course({'course.yaml': crlf(courseYaml), 'modules/01.md': crlf(moduleMd('Text.'))})
    expect((await validate(good)).diagnostics).toEqual([])
    const bad = await course({'course.yaml': crlf(courseYaml), 'modules/01.md': crlf(moduleMd('Text.').replace(':::quiz{id=check}', ':::quizz{id=check}'))})
    expect((await validate(bad)).diagnostics).toContainEqual(expect.objectContaining({file: 'modules/01.md', line: 13, column: 1, rule: 'unknown-directive'}))
  })

  test('a look-alike (Cyrillic) id is not a valid identifier', async () => {
    const root = await course({'modules/01.md': moduleMd('Text.').replace('id=q1', 'id=q\u04301')})
    expect((await validate(root)).diagnostics).toContainEqual(expect.objectContaining({file: 'modules/01.md', line: 15, rule: 'invalid-id'}))
  })

  test('duplicate keys in YAML are reported at the second key', async () => {
    const root = await course({'course.yaml': courseYaml.replace('title: Bad inputs\n', 'title: Bad inputs\ntitle: Again\n')})
    expect((await validate(root)).diagnostics).toContainEqual(expect.objectContaining({file: 'course.yaml', line: 3, rule: 'duplicate-key'}))
  })

  test('a YAML alias bomb is refused quickly', async () => {
    const bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n'
    const root = await course({'course.yaml': bomb})
    const {exitCode, diagnostics} = await validate(root)
    expect(exitCode).toBe(1)
    expect(diagnostics).toContainEqual(expect.objectContaining({file: 'course.yaml', rule: 'yaml-syntax'}))
  })

  test('a file name a zip or LMS cannot take safely is refused', async () => {
    const root = await course({'modules/01.md': moduleMd('![A picture](../media/pic%3Aone.svg)'), 'media/pic:one.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>'})
    expect((await validate(root)).diagnostics).toContainEqual(expect.objectContaining({file: 'modules/01.md', line: 9, rule: 'unsafe-file-name'}))
  })

  test('raw HTML and javascript: links are neutralised', async () => {
    const root = await course({'modules/01.md': moduleMd('<script>alert(1)</script>\n\n[click](javascript:alert(1)) <img src=x onerror=alert(1)>')})
    const {diagnostics} = await validate(root)
    expect(diagnostics.filter((d) => d.rule === 'raw-html').length).toBeGreaterThanOrEqual(1)
    const build = await runCli(['build', '.', '--target', 'web', '--out', 'dist'], {cwd: root})
    expect(build.exitCode, build.stderr).toBe(0)
    const model = JSON.stringify(await courseOfFolder(path.join(root, 'dist/bad-1.0.0-en-web')))
    expect(model).not.toMatch(/javascript:|onerror|alert\(1\)<\/script/i)
  })
})
