import fs from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {launchChromium, type Browser} from '../helpers/browser.js'
import {answerEverything, buildExample, examples, pageTitles, themes, watchErrors} from './helpers.js'

// Offline by construction: the launch page carries a Content-Security-Policy that allows only the
// package itself, and while a learner plays every page of every example (media included, every
// question answered, the results), every request the browser makes is intercepted: each one must
// be for a file inside the package folder, and the media must load from there.

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

describe.each(themes)('theme %s', (theme) => {
  test.each(examples)('examples/%s: no request leaves the package', async (name) => {
    const built = await buildExample(name, theme)
    const html = await fs.readFile(path.join(built.folder, 'index.html'), 'utf8')
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]?.replace(/&#x27;/g, "'")
    expect(policy).toBeDefined()
    for (const directive of policy!.split(';').map((part) => part.trim())) {
      // Every source is the package itself, `data:` for pictures (the empty favicon), or nothing.
      expect(directive).toMatch(/^[a-z-]+( ('self'|'none'|data:))+$/)
    }
    expect(policy).toContain("default-src 'self'")
    const css = await fs.readFile(path.join(built.folder, 'assets/coursemark.css'), 'utf8')
    expect(css).not.toMatch(/@import|url\(\s*['"]?(https?:|\/\/)/i)

    const page = await browser.context.newPage()
    const errors = watchErrors(page)
    const requests: string[] = []
    const outside: string[] = []
    await page.route('**/*', (route) => {
      const url = route.request().url()
      requests.push(url)
      if (url.startsWith(built.url) || url.startsWith('data:')) return route.continue()
      outside.push(url)
      return route.abort('blockedbyclient')
    })
    try {
      await page.goto(built.url + 'index.html')
      await page.locator('.cm-page-title').waitFor()
      const titles = await pageTitles(page)
      for (const [index, title] of titles.entries()) {
        if (index > 0) await page.locator('.cm-next').click()
        await expect.poll(() => page.locator('h1.cm-page-title').textContent()).toBe(title)
        // Media come from the package: pictures decode; video, audio and caption files are requested there.
        await expect.poll(() => page.locator('article img').evaluateAll((images) => (images as HTMLImageElement[]).every((image) => image.complete && image.naturalWidth > 0))).toBe(true)
        const media = await page.locator('article video, article audio, article track').evaluateAll((elements) => elements.map((element) => (element as HTMLMediaElement | HTMLTrackElement).src))
        for (const url of media) {
          expect(url.startsWith(built.url)).toBe(true)
          await expect.poll(() => requests.includes(url)).toBe(true)
        }
        await answerEverything(page)
      }
      await page.locator('.cm-next').click()
      await page.locator('.cm-results').waitFor()
      await page.reload()
      await page.locator('.cm-results').waitFor()
      expect(outside).toEqual([])
      expect(requests.length).toBeGreaterThan(2)
      expect(errors).toEqual([])
    } finally {
      await page.close()
      await built.served.close()
    }
  })
})

test('the Content-Security-Policy stops a request to anywhere else before it is made', async () => {
  const built = await buildExample('all-question-types', 'default')
  const page = await browser.context.newPage()
  const errors = watchErrors(page)
  const outside: string[] = []
  await page.route('**/*', (route) => {
    if (!route.request().url().startsWith(built.url)) outside.push(route.request().url())
    return route.continue()
  })
  try {
    await page.goto(built.url + 'index.html')
    await page.locator('.cm-page-title').waitFor()
    await page.evaluate(() => {
      const image = document.createElement('img')
      image.src = 'http://127.0.0.2:9/tracker.png'
      image.alt = ''
      document.body.append(image)
      const style = document.createElement('link')
      style.rel = 'stylesheet'
      style.href = 'http://127.0.0.2:9/font.css'
      document.head.append(style)
    })
    await expect.poll(() => errors.filter((error) => /Content Security Policy/.test(error)).length).toBe(2)
    expect(outside).toEqual([])
  } finally {
    await page.close()
    await built.served.close()
  }
})
