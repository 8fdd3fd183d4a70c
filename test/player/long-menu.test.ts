import fs from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {launchChromium, type Browser} from '../helpers/browser.js'
import {runCli, tempDir, writeFiles} from '../helpers/cli.js'
import {courseYamlText} from '../helpers/course-text.js'
import {serveFolder, type Served} from '../helpers/serve.js'
import {axeViolations, watchErrors} from './helpers.js'

// A course longer than 200 pages (120 modules of 2 pages): the menu opens only the module being
// read, makes a module's page entries when it is opened, opens each module the learner arrives
// in, leaves closed what the learner closed, and makes the entries of modules past the first 100
// in a later task.
const modules = 120
const pagesPerModule = 2

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

/** Build the long course for the web and serve it: the URL of its launch page. */
async function serveLongCourse(): Promise<{url: string; served: Served}> {
  const root = await tempDir()
  const files: Record<string, string> = {}
  const names: string[] = []
  for (let module = 1; module <= modules; module++) {
    const name = 'modules/' + String(module).padStart(3, '0') + '.md'
    names.push(name)
    const pages = Array.from({length: pagesPerModule}, (_, page) => '## Step ' + (page + 1) + ' of module ' + module + '\n\nWhat happens in step ' + (page + 1) + '.\n')
    files[name] = '---\nid: m' + module + '\ntitle: Module ' + module + '\noutcomes: [LO1]\n---\n\n' + pages.join('\n')
  }
  files['course.yaml'] = courseYamlText('long-course', 'A long course', 'A hundred and twenty modules.', {modules: names})
  await writeFiles(root, files)
  const built = await runCli(['build', '.', '--target', 'web', '--out', 'dist'], {cwd: root})
  expect(built.exitCode, built.stderr).toBe(0)
  const served = await serveFolder(path.join(root, 'dist'))
  return {url: served.url + (await fs.readdir(path.join(root, 'dist'))).find((name) => name.endsWith('-web'))! + '/index.html', served}
}

test('a long course opens only the module being read, and each module as the learner gets to it', async () => {
  const {url, served} = await serveLongCourse()
  const page = await browser.context.newPage()
  const errors = watchErrors(page)
  try {
    await page.goto(url)
    const modulesIn = page.locator('.cm-menu .cm-menu-module-pages')
    const openModules = page.locator('.cm-menu .cm-menu-module-pages[open]')
    const pageLinks = page.locator('.cm-menu .cm-menu-pages .cm-menu-link')
    await expect.poll(() => modulesIn.count()).toBe(modules)
    expect(await openModules.count()).toBe(1)
    // Only the open module's pages are made: 2 entries, not 240.
    expect(await pageLinks.evaluateAll((links) => links.map((link) => link.getAttribute('data-page')))).toEqual(['0', '1'])
    expect(await page.locator('.cm-menu-link[aria-current="page"]').getAttribute('data-page')).toBe('0')
    expect(await page.locator('.cm-menu-module-progress').first().textContent()).toContain('1/2')

    // Open module 3 from its title with the keyboard, and go to its last page.
    const third = page.locator('.cm-menu-module-summary').nth(2)
    await third.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => openModules.count()).toBe(2)
    // The module's pages are there as soon as it shows open.
    expect(await pageLinks.count()).toBe(4)
    await page.locator('.cm-menu-link[data-page="5"]').click()
    await expect.poll(() => page.locator('h1.cm-page-title').textContent()).toBe('Step 2 of module 3')
    expect(await page.locator('.cm-menu-link[aria-current="page"]').getAttribute('data-page')).toBe('5')
    expect(await page.locator('.cm-menu-module-progress').nth(2).textContent()).toContain('1/2')

    // Next leads into module 4: the menu opens it at its first page.
    await page.locator('.cm-pager .cm-next').click()
    await expect.poll(() => page.locator('h1.cm-page-title').textContent()).toBe('Step 1 of module 4')
    const fourth = page.locator('.cm-menu-module-pages').nth(3)
    expect(await fourth.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(true)
    expect(await page.locator('.cm-menu-link[aria-current="page"]').getAttribute('data-page')).toBe('6')
    expect(await page.locator('.cm-menu-link[data-page="5"]').getAttribute('class')).toContain('cm-seen')

    // Closed by the learner, module 4 stays closed while they read on in it.
    await page.locator('.cm-menu-module-summary').nth(3).click()
    await page.locator('.cm-pager .cm-next').click()
    await expect.poll(() => page.locator('h1.cm-page-title').textContent()).toBe('Step 2 of module 4')
    expect(await fourth.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(false)

    // The last module, made in a later task, opens to its own pages.
    await page.locator('.cm-menu-module-summary').nth(modules - 1).click()
    await expect.poll(() => page.locator('.cm-menu-link[data-page="239"]').count()).toBe(1)
    expect(await page.locator('.cm-menu-module-name').nth(modules - 1).textContent()).toBe('Module ' + modules)

    expect(await axeViolations(page, 'long course')).toEqual([])
    expect(errors).toEqual([])
  } finally {
    await page.close()
    await served.close()
  }
})
