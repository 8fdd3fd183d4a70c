import fs from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {XMLParser} from 'fast-xml-parser'
import {describe, expect, test} from 'vitest'
import {compileCourse, compileTranslation, sourceHash, type CourseInput} from '@coursemark/compiler'
import {rules} from '@coursemark/diagnostics'
import {applyTranslations, extractXliff, mergeXliff, readXliff, segmentMarkdown, writeXliff, type Inline, type XliffDocument} from '@coursemark/xliff'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

async function readFolder(folder: string): Promise<CourseInput> {
  const files = new Map<string, string>()
  const assets = new Set<string>()
  for (const entry of await fs.readdir(path.join(root, folder), {recursive: true, withFileTypes: true})) {
    if (!entry.isFile()) continue
    const rel = path.relative(path.join(root, folder), path.join(entry.parentPath, entry.name)).split(path.sep).join('/')
    assets.add(rel)
    if (/\.(md|ya?ml)$/.test(rel)) files.set(rel, await fs.readFile(path.join(root, folder, rel), 'utf8'))
  }
  return {slug: path.basename(folder), files, assets}
}

/** Fill every target with a prefix and the source, as a translator's tool would. */
function fill(xliff: string, prefix: string): string {
  const {document} = readXliff(xliff)
  return writeXliff({...document!, files: document!.files.map((file) => ({...file, units: file.units.map((unit) => ({...unit, target: [{type: 'text', value: prefix} as Inline, ...unit.source], state: 'translated'}))}))})
}

/** Compile a merged translation (files of translations/<language>/) against its source, as `validate` does. */
function check(input: CourseInput, files: ReadonlyMap<string, string>, language: string) {
  const sourceFiles = new Map(input.files)
  for (const [name, text] of files) sourceFiles.set(name, text)
  const source = {...input, files: sourceFiles}
  const course = compileCourse(source).course!
  const prefix = 'translations/' + language + '/'
  const translated = new Map([...sourceFiles].filter(([name]) => name.startsWith(prefix)).map(([name, text]) => [name.slice(prefix.length), text]))
  const assets = new Set([...input.assets].filter((name) => !/\.(md|ya?ml)$/.test(name)).concat([...translated.keys()]))
  return compileTranslation({input: source, course}, language, {slug: input.slug, files: translated, assets})
}

describe('segmentMarkdown', () => {
  const module = `---
id: m
title: Rules
outcomes: [LO1]
---

## First *page*

Staff use :term[dynamic security]{def="Security from relationships."} and **more**
every day.

:::note{kind=warning title="Phones stay outside"}
Use the locker. ![A locker](../media/l.svg)
:::

| Need | Service |
| --- | --- |
| Debts | Debt counselling |

:::quiz{id=check}
::::question{id=q1 type=single outcome=LO1}
Who?

- [x] Everyone
  > Right.
- [ ] Nobody
::::
:::
`

  test('stable ids from the module id and the block path; notes for context', () => {
    const {units} = segmentMarkdown(module, 'm')
    expect(units.map((unit) => unit.id)).toEqual([
      'm/title', 'm/s1/h1', 'm/s1/p1/term1/@def', 'm/s1/p1', 'm/s1/note1/@title', 'm/s1/note1/p1',
      'm/s1/table1/row1/cell1', 'm/s1/table1/row1/cell2', 'm/s1/table1/row2/cell1', 'm/s1/table1/row2/cell2',
      'm/s1/check/q1/p1', 'm/s1/check/q1/list1/li1/p1', 'm/s1/check/q1/list1/li1/quote1/p1', 'm/s1/check/q1/list1/li2/p1'
    ])
    expect(units.find((unit) => unit.id === 'm/s1/check/q1/list1/li1/p1')!.note).toBe('Page 1 › quiz `check` › question `q1` › correct option')
    // The same text gives the same ids and hashes.
    expect(segmentMarkdown(module, 'm').units).toEqual(units)
  })

  test('inline Markdown becomes codes; soft line breaks become spaces', () => {
    const {units} = segmentMarkdown(module, 'm')
    expect(units.find((unit) => unit.id === 'm/s1/p1')!.source).toEqual([
      {type: 'text', value: 'Staff use '},
      {type: 'open', id: 1, ctype: 'x-term', native: ':term['},
      {type: 'text', value: 'dynamic security'},
      {type: 'close', id: 1, native: ']{def="Security from relationships."}'},
      {type: 'text', value: ' and '},
      {type: 'open', id: 2, ctype: 'bold', native: '**'},
      {type: 'text', value: 'more'},
      {type: 'close', id: 2, native: '**'},
      {type: 'text', value: ' every day.'}
    ])
    expect(units.find((unit) => unit.id === 'm/s1/note1/p1')!.source).toEqual([
      {type: 'text', value: 'Use the locker. '},
      {type: 'open', id: 1, ctype: 'x-image', native: '!['},
      {type: 'text', value: 'A locker'},
      {type: 'close', id: 1, native: '](../media/l.svg)'}
    ])
  })

  test('applying translations keeps ids, attributes and answers; rewrites text attributes; escapes pipes in cells', () => {
    const segmented = segmentMarkdown(module, 'm')
    const targets = new Map<string, Inline[]>([
      ['m/s1/p1', [{type: 'text', value: 'Das Personal nutzt '}, {type: 'open', id: 1, ctype: 'x-term', native: ''}, {type: 'text', value: 'dynamische Sicherheit'}, {type: 'close', id: 1, native: ''}, {type: 'text', value: ' täglich, '}, {type: 'open', id: 2, ctype: 'bold', native: ''}, {type: 'text', value: 'mehr'}, {type: 'close', id: 2, native: ''}, {type: 'text', value: '.'}]],
      ['m/s1/p1/term1/@def', [{type: 'text', value: 'Sicherheit durch "Beziehungen".'}]],
      ['m/s1/note1/@title', [{type: 'text', value: 'Handys bleiben draußen'}]],
      ['m/s1/table1/row2/cell2', [{type: 'text', value: 'Schulden | Beratung'}]],
      ['m/s1/check/q1/list1/li1/p1', [{type: 'text', value: 'Alle'}]],
      ['m/title', [{type: 'text', value: 'Regeln: kurz'}]]
    ])
    const out = applyTranslations(segmented, targets, {sourceHash: 'abcdef012345'})
    expect(out).toContain('title: "Regeln: kurz"\noutcomes: [LO1]\nsourceHash: abcdef012345\n---')
    expect(out).toContain('Das Personal nutzt :term[dynamische Sicherheit]{def="Sicherheit durch &quot;Beziehungen&quot;."} täglich, **mehr**.')
    expect(out).toContain(':::note{kind=warning title="Handys bleiben draußen"}')
    expect(out).toContain('| Debts | Schulden \\| Beratung |')
    expect(out).toContain('- [x] Alle\n  > Right.')
    expect(out).toContain('::::question{id=q1 type=single outcome=LO1}')
  })

  test('no targets: every Markdown file of examples/ and curricula/ comes back byte for byte', async () => {
    const files: string[] = []
    for (const group of ['examples', 'curricula']) {
      for (const entry of await fs.readdir(path.join(root, group), {recursive: true, withFileTypes: true})) {
        if (entry.isFile() && entry.name.endsWith('.md')) files.push(path.join(entry.parentPath, entry.name))
      }
    }
    expect(files.length).toBeGreaterThan(30)
    for (const file of files) {
      const text = (await fs.readFile(file, 'utf8')).replace(/\r\n?/g, '\n')
      const segmented = segmentMarkdown(text, 'x')
      expect(applyTranslations(segmented, new Map()), file).toBe(text)
      expect(applyTranslations(segmented, new Map(segmented.units.map((unit) => [unit.id, unit.source]))), file).toBe(text)
    }
  })
})

describe('extractXliff', () => {
  test('writes XLIFF 1.2: one <file> per course file, unique ids, hashes, valid inline codes', async () => {
    const input = await readFolder('examples/directives-tour')
    const course = compileCourse(input).course!
    const result = extractXliff({input, course, language: 'de'})
    expect(result.files).toBe(5) // course.yaml, two modules, the shared include, the transcript
    const parsed = new XMLParser({ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['file', 'trans-unit'].includes(name)}).parse(result.xliff)
    expect(parsed.xliff.version).toBe('1.2')
    expect(parsed.xliff.xmlns).toBe('urn:oasis:names:tc:xliff:document:1.2')
    const files = parsed.xliff.file as Array<Record<string, unknown> & {body: {'trans-unit': Array<Record<string, string>>}}>
    expect(files.map((file) => file.original)).toEqual(['course.yaml', 'modules/01-first-day.md', 'modules/02-on-the-wing.md', 'media/interview.md', 'shared/contact.md'])
    for (const file of files) {
      expect(file['source-language']).toBe('en')
      expect(file['target-language']).toBe('de')
      expect(file['cm:sourceHash']).toBe(sourceHash(input.files.get(file.original as string)!))
      expect(file.datatype).toMatch(/^x-(markdown|yaml)$/)
    }
    const ids = files.flatMap((file) => file.body['trans-unit'].map((unit) => unit.id))
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.length).toBe(result.units)
    // ctype values allowed by the XLIFF 1.2 schema: bold, italic, underlined, link or x-… on paired codes.
    for (const match of result.xliff.matchAll(/<bpt [^>]*ctype="([^"]+)"/g)) expect(match[1]).toMatch(/^(bold|italic|underlined|link|x-\S+)$/)
    for (const match of result.xliff.matchAll(/<ph [^>]*ctype="([^"]+)"/g)) expect(match[1]).toMatch(/^(image|pb|lb|x-\S+)$/)
  })

  test('an existing translation fills the targets', async () => {
    const input = await readFolder('curricula/workpris-tso-collaboration')
    const course = compileCourse(input).course!
    const translation = new Map([...input.files].filter(([name]) => name.startsWith('translations/de/')).map(([name, text]) => [name.slice('translations/de/'.length), text]))
    const result = extractXliff({input, course, language: 'de', translation})
    expect(result.prefilled).toBeGreaterThan(result.units * 0.9)
    const {document} = readXliff(result.xliff)
    const title = document!.files[0]!.units.find((unit) => unit.id === 'course/title')!
    expect(title.target).toEqual([{type: 'text', value: (await import('yaml')).parse(translation.get('course.yaml')!).title}])
  })
})

describe('mergeXliff', () => {
  test('round trip: extract, translate every unit, merge; the translation compiles with no errors and keeps every answer', async () => {
    const input = await readFolder('examples/all-question-types')
    const course = compileCourse(input).course!
    const xliff = fill(extractXliff({input, course, language: 'de'}).xliff, '[de] ')
    const result = mergeXliff({input, course, xliff})
    expect(result.ok).toBe(true)
    expect(result.diagnostics).toEqual([])
    expect(result.summary).toMatchObject({translated: result.summary.units, untranslated: 0, stale: 0, unknown: 0})
    expect([...result.files.keys()].sort()).toEqual(['course.yaml', 'translations/de/course.yaml', 'translations/de/modules/01-quiz.md'])
    expect(result.files.get('course.yaml')).toContain('\ntranslations: [de]\n')
    const compiled = check(input, result.files, 'de')
    expect(compiled.messages.map((message) => message.ruleId + ' ' + message.reason)).toEqual([])
    expect(compiled.course!.title).toBe('[de] Example: Every Question Type')
    expect(compiled.course!.translation).toMatchObject({sourceLanguage: 'en', status: 'draft'})
  })

  test('stale units are flagged, not merged, and leave the module outdated', async () => {
    const input = await readFolder('examples/all-question-types')
    const course = compileCourse(input).course!
    const xliff = fill(extractXliff({input, course, language: 'de'}).xliff, '[de] ')
    // The author changes one sentence after extraction.
    const changed = new Map(input.files)
    changed.set('modules/01-quiz.md', input.files.get('modules/01-quiz.md')!.replace('Carry your identity card and show it at the gate.', 'Carry your identity card and your permit.'))
    const changedInput = {...input, files: changed}
    const result = mergeXliff({input: changedInput, course: compileCourse(changedInput).course!, xliff, xliffPath: 'de.xlf'})
    expect(result.summary.stale).toBe(1)
    const stale = result.diagnostics.filter((d) => d.rule === 'xliff-stale-unit')
    expect(stale).toHaveLength(1)
    expect(stale[0]!.message).toContain('visiting-rules/s1/list1/li2/p1')
    expect(stale[0]!.line).toBe(xliff.split('\n').findIndex((line) => line.includes('id="visiting-rules/s1/list1/li2/p1"')) + 1)
    const module = result.files.get('translations/de/modules/01-quiz.md')!
    expect(module).toContain('- Carry your identity card and your permit.') // not merged: the new source text stays
    expect(module).toContain('- [de] Leave your phone') // other units are merged
    expect(module).toContain('sourceHash: ' + sourceHash(input.files.get('modules/01-quiz.md')!)) // the hash it was translated from
    const compiled = check(changedInput, result.files, 'de')
    expect(compiled.messages.filter((m) => m.fatal)).toEqual([])
    expect(compiled.messages.map((m) => m.ruleId)).toEqual(['translation-outdated'])
  })

  test('untranslated units keep the source; units the course no longer has are reported', async () => {
    const input = await readFolder('examples/all-question-types')
    const course = compileCourse(input).course!
    const {document} = readXliff(extractXliff({input, course, language: 'sl'}).xliff)
    const edited: XliffDocument = {...document!, files: document!.files.map((file) => ({...file, units: [
      ...file.units.map((unit) => (unit.id === 'course/title' ? {...unit, target: [{type: 'text' as const, value: 'Primer'}]} : unit)),
      {id: file.original + '/gone', source: [{type: 'text' as const, value: 'Old'}], target: [{type: 'text' as const, value: 'Staro'}]}
    ]}))}
    const result = mergeXliff({input, course, xliff: writeXliff(edited)})
    expect(result.summary).toMatchObject({translated: 1, stale: 0, unknown: 2})
    expect(result.summary.untranslated).toBe(result.summary.units - 1)
    expect(result.files.get('translations/sl/course.yaml')).toContain('title: Primer\n')
    expect(result.diagnostics.map((d) => d.rule)).toEqual(['xliff-unknown-unit', 'xliff-unknown-unit'])
  })

  test('reads what CAT tools write: <g>, <x/>, <mrk> segments, codes in another order', async () => {
    const input = await readFolder('examples/all-question-types')
    const course = compileCourse(input).course!
    const xliff = extractXliff({input, course, language: 'de'}).xliff
    const unit = /<trans-unit id="visiting-rules\/s3\/p1"[\s\S]*?<\/trans-unit>/.exec(xliff)![0]
    expect(unit).toContain('<source>This first quiz gives you <bpt id="1" ctype="bold">**</bpt>two tries<ept id="1">**</ept> per question before the answer is shown.</source>')
    const translated = unit.replace('</source>', '</source><target state="translated"><mrk mtype="seg" mid="1">Dieses erste Quiz gibt Ihnen <g id="1">zwei Versuche</g> pro Frage.</mrk></target>')
    const result = mergeXliff({input, course, xliff: xliff.replace(unit, translated)})
    expect(result.files.get('translations/de/modules/01-quiz.md')).toContain('\nDieses erste Quiz gibt Ihnen **zwei Versuche** pro Frage.\n')
  })

  test('refuses files it cannot use, and writes nothing', async () => {
    const input = await readFolder('examples/all-question-types')
    const course = compileCourse(input).course!
    const xliff = extractXliff({input, course, language: 'de'}).xliff
    const broken = mergeXliff({input, course, xliff: xliff.replace('</body>', ''), xliffPath: 'de.xlf'})
    expect(broken.ok).toBe(false)
    expect(broken.files.size).toBe(0)
    expect(broken.diagnostics[0]).toMatchObject({file: 'de.xlf', severity: 'error', rule: 'xliff-invalid'})
    expect(mergeXliff({input, course, xliff: xliff.replace('version="1.2"', 'version="2.0"')}).diagnostics[0]!.message).toContain('expected `1.2`')
    expect(mergeXliff({input, course, xliff: xliff.replaceAll('target-language="de"', 'target-language="en"')}).diagnostics[0]!.rule).toBe('xliff-language')
  })

  test('every problem is a rule of the catalogue, with its severity and hint, placed in the XLIFF file', async () => {
    const input = await readFolder('examples/all-question-types')
    const course = compileCourse(input).course!
    const xliff = extractXliff({input, course, language: 'de'}).xliff
    const lines = xliff.split('\n')
    const cases = [
      // Line and column of `target-language` in the first `<file>`.
      {xliff: xliff.replaceAll('target-language="de"', 'target-language="en"'), rule: rules.xliffLanguage, at: [lines.findIndex((line) => line.includes('target-language')) + 1, lines.find((line) => line.includes('target-language'))!.indexOf('target-language') + 1]},
      // The `id` of the unit the course does not have.
      {xliff: xliff.replace('id="course/title"', 'id="course/subtitle"'), rule: rules.xliffUnknownUnit, at: [lines.findIndex((line) => line.includes('id="course/title"')) + 1, lines.find((line) => line.includes('id="course/title"'))!.indexOf('id="course/title"') + 1]},
      // The closing tag that does not match.
      {xliff: xliff.replace('</source>', '</target>'), rule: rules.xliffInvalid, at: [lines.findIndex((line) => line.includes('</source>')) + 1, lines.find((line) => line.includes('</source>'))!.indexOf('</source>') + 1]}
    ]
    for (const item of cases) {
      const found = mergeXliff({input, course, xliff: item.xliff, xliffPath: 'de.xlf'}).diagnostics.filter((d) => d.rule === item.rule.id)
      expect(found.length, item.rule.id).toBeGreaterThan(0)
      expect(found[0], item.rule.id).toMatchObject({file: 'de.xlf', line: item.at[0], column: item.at[1], severity: item.rule.severity, hint: item.rule.hint})
    }
  })
})
