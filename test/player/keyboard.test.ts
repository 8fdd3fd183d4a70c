import type {Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {launchChromium, type Browser} from '../helpers/browser.js'
import {buildExample, themes, watchErrors} from './helpers.js'

// A learner with a keyboard only: skip link, menu, every question type (true-false, order, single,
// multiple, match, text, numeric), the results; the menu on a phone; scenarios, details and
// glossary terms. Every stop shows a visible focus indicator; the feedback reaches the live region.

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

/** Press Tab (or Shift+Tab) until the focused element matches `selector`; fail after 80 presses. */
async function tabTo(page: Page, selector: string, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let press = 0; press < 80; press++) {
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) === true, selector)) {
      expect(await focusVisible(page), 'visible focus on ' + selector).toBe(true)
      return
    }
    await page.keyboard.press(key)
  }
  throw new Error('Could not reach `' + selector + '` with ' + key)
}

/** The focused element (or the option card around a radio or checkbox) draws a focus indicator. */
async function focusVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null
    if (!element || element === document.body) return false
    const drawn = (node: Element): boolean => {
      const style = getComputedStyle(node)
      return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none'
    }
    const card = element.closest('.cm-option')
    return drawn(element) || (card !== null && drawn(card))
  })
}

async function press(page: Page, key: string, times = 1): Promise<void> {
  for (let count = 0; count < times; count++) await page.keyboard.press(key)
}

async function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.textContent ?? '')
}

async function expectHeadingFocused(page: Page, title: string): Promise<void> {
  await expect.poll(() => page.evaluate(() => document.activeElement?.matches('h1.cm-page-title') === true)).toBe(true)
  expect(await focusedText(page)).toBe(title)
}

async function announced(page: Page): Promise<string> {
  return (await page.locator('.cm-main > [role=status]').textContent()) ?? ''
}

/** Check a question with the keyboard (Tab to its button, Enter) and expect `result` in its feedback and in the live region. */
async function check(page: Page, id: string, result: string): Promise<void> {
  await tabTo(page, '#cm-q-' + id + ' .cm-check')
  await page.keyboard.press('Enter')
  await expect.poll(() => page.locator('#cm-q-' + id + ' .cm-feedback').textContent()).toContain(result)
  expect(await announced(page)).toContain(result)
}

describe.each(themes)('theme %s', (theme) => {
  test('a keyboard-only learner completes every question type of examples/all-question-types', async () => {
    const built = await buildExample('all-question-types', theme)
    const page = await browser.context.newPage()
    const errors = watchErrors(page)
    try {
      await page.setViewportSize({width: 1280, height: 900})
      await page.goto(built.url + 'index.html')
      await page.locator('.cm-page-title').waitFor()

      // The skip link comes first and takes the learner to the page heading.
      await page.keyboard.press('Tab')
      await tabTo(page, 'a.cm-skip')
      await page.keyboard.press('Enter')
      await expectHeadingFocused(page, 'The rules in a nutshell')

      // The menu, backwards from the heading.
      await tabTo(page, '.cm-menu-link[data-page="2"]', 'Shift+Tab')
      await page.keyboard.press('Enter')
      await expectHeadingFocused(page, 'Practice: the basics')

      // True-false: arrow keys choose within the radio group.
      await tabTo(page, '#cm-q-rules-apply input[type=radio]')
      await page.keyboard.press('ArrowDown')
      expect(await page.locator('#cm-q-rules-apply input[type=radio]').nth(1).isChecked()).toBe(true)
      await check(page, 'rules-apply', 'Correct.')

      // Order: "Move up" buttons, Enter; focus stays with the moved item; each move is announced.
      const items = ['Show your identity card at the gate.', 'Put your phone and personal items in the locker.', 'Go through the search.', 'Wait for the officer who escorts you to the wing.']
      for (const [position, item] of items.entries()) {
        const shown = await page.locator('#cm-q-gate-steps .cm-order-text').allTextContents()
        const from = shown.indexOf(item)
        if (from <= position) continue
        await tabTo(page, '#cm-q-gate-steps button[aria-label=' + JSON.stringify('Move up: ' + item) + ']')
        for (let step = from; step > position; step--) {
          await page.keyboard.press('Enter')
          expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')).toMatch(new RegExp('^Move (up|down): ' + item.replace(/[.]/g, '\\.') + '$'))
          expect(await focusVisible(page)).toBe(true)
        }
        expect(await announced(page)).toContain(item + ': now at position ' + (position + 1) + ' of 4.')
      }
      expect(await page.locator('#cm-q-gate-steps .cm-order-text').allTextContents()).toEqual(items)
      await check(page, 'gate-steps', 'Correct.')

      await tabTo(page, '.cm-next')
      await page.keyboard.press('Enter')
      await expectHeadingFocused(page, 'Check your understanding')

      // Single choice: the second option.
      await tabTo(page, '#cm-q-letter input[type=radio]')
      await page.keyboard.press('ArrowDown')
      await check(page, 'letter', 'Correct.')

      // Multiple choice: Space on the first, second and fourth boxes.
      await tabTo(page, '#cm-q-private-info input[type=checkbox]')
      await page.keyboard.press('Space')
      await page.keyboard.press('Tab')
      await page.keyboard.press('Space')
      await press(page, 'Tab', 2)
      await page.keyboard.press('Space')
      expect(await page.locator('#cm-q-private-info input[type=checkbox]').evaluateAll((boxes) => boxes.map((box) => (box as HTMLInputElement).checked))).toEqual([true, true, false, true])
      await check(page, 'private-info', 'Correct.')

      // Match: arrow keys in each (closed) select.
      const pairs = [['Debts piling up', 'Debt counselling'], ['No job after release', 'Job counselling'], ['Conflict with family', 'Family mediation'], ['Nowhere to sleep', 'Housing advice']]
      await tabTo(page, '#cm-q-services select')
      for (const [source, target] of pairs) {
        const select = page.getByRole('combobox', {name: source!})
        expect(await select.evaluate((element) => element === document.activeElement)).toBe(true)
        const labels = await select.locator('option').allTextContents()
        await press(page, 'ArrowDown', labels.indexOf(target!))
        expect(await select.evaluate((element) => (element as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe(target)
        await page.keyboard.press('Tab')
      }
      await check(page, 'services', 'Correct.')

      // Text and numeric: type, then Enter in the field checks the answer.
      await tabTo(page, '#cm-q-security-term input')
      await page.keyboard.type('Dynamic  security')
      await page.keyboard.press('Enter')
      await expect.poll(() => page.locator('#cm-q-security-term .cm-feedback').textContent()).toContain('Correct.')
      expect(await announced(page)).toContain('Correct.')
      await tabTo(page, '#cm-q-notice-days input')
      await page.keyboard.type('14')
      await page.keyboard.press('Enter')
      await expect.poll(() => page.locator('#cm-q-notice-days .cm-feedback').textContent()).toContain('Correct.')

      // The results.
      await tabTo(page, '.cm-next')
      expect(await focusedText(page)).toBe('See your results')
      await page.keyboard.press('Enter')
      await expectHeadingFocused(page, 'Your results')
      expect(await page.locator('.cm-score').textContent()).toBe('Your score: 100%')
      expect(await page.locator('.cm-verdict').textContent()).toBe('You have passed this course.')

      // On a phone the menu is a panel: the toggle opens it, Escape closes it and returns focus.
      await page.setViewportSize({width: 360, height: 740})
      await tabTo(page, '.cm-menu-toggle', 'Shift+Tab')
      if ((await page.locator('.cm-menu-toggle').getAttribute('aria-expanded')) === 'true') await page.keyboard.press('Enter')
      expect(await page.locator('.cm-menu').isVisible()).toBe(false)
      await page.keyboard.press('Enter')
      expect(await page.locator('.cm-menu-toggle').getAttribute('aria-expanded')).toBe('true')
      await tabTo(page, '.cm-menu-link[data-page="1"]')
      await page.keyboard.press('Escape')
      expect(await page.locator('.cm-menu').isVisible()).toBe(false)
      expect(await page.evaluate(() => document.activeElement?.matches('.cm-menu-toggle') === true)).toBe(true)
      // Choosing a page closes the panel and puts the focus on the heading.
      await page.keyboard.press('Enter')
      await tabTo(page, '.cm-menu-link[data-page="1"]')
      await page.keyboard.press('Enter')
      await expectHeadingFocused(page, 'Needs after release')
      expect(await page.locator('.cm-menu').isVisible()).toBe(false)
      expect(errors).toEqual([])
    } finally {
      await page.close()
      await built.served.close()
    }
  })

  test('scenarios, details and glossary terms work with the keyboard (examples/directives-tour)', async () => {
    const built = await buildExample('directives-tour', theme)
    const page = await browser.context.newPage()
    try {
      await page.setViewportSize({width: 1280, height: 900})
      await page.goto(built.url + 'index.html')
      await page.locator('.cm-page-title').waitFor()
      await tabTo(page, '.cm-menu-link[data-page="1"]')
      await page.keyboard.press('Enter')
      await expectHeadingFocused(page, 'Arriving at the gate')
      // A term takes the focus and shows its definition; details open with Enter.
      await tabTo(page, 'dfn.cm-term')
      expect(await page.evaluate(() => getComputedStyle(document.activeElement!, '::after').content)).toContain('Security provided by walls')
      await tabTo(page, '.cm-details summary')
      await page.keyboard.press('Enter')
      expect(await page.locator('.cm-details').getAttribute('open')).toBe('')

      // A scenario: choices are buttons; the next step takes the focus; the feedback is announced.
      await tabTo(page, '.cm-menu-link[data-page="8"]', 'Shift+Tab')
      await page.keyboard.press('Enter')
      await expectHeadingFocused(page, 'An argument by the servery')
      for (let step = 0; step < 10 && (await page.locator('.cm-choice').count()) > 0; step++) {
        await tabTo(page, '.cm-choice')
        await page.keyboard.press('Enter')
        await expect.poll(() => page.evaluate(() => document.activeElement?.matches('.cm-step') === true)).toBe(true)
        expect(await announced(page)).not.toBe('')
      }
      expect(await page.locator('.cm-scenario-result').textContent()).toMatch(/^Outcome: /)
    } finally {
      await page.close()
      await built.served.close()
    }
  })
})
