import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {describe, expect, onTestFinished, test} from 'vitest'
import {main} from '@coursemark/cli'
import {compileCourse} from '@coursemark/compiler'
import {createValidator} from '@coursemark/schema'
import {ruleList, toDiagnostics, type Diagnostic} from '../src/index.js'

/** The course file used when an example does not show `course.yaml`. */
const defaultCourse = `id: https://example.org/courses/demo
title: Working with people in prison
version: 1.0.0
language: en
description: A short course for staff starting work in prisons.
outcomes:
  - id: LO1
    statement: Explain why everyone who enters a prison follows its security rules.
    bloom: understand
    domain: knowledge
    eqf: 4
modules:
  - modules/01.md
`

/** The module used when an example does not show `modules/01.md`. */
const defaultModule = `---
id: intro
title: Introduction
outcomes: [LO1]
---

## Welcome

Everyone who enters a prison follows its security rules.

:::quiz{id=check}
::::question{id=rules type=single outcome=LO1}
Who follows the prison's security rules?

- [ ] Only prison officers
- [x] Everyone who enters the prison
::::
:::
`

/**
 * Rules the compiler alone cannot report: the CLI reports them while reading the course folder
 * (or the compiler, from the file sizes the reader gives it; their examples are prose, the
 * folders are below), or while checking the translations it lists. Their examples run through
 * `coursemark validate` on a temporary folder.
 */
const readerRules = new Set(['file-too-large', 'invalid-encoding', 'media-too-large', 'too-many-files'])
const cliRules = new Set([...readerRules, 'translation-missing', 'translation-mismatch', 'translation-outdated'])
/**
 * Rules `coursemark xliff merge` reports, positioned in the XLIFF file. Their examples show the
 * translated file (`de.xlf`, over the default course) and run through `xliff merge` on a
 * temporary folder.
 */
const xliffRules = new Set(['xliff-invalid', 'xliff-language', 'xliff-stale-unit', 'xliff-unknown-unit'])
/** The XLIFF file of the `xliff-…` examples, in the course folder. */
const xliffFile = 'de.xlf'

/** Files the CLI reads as text (the rest are only listed as assets), as in `readCourse`. */
const textFile = /\.(md|ya?ml)$/i

interface Block {
  readonly line: number
  readonly lang: string
  readonly flags: ReadonlyArray<string>
  readonly attributes: Readonly<Record<string, string>>
  /** The last non-blank line before the fence (the visible file name). */
  readonly caption: string | undefined
  readonly value: string
}

interface Example {
  readonly prose: string
  readonly files: Block[]
  output: string | undefined
}

interface Section {
  readonly heading: string
  readonly line: number
  /** The first paragraph after the heading. */
  lead: string | undefined
  readonly examples: Partial<Record<'default' | 'notOk' | 'ok', Example>>
  readonly tableRows: string[]
}

/** The not-ok folders of the rules reported while reading, as described in their sections. */
/** A file of `size` bytes with nothing written in it (sparse: it takes no room on the disk). */
interface Sparse {
  readonly size: number
}

type FileValue = string | Uint8Array | Sparse

const readerNotOk = {
  'file-too-large': {
    'course.yaml': defaultCourse,
    'modules/01.md': defaultModule + '\n' + 'x'.repeat(5_000_000 - Buffer.byteLength(defaultModule) - 2) + '\n'
  },
  'invalid-encoding': {
    'course.yaml': defaultCourse,
    'modules/01.md': Buffer.from(defaultModule.replace('## Welcome', '## Welcome to the café'), 'latin1')
  },
  'media-too-large': {
    'course.yaml': defaultCourse,
    'modules/01.md': defaultModule.replace('follows its security rules.\n', 'follows its security rules.\n\n![A prison gate seen from the inside](../media/gate.png)\n'),
    'media/gate.png': {size: 104_857_601}
  },
  'too-many-files': {
    'course.yaml': defaultCourse,
    'modules/01.md': defaultModule,
    ...Object.fromEntries(Array.from({length: 20_000}, (_, index) => ['slides/slide-' + String(index + 1).padStart(5, '0') + '.png', '']))
  }
} satisfies Record<string, Record<string, FileValue>>

const docUrl = new URL('../../../docs/diagnostics.md', import.meta.url)
const doc = await fs.readFile(docUrl, 'utf8')
const sections = parseDoc(doc)
const ruleSections = sections.filter((section) => isRuleId(section.heading))
const rulesById = new Map(ruleList.map((rule) => [rule.id, rule]))
// Compiling the schemas takes a while: share one validator between the examples.
const validator = createValidator()

describe('docs/diagnostics.md', () => {
  test('should have a `##` section for every rule of the catalogue', () => {
    const documented = new Set(ruleSections.map((section) => section.heading))
    expect(ruleList.map((rule) => rule.id).filter((id) => !documented.has(id))).toEqual([])
  })

  test('should *not* have a section for a rule that is not in the catalogue', () => {
    expect(ruleSections.map((section) => section.heading).filter((id) => !rulesById.has(id))).toEqual([])
  })

  test('should list the rules once each, in catalogue order', () => {
    expect(ruleSections.map((section) => section.heading)).toEqual(ruleList.map((rule) => rule.id))
  })

  test('should have an index table that matches the catalogue (id, severity, title)', () => {
    const index = sections.find((section) => section.heading === 'All rules')
    expect(index, 'an `## All rules` section').toBeDefined()
    const rows = index!.tableRows.slice(2).map((row) => row.split('|').slice(1, -1).map((cell) => cell.trim()))
    expect(rows).toEqual(ruleList.map((rule) => ['[' + rule.id + '](#' + rule.id + ')', rule.severity, rule.title]))
  })

  test('should show the default course.yaml and modules/01.md the examples rely on', () => {
    const defaults = sections.flatMap((section) => section.examples.default?.files ?? [])
    expect(defaults.map((block) => [block.attributes['file'], block.value])).toEqual([
      ['course.yaml', defaultCourse],
      ['modules/01.md', defaultModule]
    ])
  })

  test('should name every example file above its block and in its info string, with its language', () => {
    const blocks = sections.flatMap((section) => Object.values(section.examples).flatMap((example) => example.files))
    expect(blocks.length).toBeGreaterThan(0)
    for (const block of blocks) {
      const name = block.attributes['file']!
      expect(block.caption, 'caption of the block at line ' + block.line).toBe('`' + name + '`')
      expect(block.lang, 'language of the block at line ' + block.line).toBe(/\.md$/.test(name) ? 'markdown' : /\.ya?ml$/.test(name) ? 'yaml' : /\.xlf$/.test(name) ? 'xml' : 'text')
    }
  })
})

describe.each(ruleSections.map((section) => ({id: section.heading, section})))('$id', ({id, section}) => {
  const rule = rulesById.get(id)

  test('should start with the severity and the title of the rule', () => {
    expect(rule).toBeDefined()
    expect(section.lead).toBe('**' + (rule!.severity === 'error' ? 'Error' : 'Warning') + '.** ' + rule!.title)
  })

  if (readerRules.has(id)) {
    test('should describe the not-ok and ok examples in prose, with the output', () => {
      expect(section.examples.notOk?.prose).toMatch(/\S/)
      expect(section.examples.ok?.prose).toMatch(/\S/)
      expect(section.examples.notOk?.files).toEqual([])
      expect(section.examples.ok?.files).toEqual([])
    })
  }

  test('should report `' + id + '` (' + rule?.severity + ') for the not-ok example, and nothing else', async () => {
    const example = section.examples.notOk
    expect(example, 'a **Not ok:** example').toBeDefined()
    if (!readerRules.has(id)) expect(example!.files.length, 'files in the not-ok example').toBeGreaterThan(0)
    const {diagnostics, code} = readerRules.has(id)
      ? await validate(readerNotOk[id as keyof typeof readerNotOk])
      : xliffRules.has(id)
        ? await merge(withDefaults(example!.files))
        : cliRules.has(id)
          ? await validate(withDefaults(example!.files))
          : {diagnostics: compile(example!.files), code: undefined}
    expect(diagnostics.some((d) => d.rule === id && d.severity === rule!.severity)).toBe(true)
    // The problems of a merged translation that follow from an XLIFF problem are shown in the
    // output block (checked below); in the XLIFF file itself, there is nothing else.
    expect(diagnostics.filter((d) => d.rule !== id && (!xliffRules.has(id) || d.file === xliffFile))).toEqual([])
    expect(format(diagnostics), 'the “coursemark reports” block').toBe(example!.output)
    if (code !== undefined) expect(code, 'exit code').toBe(rule!.severity === 'error' ? 1 : 0)
  })

  test('should report nothing for the ok example', async () => {
    const example = section.examples.ok
    expect(example, 'an **Ok:** example').toBeDefined()
    expect(example!.output, 'no output block in the ok example').toBeUndefined()
    if (!readerRules.has(id)) expect(example!.files.length, 'files in the ok example').toBeGreaterThan(0)
    if (xliffRules.has(id)) {
      expect(example!.files.map((block) => block.attributes['file']), 'the XLIFF file of the ok example').toContain(xliffFile)
      const {diagnostics, code} = await merge(withDefaults(example!.files))
      expect(format(diagnostics)).toBe('')
      expect(code, 'exit code').toBe(0)
    } else if (cliRules.has(id)) {
      const {diagnostics, code} = await validate(withDefaults(example!.files))
      expect(format(diagnostics)).toBe('')
      expect(code, 'exit code').toBe(0)
    } else {
      expect(format(compile(example!.files))).toBe('')
    }
  })
})

// Problems these examples once showed, kept as regression tests.
describe('positions and wording of earlier problems', () => {
  test('unknown-question-type: the message says “, expected” before the list of types', () => {
    const [diagnostic] = compile(exampleOf('unknown-question-type').files)
    expect(diagnostic?.message).toMatch(/^Unexpected question type `yes-no`, expected one of /)
  })

  test('translation-mismatch: points at the question that differs, in words', async () => {
    const {diagnostics: [diagnostic]} = await validate(withDefaults(exampleOf('translation-mismatch').files))
    // The wrong `[x]` is on line 16 of translations/de/modules/01.md, in question `rules` (line 13).
    expect(diagnostic?.line).toBeGreaterThanOrEqual(13)
    expect(diagnostic?.message).not.toContain('attempts=1 [')
  })

  test('translation-outdated: points at the `sourceHash` value', async () => {
    const {diagnostics: [diagnostic]} = await validate(withDefaults(exampleOf('translation-outdated').files))
    expect([diagnostic?.line, diagnostic?.column]).toEqual([5, 13])
  })
})

/** The files of the not-ok example of a rule's section. */
function exampleOf(id: string): Example {
  const example = ruleSections.find((section) => section.heading === id)?.examples.notOk
  if (!example) throw new Error('No not-ok example for `' + id + '`')
  return example
}

/** The default course with the example's files over it, by path. */
function withDefaults(blocks: ReadonlyArray<Block>): Record<string, string> {
  const files: Record<string, string> = {'course.yaml': defaultCourse, 'modules/01.md': defaultModule}
  for (const block of blocks) files[block.attributes['file']!] = block.value
  return files
}

/** Compile example files over the default course, as `compileCourse` sees a course folder. */
function compile(blocks: ReadonlyArray<Block>): Diagnostic[] {
  const files = new Map<string, string>()
  const assets = new Set<string>()
  for (const [name, value] of Object.entries(withDefaults(blocks))) {
    if (textFile.test(name)) files.set(name, value)
    assets.add(name)
  }
  return toDiagnostics(compileCourse({slug: 'demo', files, assets}, {validator}).messages)
}

/** Run `coursemark validate --format json .` in a temporary course folder holding `files`. */
async function validate(files: Readonly<Record<string, FileValue>>): Promise<{diagnostics: Diagnostic[]; code: number}> {
  const cwd = await temporaryCourse(files)
  let stdout = ''
  let stderr = ''
  const code = await main(['node', 'coursemark', 'validate', '--format', 'json', '.'], {
    cwd,
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    isTty: false
  })
  expect(stderr, 'nothing on stderr with --format json').toBe('')
  return {diagnostics: JSON.parse(stdout) as Diagnostic[], code}
}

/**
 * Run `coursemark xliff merge --format json . de.xlf` in a temporary course folder holding
 * `files`: the problems of the XLIFF file, then those of the merged translation.
 */
async function merge(files: Readonly<Record<string, string | Uint8Array>>): Promise<{diagnostics: Diagnostic[]; code: number}> {
  expect(Object.keys(files), 'an XLIFF file in the example').toContain(xliffFile)
  const cwd = await temporaryCourse(files)
  let stdout = ''
  const code = await main(['node', 'coursemark', 'xliff', 'merge', '--format', 'json', '.', xliffFile], {
    cwd,
    stdout: (text) => void (stdout += text),
    stderr: () => {},
    isTty: false
  })
  return {diagnostics: JSON.parse(stdout) as Diagnostic[], code}
}

/** Write files into a new temporary folder, removed when the test finishes. */
async function temporaryCourse(files: Readonly<Record<string, FileValue>>): Promise<string> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'coursemark-docs-'))
  onTestFinished(() => fs.rm(folder, {recursive: true, force: true}))
  const made = new Set<string>()
  for (const [name, value] of Object.entries(files)) {
    const file = path.join(folder, ...name.split('/'))
    if (!made.has(path.dirname(file))) await fs.mkdir(path.dirname(file), {recursive: true})
    made.add(path.dirname(file))
    if (typeof value === 'string' || value instanceof Uint8Array) {
      await fs.writeFile(file, value)
    } else {
      await fs.writeFile(file, '')
      await fs.truncate(file, value.size)
    }
  }
  return folder
}

/** Diagnostics as `coursemark validate .` prints them, without code frames and summary. */
function format(diagnostics: ReadonlyArray<Diagnostic>): string {
  return diagnostics
    .map((d) => d.file + ':' + d.line + ':' + d.column + ': ' + d.severity + ' ' + d.rule + ' ' + d.message + '\n' + (d.hint ? '  hint: ' + d.hint + '\n' : ''))
    .join('')
}

function isRuleId(heading: string): boolean {
  return /^[a-z][a-z\d]*(?:-[a-z\d]+)*$/.test(heading)
}

/**
 * Split the reference into `##` sections and read their examples: fenced blocks whose info
 * string has `file=…` (after a `**Not ok:**`, `**Ok:**` or `**Default:**` line) and
 * `text output` blocks (what coursemark reports for the example).
 */
function parseDoc(text: string): Section[] {
  const lines = text.split('\n')
  const result: Section[] = []
  let section: Section | undefined
  let example: Example | undefined
  let previous: string | undefined
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!
    const fence = /^(`{3,}|~{3,})\s*(.*)$/.exec(line)
    if (fence) {
      const [, marker, info] = fence
      const start = index + 1
      const closing = new RegExp('^\\' + marker![0] + '{' + marker!.length + ',}\\s*$')
      const body: string[] = []
      while (++index < lines.length && !closing.test(lines[index]!)) body.push(lines[index]!)
      const [lang = '', ...words] = info!.trim().split(/\s+/).filter(Boolean)
      const attributes: Record<string, string> = {}
      const flags: string[] = []
      for (const word of words) {
        const equals = word.indexOf('=')
        if (equals > 0) attributes[word.slice(0, equals)] = word.slice(equals + 1)
        else flags.push(word)
      }
      const block: Block = {line: start, lang, flags, attributes, caption: previous, value: body.length > 0 ? body.join('\n') + '\n' : ''}
      if (example && attributes['file'] !== undefined) example.files.push(block)
      else if (example && flags.includes('output')) example.output = block.value
      previous = undefined
      continue
    }
    const heading = /^## (.+)$/.exec(line)
    if (heading) {
      section = {heading: heading[1]!.trim(), line: index + 1, lead: undefined, examples: {}, tableRows: []}
      result.push(section)
      example = undefined
      previous = undefined
      continue
    }
    if (!section) continue
    const group = /^\*\*(Not ok|Ok|Default):\*\*\s*(.*)$/.exec(line)
    if (group) {
      example = {prose: group[2]!, files: [], output: undefined}
      section.examples[group[1] === 'Not ok' ? 'notOk' : group[1] === 'Ok' ? 'ok' : 'default'] = example
    } else if (line.startsWith('|')) {
      section.tableRows.push(line)
    }
    if (line.trim() !== '') {
      if (section.lead === undefined) section.lead = line
      previous = line
    }
  }
  return result
}
