import fs from 'node:fs/promises'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {describe, expect, test} from 'vitest'
import {launchChromium} from '../helpers/browser.js'
import {copyToTemp, exists, runCli} from '../helpers/cli.js'

describe('build --target guide', () => {
  test('writes <course>-<version>-<lang>-guide.html that prints to several A4 pages without a request', async () => {
    const course = await copyToTemp('examples/directives-tour')
    const cwd = path.dirname(course)
    const result = await runCli(['build', 'directives-tour', '--target', 'guide', '--out', 'dist'], {cwd})
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toBe('dist/directives-tour-1.0.0-en-guide.html\n')
    const file = path.join(cwd, 'dist/directives-tour-1.0.0-en-guide.html')
    // Not an LMS package: no zip, no checksum file (`.coursemark-cache` holds the build cache's record).
    expect(await fs.readdir(path.join(cwd, 'dist'))).toEqual(['.coursemark-cache', 'directives-tour-1.0.0-en-guide.html'])

    const browser = await launchChromium()
    try {
      const page = await browser.context.newPage()
      const requests: string[] = []
      page.on('request', (request) => requests.push(request.url()))
      await page.goto(pathToFileURL(file).href)
      expect(requests).toEqual([pathToFileURL(file).href])
      expect(await page.locator('aside.trainer').count()).toBe(3)
      expect(await page.locator('#answers .question').count()).toBe(2)
      await page.emulateMedia({media: 'print'})
      // Each chapter starts on a new page when printed.
      expect(await page.locator('#answers').evaluate((element) => getComputedStyle(element).breakBefore)).toBe('page')
      const pdf = await page.pdf({format: 'A4'})
      const pages = (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length
      expect(pages).toBeGreaterThanOrEqual(4)
    } finally {
      await browser.close()
    }
  })

  test('a guide per language, labelled in its language; never built unless asked for', async () => {
    const course = await copyToTemp('curricula/workpris-tso-collaboration')
    const cwd = path.dirname(course)
    const result = await runCli(['build', 'workpris-tso-collaboration', '--target', 'guide', '--lang', 'en,de', '--out', 'dist'], {cwd})
    expect(result.stdout.split('\n').filter(Boolean).sort()).toEqual(['dist/workpris-tso-collaboration-1.0.0-de-guide.html', 'dist/workpris-tso-collaboration-1.0.0-en-guide.html'])
    const de = await fs.readFile(path.join(cwd, 'dist/workpris-tso-collaboration-1.0.0-de-guide.html'), 'utf8')
    expect(de).toContain('<html lang="de">')
    // The German translation's guide is labelled in German (packages/guide/src/lib/labels.ts).
    expect(de).toContain('Übersetzungsentwurf: noch nicht von einer Trainerin oder einem Trainer mit Deutsch als Muttersprache geprüft.')
    expect(de).toMatch(/<title>Trainerhandbuch: Arbeiten im Gefängnis/)
    for (const label of ['<h2>Lernergebnisse</h2>', '<h2>Ablaufplan</h2>', '<h2>Lösungen</h2>', '<h2>Glossar</h2>', '<p class="label">Hinweis für Trainer</p>']) expect(de).toContain(label)
    for (const english of ['Draft translation', 'Trainer guide', 'Session plan', 'Answer key', 'Trainer note']) expect(de).not.toContain(english)
    const en = await fs.readFile(path.join(cwd, 'dist/workpris-tso-collaboration-1.0.0-en-guide.html'), 'utf8')
    expect(en).toContain('<h2>Answer key</h2>')

    const plain = await runCli(['build', 'workpris-tso-collaboration', '--lang', 'en', '--out', 'plain'], {cwd})
    expect(plain.exitCode).toBe(0)
    expect(await exists(path.join(cwd, 'plain/workpris-tso-collaboration-1.0.0-en-guide.html'))).toBe(false)
  })
})
