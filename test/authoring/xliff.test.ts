import fs from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {readXliff, writeXliff, type Inline} from '@coursemark/xliff'
import {copyToTemp, exists, runCli} from '../helpers/cli.js'

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
    expect(html).toContain('[de] Put the steps of entering the prison in the usual order.')

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

  test('extract needs a language other than the course’s own', async () => {
    const course = await copyToTemp('examples/all-question-types')
    const result = await runCli(['xliff', 'extract', 'all-question-types', '--lang', 'en'], {cwd: path.dirname(course)})
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('name the language to translate into')
  })
})
