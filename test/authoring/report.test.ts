import fs from 'node:fs/promises'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {describe, expect, test} from 'vitest'
import type {Report} from '@coursemark/report'
import {launchChromium} from '../helpers/browser.js'
import {copyToTemp, repoRoot, runCli, tempDir} from '../helpers/cli.js'

async function coursesIn(group: string): Promise<string[]> {
  const entries = await fs.readdir(path.join(repoRoot, group), {withFileTypes: true})
  const found: string[] = []
  for (const entry of entries) {
    if (entry.isDirectory() && (await fs.stat(path.join(repoRoot, group, entry.name, 'course.yaml')).catch(() => undefined))) found.push(group + '/' + entry.name)
  }
  return found.sort()
}

async function reportJson(course: string, cwd = repoRoot): Promise<Report> {
  const result = await runCli(['report', course, '--format', 'json'], {cwd})
  expect(result.stderr).toBe('')
  expect(result.exitCode).toBe(0)
  return JSON.parse(result.stdout) as Report
}

const curricula = await coursesIn('curricula')
const examples = await coursesIn('examples')

describe('coursemark report --format json', () => {
  test.each(curricula)('%s: every outcome is taught and assessed, and the matrix agrees with the course', async (course) => {
    const report = await reportJson(course)
    expect(report.outcomes.length).toBeGreaterThan(0)
    for (const outcome of report.outcomes) {
      expect.soft(outcome.taughtBy, outcome.id + ' taught').not.toEqual([])
      expect.soft(outcome.assessedBy, outcome.id + ' assessed').not.toEqual([])
      expect.soft(outcome.gaps).toEqual([])
      expect(outcome.cells.map((cell) => cell.module)).toEqual(report.modules.map((module) => module.id))
      for (const cell of outcome.cells) {
        const module = report.modules.find((m) => m.id === cell.module)!
        expect(cell.taught).toBe(module.outcomes.includes(outcome.id))
      }
      expect(outcome.cells.flatMap((cell) => cell.assessments).sort()).toEqual(outcome.assessedBy.map((ref) => ref.id).sort())
    }
    expect(report.totals.gaps).toBe(0)
    for (const module of report.modules) {
      expect(module.words, module.id).toBeGreaterThan(50)
      expect(module.minutes.total, module.id).toBeGreaterThan(0)
    }
    expect(report.totals.questions + report.totals.scenarios).toBe(report.bloom.reduce((sum, row) => sum + row.assessments, 0))
  })

  test.each(examples)('%s: reports every outcome and module', async (course) => {
    const report = await reportJson(course)
    const yaml = await fs.readFile(path.join(repoRoot, course, 'course.yaml'), 'utf8')
    for (const outcome of report.outcomes) expect(yaml).toContain('id: ' + outcome.id)
    expect(report.modules.length).toBeGreaterThan(0)
    for (const outcome of report.outcomes) expect(outcome.taughtBy).not.toEqual([])
  })

  test('translations: every listed language is reported; a changed source makes it outdated, a removed one missing', async () => {
    const course = await copyToTemp('curricula/workpris-tso-collaboration')
    const cwd = path.dirname(course)
    const before = await reportJson('workpris-tso-collaboration', cwd)
    expect(before.translations.map((t) => t.language).sort()).toEqual(['cs', 'de', 'sl'])
    for (const translation of before.translations) {
      expect(['ok', 'outdated', 'mismatch', 'missing', 'errors']).toContain(translation.status)
      expect(translation.modules.map((m) => m.id)).toEqual(before.modules.map((m) => m.id))
    }
    const first = before.modules[0]!
    const file = path.join(course, first.file)
    await fs.writeFile(file, (await fs.readFile(file, 'utf8')).replace(/^title: .*$/m, 'title: A new title for the source module'))
    await fs.rm(path.join(course, 'translations/cs'), {recursive: true})
    const after = await reportJson('workpris-tso-collaboration', cwd)
    const de = after.translations.find((t) => t.language === 'de')!
    expect(de.modules[0]).toEqual({id: first.id, file: 'translations/de/' + first.file, status: 'outdated'})
    expect(['outdated', 'mismatch', 'errors', 'missing']).toContain(de.status)
    const cs = after.translations.find((t) => t.language === 'cs')!
    expect(cs.status).toBe('missing')
    expect(cs.modules.every((m) => m.status === 'missing')).toBe(true)
  })

  test('a course with errors gets no report (exit 1, diagnostics shown)', async () => {
    const course = await copyToTemp('examples/all-question-types')
    await fs.writeFile(path.join(course, 'course.yaml'), (await fs.readFile(path.join(course, 'course.yaml'), 'utf8')).replace('title:', 'titel:'))
    const result = await runCli(['report', 'all-question-types', '--format', 'json'], {cwd: path.dirname(course)})
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain('missing-field')
    expect(result.stderr).toContain('no report, fix the errors above first')
  })
})

describe('coursemark report (HTML)', () => {
  test('writes one offline page that Chromium renders without a single request or script', async () => {
    const dir = await tempDir()
    const out = path.join(dir, 'report.html')
    const result = await runCli(['report', 'curricula/workpris-tso-collaboration', '--out', out], {cwd: repoRoot})
    expect(result.exitCode).toBe(0)
    expect(result.stderr).toMatch(/^Wrote .*report\.html\n$/)
    const report = await reportJson('curricula/workpris-tso-collaboration')

    const browser = await launchChromium()
    try {
      const page = await browser.context.newPage()
      const requests: string[] = []
      page.on('request', (request) => requests.push(request.url()))
      await page.goto(pathToFileURL(out).href)
      expect(requests).toEqual([pathToFileURL(out).href])
      expect(await page.locator('script').count()).toBe(0)
      // One row per outcome, one column per module (plus the outcome and total columns).
      expect(await page.locator('table.matrix tbody tr').count()).toBe(report.outcomes.length)
      expect(await page.locator('table.matrix thead th').count()).toBe(report.modules.length + 2)
      expect(await page.locator('table.matrix tr.gap').count()).toBe(0)
      expect(await page.locator('#translations article').count()).toBe(3)
      // The matrix is laid out as a grid people can read: cells are squares of the same size.
      const boxes = await page.locator('table.matrix .cell.both').evaluateAll((cells) => cells.map((cell) => cell.getBoundingClientRect()).map((box) => [Math.round(box.width), Math.round(box.height)]))
      expect(boxes.length).toBeGreaterThan(0)
      expect(new Set(boxes.map((box) => box.join('x')))).toEqual(new Set(['30x30']))
    } finally {
      await browser.close()
    }
  })

  test('highlights gaps in red', async () => {
    const course = await copyToTemp('examples/all-question-types')
    const yaml = await fs.readFile(path.join(course, 'course.yaml'), 'utf8')
    await fs.writeFile(path.join(course, 'course.yaml'), yaml.replace('modules:\n', `  - id: LO4
    statement: Reflect on one's own reactions to pressure.
    bloom: evaluate
    domain: responsibility-autonomy
    eqf: 5
modules:
`))
    const module = path.join(course, 'modules/01-quiz.md')
    await fs.writeFile(module, (await fs.readFile(module, 'utf8')).replace('outcomes: [LO1, LO2, LO3]', 'outcomes: [LO1, LO2, LO3, LO4]'))
    const cwd = path.dirname(course)
    const json = await reportJson('all-question-types', cwd)
    expect(json.outcomes.find((o) => o.id === 'LO4')!.gaps).toEqual(['not-assessed'])
    const result = await runCli(['report', 'all-question-types', '--out', '-'], {cwd})
    expect(result.stdout.match(/<tr class="gap">/g)).toHaveLength(1)
    expect(result.stdout).toContain('<span class="chip bad">not assessed</span>')
  })
})
