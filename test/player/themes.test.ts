import fs from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {launchChromium, type Browser} from '../helpers/browser.js'
import {copyToTemp, repoRoot, runCli, tempDir, writeFiles} from '../helpers/cli.js'
import {buildExample, watchErrors} from './helpers.js'

// The theme contract: `theme:` in course.yaml picks a theme; a theme may extend another; a
// partner brands a course with a theme folder beside course.yaml (custom properties, a logo in
// the header, a footer, its own strings), without touching code.

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

test('`theme: high-contrast` builds with the default layout and strings, and the default CSS followed by its own', async () => {
  const built = await buildExample('escaping-and-languages', 'high-contrast')
  try {
    const html = await fs.readFile(path.join(built.folder, 'index.html'), 'utf8')
    expect(html).toContain('data-theme="high-contrast"')
    expect(html).toContain('"pager.next":"Weiter"')
    const css = await fs.readFile(path.join(built.folder, 'assets/coursemark.css'), 'utf8')
    const own = await fs.readFile(path.join(repoRoot, 'themes/high-contrast/coursemark.css'), 'utf8')
    const base = await fs.readFile(path.join(repoRoot, 'themes/default/coursemark.css'), 'utf8')
    expect(css).toBe(base + '\n' + own)
    const page = await browser.context.newPage()
    try {
      await page.goto(built.url + 'index.html')
      await page.locator('.cm-page-title').waitFor()
      // Large text: the body font is 20 px (1.25rem) in this theme.
      expect(await page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('20px')
      expect(await page.locator('.cm-next').textContent()).toBe('Weiter')
    } finally {
      await page.close()
    }
  } finally {
    await built.served.close()
  }
})

test('a partner theme beside course.yaml brands the course: colours, logo, footer and strings', async () => {
  const built = await buildExample('all-question-types', 'acme', (course) => writeFiles(course, {
    'themes/acme/theme.json': '{"extends": "default"}\n',
    'themes/acme/coursemark.css': ':root {\n  --cm-accent: #7a1f5c;\n  --cm-accent-hover: #5c1745;\n}\n',
    'themes/acme/partials/brand.hbs': '<img src="assets/theme/logo.svg" alt="ACME Training" width="96" height="32">\n',
    'themes/acme/partials/footer.hbs': '<p>{{lookup strings "brand.footer"}}</p>\n',
    'themes/acme/strings/en.json': '{"brand.footer": "Funded by the ACME Foundation", "pager.next": "Onward"}\n',
    'themes/acme/assets/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="96" height="32"><rect width="96" height="32" fill="#7a1f5c"/></svg>\n'
  }))
  const page = await browser.context.newPage()
  const errors = watchErrors(page)
  try {
    expect(await fs.readFile(path.join(built.folder, 'assets/theme/logo.svg'), 'utf8')).toContain('<svg')
    await page.goto(built.url + 'index.html')
    await page.locator('.cm-page-title').waitFor()
    const logo = page.locator('.cm-header .cm-brand img')
    expect(await logo.getAttribute('alt')).toBe('ACME Training')
    await expect.poll(() => logo.evaluate((image) => (image as HTMLImageElement).naturalWidth)).toBe(96)
    expect((await page.locator('footer.cm-footer').textContent())?.trim()).toBe('Funded by the ACME Foundation')
    expect(await page.locator('.cm-next').textContent()).toBe('Onward')
    expect(await page.locator('.cm-next').evaluate((button) => getComputedStyle(button).backgroundColor)).toBe('rgb(122, 31, 92)')
    // Everything else is still the default theme's.
    expect(await page.locator('.cm-previous').textContent()).toBe('Previous')
    expect(errors).toEqual([])
  } finally {
    await page.close()
    await built.served.close()
  }
})

test('an unknown theme stops the build of that course with the themes there are', async () => {
  const course = await copyToTemp('examples/all-question-types')
  const yaml = path.join(course, 'course.yaml')
  await fs.writeFile(yaml, (await fs.readFile(yaml, 'utf8')) + 'theme: nosuchtheme\n')
  const out = await tempDir()
  const result = await runCli(['build', course, '--target', 'web', '--out', out], {cwd: path.dirname(course)})
  expect(result.exitCode).toBe(1)
  expect(result.stderr).toContain('Unexpected unknown theme `nosuchtheme`, expected one of `default`, `high-contrast`')
  expect(await fs.readdir(out)).toEqual([])
})

test('reduced motion stops every transition; print leaves out the chrome and opens folded details', async () => {
  const built = await buildExample('directives-tour', 'default')
  const page = await browser.context.newPage()
  try {
    await page.goto(built.url + 'index.html')
    await page.locator('.cm-page-title').waitFor()
    expect(await page.locator('.cm-progress-fill').evaluate((fill) => getComputedStyle(fill).transitionDuration)).not.toBe('0s')
    await page.emulateMedia({reducedMotion: 'reduce'})
    expect(await page.locator('.cm-progress-fill').evaluate((fill) => getComputedStyle(fill).transitionDuration)).toBe('0s')
    await page.locator('.cm-next').click()
    await page.locator('.cm-details').waitFor()
    await page.emulateMedia({media: 'print'})
    for (const selector of ['.cm-header', '.cm-menu', '.cm-pager']) expect(await page.locator(selector).isVisible(), selector).toBe(false)
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')))
    expect(await page.locator('.cm-details').getAttribute('open')).toBe('')
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')))
    expect(await page.locator('.cm-details').getAttribute('open')).toBeNull()
  } finally {
    await page.close()
    await built.served.close()
  }
})
