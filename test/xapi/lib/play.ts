// What a learner does in the runtime's fixture course, through the page as a person would
// (labels and roles), for the xAPI and cmi5 browser tests.
import type {Page} from 'playwright-core'
import {expect} from 'vitest'

export async function title(page: Page): Promise<string> {
  return (await page.locator('.cm-page-title').textContent()) ?? ''
}

export async function feedback(page: Page, id: string): Promise<string> {
  return (await page.locator('#cm-q-' + id + ' .cm-feedback').textContent()) ?? ''
}

const correctOrder = ['Show your pass', 'Store your phone', 'Go through the search', 'Collect your keys']

export async function sortOrder(page: Page): Promise<void> {
  for (let position = 0; position < correctOrder.length; position++) {
    const item = correctOrder[position] as string
    const shown = await page.locator('#cm-q-entry-steps .cm-order-text').allTextContents()
    const from = shown.indexOf(item)
    for (let step = from; step > position; step--) await page.getByRole('button', {name: 'Move up: ' + item}).click()
  }
}

/** Page 1 → 2, and the three questions of page 2: keys wrong then right, items wrong, searched right. */
export async function playFirstPages(page: Page): Promise<void> {
  expect(await title(page)).toBe('Welcome')
  await page.getByRole('button', {name: 'Next'}).click()
  expect(await title(page)).toBe('Check the rules')
  await page.getByRole('radio', {name: 'Anyone'}).check()
  await page.locator('#cm-q-keys .cm-check').click()
  expect(await feedback(page, 'keys')).toContain('Not quite.')
  await page.getByRole('radio', {name: 'Trained staff'}).check()
  await page.locator('#cm-q-keys .cm-check').click()
  expect(await feedback(page, 'keys')).toContain('Correct.')
  await page.getByRole('checkbox', {name: 'Mobile phones'}).check()
  await page.locator('#cm-q-items .cm-check').click()
  expect(await feedback(page, 'items')).toContain('Not quite.')
  await page.locator('#cm-q-searched input[type=radio]').first().check()
  await page.locator('#cm-q-searched .cm-check').click()
  expect(await feedback(page, 'searched')).toContain('Correct.')
}

/** The rest: order right, match wrong, text and number right, the scenario to its good end, results (70 %). */
export async function playRest(page: Page): Promise<void> {
  await page.getByRole('button', {name: 'Next'}).click()
  expect(await title(page)).toBe('More rules')
  await sortOrder(page)
  await page.locator('#cm-q-entry-steps .cm-check').click()
  expect(await feedback(page, 'entry-steps')).toContain('Correct.')
  await page.getByRole('combobox', {name: 'Gate'}).selectOption({label: 'Where prisoners live'})
  await page.getByRole('combobox', {name: 'Wing'}).selectOption({label: 'Entry and exit'})
  await page.getByRole('combobox', {name: 'Visits hall'}).selectOption({label: 'Meeting families'})
  await page.locator('#cm-q-places .cm-check').click()
  expect(await feedback(page, 'places')).toContain('The correct answer is now shown.')

  await page.getByRole('button', {name: 'Next'}).click()
  expect(await title(page)).toBe('Words and numbers')
  await page.getByRole('textbox', {name: 'Name the procedure for letters.'}).fill('Mail Procedure')
  await page.locator('#cm-q-procedure .cm-check').click()
  expect(await feedback(page, 'procedure')).toContain('Correct.')
  await page.getByRole('textbox', {name: 'How many days does a request take?'}).fill('6,5')
  await page.locator('#cm-q-days .cm-check').click()
  expect(await feedback(page, 'days')).toContain('Correct.')

  await page.getByRole('button', {name: 'Next'}).click()
  expect(await title(page)).toBe('The letter')
  await page.getByRole('button', {name: 'Explain the mail procedure'}).click()
  await page.getByRole('button', {name: 'Stay calm and offer help'}).click()
  expect(await page.locator('.cm-scenario-result').textContent()).toBe('Outcome: well handled.')
  await page.getByRole('button', {name: 'See your results'}).click()
  expect(await title(page)).toBe('Your results')
  expect(await page.locator('.cm-score').textContent()).toBe('Your score: 70%')
}

/** The course's statement stream as `[verb, object id after the course IRI]`, for comparisons. */
export function stream(statements: ReadonlyArray<{readonly verb: {readonly id: string}; readonly object: {readonly id: string}}>, courseId: string): Array<[string, string]> {
  return statements.map((statement) => [statement.verb.id.replace(/^.*\//, ''), statement.object.id.startsWith(courseId) ? statement.object.id.slice(courseId.length) || '/' : statement.object.id])
}
