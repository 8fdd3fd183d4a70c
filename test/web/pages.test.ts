import fs from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {launchChromium, type Browser} from '../helpers/browser.js'
import {runCli, tempDir} from '../helpers/cli.js'
import {courseOfFolder} from '../helpers/course-script.js'
import {repoRoot} from '../helpers/cli.js'
import {serveFolder} from '../helpers/serve.js'

// Every example course builds to a web folder whose every page renders in Chromium, with no
// script errors and no request leaving the package.
const examples = (await fs.readdir(path.join(repoRoot, 'examples'), {withFileTypes: true}))
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

interface PageModel {
  readonly id: string
  readonly title: string
  readonly blocks: ReadonlyArray<{readonly type: string; readonly html?: string}>
}

describe.each(examples)('examples/%s', (name) => {
  test('every page renders in the browser', async () => {
    const out = await tempDir()
    const built = await runCli(['build', path.join(repoRoot, 'examples', name), '--target', 'web', '--out', out], {cwd: repoRoot})
    expect(built.exitCode, built.stderr).toBe(0)
    const folder = (await fs.readdir(out)).find((entry) => entry.endsWith('-web'))!
    const course = await courseOfFolder(path.join(out, folder)) as {title: string; modules: Array<{title: string; pages: PageModel[]}>}
    const pages = course.modules.flatMap((module) => module.pages)

    const served = await serveFolder(path.join(out, folder))
    const page = await browser.context.newPage()
    const errors: string[] = []
    const outside: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    page.on('request', (request) => {
      if (!request.url().startsWith(served.url) && !request.url().startsWith('data:')) outside.push(request.url())
    })
    try {
      await page.goto(served.url + 'index.html')
      await expect.poll(() => page.locator('.cm-course-title').textContent()).toBe(course.title)
      for (const [index, model] of pages.entries()) {
        const article = page.locator('article.cm-page')
        await expect.poll(() => article.getAttribute('data-page')).toBe(model.id)
        expect(await article.locator('h1').textContent()).toBe(model.title)
        // Static content shows up as written: every html block's text is on the page.
        const text = (await article.innerText()).replace(/\s+/g, ' ')
        for (const block of model.blocks) {
          if (block.type !== 'html' || !block.html) continue
          const first = block.html.replace(/<[^>]+>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ').replace(/\s+/g, ' ').trim().split(' ').slice(0, 3).join(' ')
          if (first) expect(text).toContain(first)
        }
        // Pictures load.
        const broken = await article.locator('img').evaluateAll((images) => (images as HTMLImageElement[]).filter((image) => !image.complete || image.naturalWidth === 0).map((image) => image.src))
        expect(broken).toEqual([])
        if (index < pages.length - 1) await page.locator('.cm-next').click()
      }
      expect(errors).toEqual([])
      expect(outside).toEqual([])
    } finally {
      await page.close()
      await served.close()
    }
  })
})
