import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {launchChromium, type Browser} from '../helpers/browser.js'
import {answerEverything, axeViolations as violations, buildExample, examples, pageTitles, themes, watchErrors} from './helpers.js'

// axe-core (WCAG 2.0 and 2.1, levels A and AA) on every page of every example course in every
// theme: as first shown, with every question answered and its feedback shown, the results page,
// the resumed course with its notice, and the menu open on a phone. Zero violations.

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

test('the harness finds a planted violation (an image without a text alternative)', async () => {
  const page = await browser.context.newPage()
  try {
    await page.setContent('<!doctype html><html lang="en"><title>t</title><main><h1>t</h1><img src="data:,"></main></html>')
    expect((await violations(page, 'planted')).join('\n')).toMatch(/^planted: image-alt img/)
  } finally {
    await page.close()
  }
})

describe.each(themes)('theme %s', (theme) => {
  test.each(examples)('examples/%s: zero axe violations on every page, answered, results, resumed, phone menu', async (name) => {
    const built = await buildExample(name, theme)
    const page = await browser.context.newPage()
    const errors = watchErrors(page)
    const found: string[] = []
    try {
      await page.setViewportSize({width: 1280, height: 900})
      await page.goto(built.url + 'index.html')
      await page.locator('.cm-page-title').waitFor()
      const titles = await pageTitles(page)
      for (const [index, title] of titles.entries()) {
        if (index > 0) await page.locator('.cm-next').click()
        await expect.poll(() => page.locator('h1.cm-page-title').textContent()).toBe(title)
        found.push(...(await violations(page, title)))
        if ((await page.locator('.cm-question, .cm-scenario, .cm-reflection').count()) > 0) {
          await answerEverything(page)
          found.push(...(await violations(page, title + ' (answered)')))
        }
      }
      await page.locator('.cm-next').click()
      await page.locator('.cm-results').waitFor()
      found.push(...(await violations(page, 'results')))

      await page.reload()
      await page.locator('.cm-notice[data-notice="notice.resumed"]').waitFor()
      // "Continue where you left off": the resumed course opens where the learner was, and says so.
      expect(await page.locator('.cm-notice[data-notice="notice.resumed"]').textContent()).toContain(await page.locator('h1').textContent())
      found.push(...(await violations(page, 'resumed')))

      await page.setViewportSize({width: 360, height: 740})
      if ((await page.locator('.cm-menu-toggle').getAttribute('aria-expanded')) !== 'true') await page.locator('.cm-menu-toggle').click()
      await expect.poll(() => page.locator('.cm-menu').isVisible()).toBe(true)
      found.push(...(await violations(page, 'phone menu')))
      expect(found).toEqual([])
      expect(errors).toEqual([])
    } finally {
      await page.close()
      await built.served.close()
    }
  })
})
