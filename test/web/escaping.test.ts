import {execFileSync} from 'node:child_process'
import fs from 'node:fs/promises'
import path from 'node:path'
import {expect, test} from 'vitest'
import {runCli, repoRoot, tempDir} from '../helpers/cli.js'
import {unzip} from '../conformance/lib/unzip.js'
import {courseOfFolder} from '../helpers/course-script.js'
import {launchChromium} from '../helpers/browser.js'

// Titles and text with & < > " ' and non-ASCII survive intact into every output, escaped correctly.
const course = 'examples/escaping-and-languages'
const title = 'Zaključni preizkus – Übung „Grenzen“ & <Regeln>: "Nein" sagen, wenn\'s drauf ankommt'

function xpath(xml: string, expression: string): string {
  return execFileSync('xmllint', ['--nonet', '--xpath', expression, '-'], {input: xml, encoding: 'utf8'}).replace(/\n$/, '')
}

test('special characters survive into the launch page, the course script and both manifests', async () => {
  const out = await tempDir()
  const result = await runCli(['build', path.join(repoRoot, course), '--target', 'scorm12,scorm2004,web', '--out', out], {cwd: repoRoot})
  expect(result.exitCode, result.stderr).toBe(0)
  const web = path.join(out, 'escaping-and-languages-1.0.0-de-web')
  const html = await fs.readFile(path.join(web, 'index.html'), 'utf8')
  expect(html).toContain('<title>Zaključni preizkus – Übung „Grenzen“ &amp; &lt;Regeln&gt;: &quot;Nein&quot; sagen, wenn&#x27;s drauf ankommt</title>')
  expect(html).not.toMatch(/<Regeln>/) // never raw in the page
  expect((await courseOfFolder(web) as {title: string}).title).toBe(title)

  for (const target of ['scorm12', 'scorm2004']) {
    const files = unzip(await fs.readFile(path.join(out, 'escaping-and-languages-1.0.0-de-' + target + '.zip')))
    const manifest = new TextDecoder().decode(files.get('imsmanifest.xml'))
    expect(xpath(manifest, 'string(//*[local-name()="organization"]/*[local-name()="title"])')).toBe(title)
    expect(manifest).toContain('&amp; &lt;Regeln&gt;')
  }

  // And the browser shows them as text.
  const browser = await launchChromium()
  try {
    const page = await browser.context.newPage()
    await page.goto('file://' + path.join(web, 'index.html'))
    expect(await page.title()).toBe(title)
    await expect.poll(() => page.locator('.cm-course-title').textContent()).toBe(title)
  } finally {
    await browser.close()
  }
})
