import fs from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {readXliff, writeXliff, type Inline} from '@coursemark/xliff'
import {copyToTemp, exists, runCli} from '../helpers/cli.js'
import {courseOfScript} from '../helpers/course-script.js'

async function fillTargets(file: string, prefix: string): Promise<void> {
  const {document, problems} = readXliff(await fs.readFile(file, 'utf8'))
  expect(problems).toEqual([])
  await fs.writeFile(file, writeXliff({...document!, files: document!.files.map((f) => ({...f, units: f.units.map((unit) => ({...unit, target: [{type: 'text', value: prefix} as Inline, ...unit.source], state: 'translated'}))}))}))
}

describe('coursemark xliff', () => {
  test('extract → translate → merge → validate (no errors) → build web', async () => {
    const course = await copyToTemp('examples/all-question-types')
    const cwd = path.dirname(course)
    const extracted = await runCli(['xliff', 'extract', 'all-question-types', '--lang', 'de'], {cwd})
    expect(extracted.exitCode).toBe(0)
    expect(extracted.stderr).toMatch(/^Wrote all-question-types\.de\.xlf: \d+ units in 2 files, en → de\.\n$/)
    const xlf = path.join(cwd, 'all-question-types.de.xlf')
    await fillTargets(xlf, '[de] ')

    const merged = await runCli(['xliff', 'merge', 'all-question-types', 'all-question-types.de.xlf'], {cwd})
    expect(merged.exitCode).toBe(0)
    expect(merged.stderr).toMatch(/Merged all-question-types\.de\.xlf into all-question-types\/translations\/de\/: (\d+) of \1 units translated\./)
    expect(merged.stderr).toContain('all-question-types (de): no problems')
    expect(await fs.readFile(path.join(course, 'course.yaml'), 'utf8')).toContain('\ntranslations: [de]\n')

    const validated = await runCli(['validate', 'all-question-types', '--format', 'json'], {cwd})
    expect(validated.exitCode).toBe(0)
    expect(JSON.parse(validated.stdout)).toEqual([])

    const built = await runCli(['build', 'all-question-types', '--target', 'web', '--lang', 'de', '--out', 'dist'], {cwd})
    expect(built.exitCode).toBe(0)
    const html = await fs.readFile(path.join(cwd, 'dist/all-question-types-1.0.0-de-web/index.html'), 'utf8')
    expect(html).toContain('<html lang="de"')
    expect(html).toContain('[de] Example: Every Question Type')
    const script = await fs.readFile(path.join(cwd, 'dist/all-question-types-1.0.0-de-web/course.js'), 'utf8')
    expect(JSON.stringify(courseOfScript(script))).toContain('[de] Put the steps of entering the prison in the usual order.')

    // Extracting again gives the translation back as targets, ready for review.
    const again = await runCli(['xliff', 'extract', 'all-question-types', '--lang', 'de', '--out', 'again.xlf'], {cwd})
    expect(again.stderr).toMatch(/(\d+) units in 2 files, en → de, \1 already translated \(from translations\/de\/\)\./)
  })

  test('a broken file: diagnostics with file:line, exit 1, nothing written', async () => {
    const course = await copyToTemp('examples/all-question-types')
    const cwd = path.dirname(course)
    await runCli(['xliff', 'extract', 'all-question-types', '--lang', 'de', '--out', 'de.xlf'], {cwd})
    const text = await fs.readFile(path.join(cwd, 'de.xlf'), 'utf8')
    await fs.writeFile(path.join(cwd, 'de.xlf'), text.replace('</trans-unit>', ''))
    const merged = await runCli(['xliff', 'merge', 'all-question-types', 'de.xlf'], {cwd})
    expect(merged.exitCode).toBe(1)
    expect(merged.stderr).toMatch(/^de\.xlf:\d+:\d+: error xliff-invalid Unexpected XML: /)
    expect(merged.stderr).toContain('Nothing was written.')
    expect(await exists(path.join(course, 'translations'))).toBe(false)
    expect(await fs.readFile(path.join(course, 'course.yaml'), 'utf8')).not.toContain('translations:')
  })

  test('merge --format json and github: the problems of the file and of the merged translation, with paths from the working folder', async () => {
    const course = await copyToTemp('examples/all-question-types')
    const cwd = path.dirname(course)
    await runCli(['xliff', 'extract', 'all-question-types', '--lang', 'de', '--out', 'de.xlf'], {cwd})
    await fillTargets(path.join(cwd, 'de.xlf'), '[de] ')
    // The author changes a sentence after the file was extracted: one stale unit.
    const module = path.join(course, 'modules/01-quiz.md')
    await fs.writeFile(module, (await fs.readFile(module, 'utf8')).replace('Carry your identity card and show it at the gate.', 'Carry your identity card and your permit.'))
    const json = await runCli(['xliff', 'merge', 'all-question-types', 'de.xlf', '--format', 'json'], {cwd})
    expect(json.exitCode).toBe(0)
    const diagnostics = JSON.parse(json.stdout) as Array<{file: string; line: number; rule: string; severity: string; hint?: string}>
    expect(diagnostics.map((d) => [d.file, d.rule, d.severity])).toEqual([
      ['de.xlf', 'xliff-stale-unit', 'warning'],
      ['all-question-types/translations/de/modules/01-quiz.md', 'translation-outdated', 'warning']
    ])
    const xlf = (await fs.readFile(path.join(cwd, 'de.xlf'), 'utf8')).split('\n')
    expect(diagnostics[0]!.line).toBe(xlf.findIndex((line) => line.includes('id="visiting-rules/s1/list1/li2/p1"')) + 1)
    expect(diagnostics[0]!.hint).toMatch(/^Extract the file again/)
    expect(json.stderr).toContain('1 stale (source changed since extraction; not merged)')

    const text = await fs.readFile(path.join(cwd, 'de.xlf'), 'utf8')
    await fs.writeFile(path.join(cwd, 'de.xlf'), text.replace('source-language="en"', 'source-language="en-US"'))
    const github = await runCli(['xliff', 'merge', 'all-question-types', 'de.xlf', '--format', 'github'], {cwd})
    expect(github.exitCode).toBe(1)
    expect(github.stdout).toMatch(/^::error file=de\.xlf,line=3,col=\d+,title=xliff-language::Unexpected source language `en-US`, expected `en` as in course\.yaml — /)
    expect(github.stderr).toBe('Nothing was written.\n')
  })

  test('extract needs a language other than the course’s own', async () => {
    const course = await copyToTemp('examples/all-question-types')
    const result = await runCli(['xliff', 'extract', 'all-question-types', '--lang', 'en'], {cwd: path.dirname(course)})
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('name the language to translate into')
  })
})
