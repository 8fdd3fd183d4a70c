import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type {FrameLocator, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {launchChromium, type Browser} from '../helpers/browser.js'
import {serveFolder, type Served} from '../helpers/serve.js'
import {fixtureCourse} from './course-fixture.js'
import {buildRuntime, writeFixture} from './package-fixture.js'

type Call = string[]

let folder: string
let bundle: string
let browser: Browser
const servers: Served[] = []

beforeAll(async () => {
  bundle = await buildRuntime()
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'coursemark-e2e-'))
  browser = await launchChromium()
}, 60_000)

afterAll(async () => {
  await browser?.close()
  for (const server of servers) await server.close()
  if (folder) await fs.rm(folder, {recursive: true, force: true})
})

/** Serve a host page with the fixture course packaged for `target`. */
async function serve(name: string, target: string): Promise<string> {
  const root = path.join(folder, name)
  await writeFixture(root, {course: fixtureCourse(), target, bundle})
  const server = await serveFolder(root)
  servers.push(server)
  return server.url + 'host.html'
}

async function open(url: string): Promise<{page: Page; errors: string[]}> {
  const page = await browser.context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  await page.goto(url)
  return {page, errors}
}

async function launch(page: Page, standard: string, data?: unknown): Promise<FrameLocator> {
  await page.evaluate(([kind, json]) => (window as any).lms.launch(kind, json), [standard, data] as const)
  const frame = page.frameLocator('#sco')
  await frame.locator('.cm-page-title').waitFor()
  return frame
}

/** Unload the package (the LMS closes it) and wait for the session to end. */
async function close(page: Page, finish: string): Promise<void> {
  await page.evaluate(() => (window as any).lms.close())
  await page.waitForFunction((name) => (window as any).lms.calls.some((call: string[]) => call[0] === name), finish)
}

async function calls(page: Page): Promise<Call[]> {
  return page.evaluate(() => (window as any).lms.calls as string[][])
}

async function cmi(page: Page): Promise<any> {
  return page.evaluate(() => (window as any).lms.cmi())
}

async function title(frame: FrameLocator): Promise<string> {
  return (await frame.locator('.cm-page-title').textContent()) ?? ''
}

async function feedback(frame: FrameLocator, id: string): Promise<string> {
  return (await frame.locator('#cm-q-' + id + ' .cm-feedback').textContent()) ?? ''
}

const correctOrder = ['Show your pass', 'Store your phone', 'Go through the search', 'Collect your keys']

/** Put the order question in the right order, with the keyboard: focus “Move up”, press Enter. */
async function sortOrder(frame: FrameLocator): Promise<void> {
  for (let position = 0; position < correctOrder.length; position++) {
    const item = correctOrder[position] as string
    const shown = await frame.locator('#cm-q-entry-steps .cm-order-text').allTextContents()
    const from = shown.indexOf(item)
    if (from > position) {
      await frame.getByRole('button', {name: 'Move up: ' + item}).focus()
      for (let step = from; step > position; step--) await frame.locator('#cm-q-entry-steps :focus').press('Enter')
    }
  }
}

/** Everything the learner does in the first session, some answers wrong. */
async function playCourse(frame: FrameLocator): Promise<void> {
  expect(await title(frame)).toBe('Welcome')
  // Glossary terms are reachable by keyboard and carry their definition.
  const term = frame.locator('dfn.cm-term')
  expect(await term.getAttribute('tabindex')).toBe('0')
  expect(await term.getAttribute('aria-description')).toBe('A locked area')
  await frame.getByRole('button', {name: 'Next'}).click()
  expect(await title(frame)).toBe('Check the rules')

  // Single choice: wrong first (per-option feedback, a try left), then right.
  await frame.getByRole('radio', {name: 'Anyone'}).check()
  await frame.locator('#cm-q-keys').getByRole('button', {name: 'Check answer'}).click()
  expect(await feedback(frame, 'keys')).toContain('Not quite. Tries left: 1.')
  expect(await feedback(frame, 'keys')).toContain('No: keys are controlled.')
  await frame.getByRole('radio', {name: 'Trained staff'}).check()
  await frame.locator('#cm-q-keys').getByRole('button', {name: 'Check answer'}).click()
  expect(await feedback(frame, 'keys')).toContain('Correct.')
  expect(await feedback(frame, 'keys')).toContain('Only trained staff carry keys.')
  expect(await frame.getByRole('radio', {name: 'Anyone'}).isDisabled()).toBe(true)

  // Multiple: wrong, left with a try.
  await frame.getByRole('button', {name: 'Check answer'}).nth(1).click()
  expect(await feedback(frame, 'items')).toContain('Choose or enter an answer first.')
  await frame.getByRole('checkbox', {name: 'Mobile phones'}).check()
  await frame.locator('#cm-q-items').getByRole('button', {name: 'Check answer'}).click()
  expect(await feedback(frame, 'items')).toContain('Not quite. Tries left: 1.')

  // True-false with the keyboard only: Space on the first radio, Tab to the button, Enter.
  await frame.locator('#cm-q-searched input[type=radio]').first().focus()
  await frame.locator('#cm-q-searched input[type=radio]').first().press('Space')
  await frame.locator('#cm-q-searched input[type=radio]').first().press('Tab')
  await frame.locator('#cm-q-searched .cm-check').press('Enter')
  expect(await feedback(frame, 'searched')).toContain('Correct.')
  // Answered: the button is marked disabled but keeps the keyboard focus.
  expect(await frame.locator('#cm-q-searched .cm-check').getAttribute('aria-disabled')).toBe('true')
  expect(await frame.locator('#cm-q-searched .cm-check').evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true)

  await frame.getByRole('button', {name: 'Next'}).click()
  expect(await title(frame)).toBe('More rules')
  expect(await frame.locator('#cm-q-entry-steps .cm-order-text').allTextContents()).not.toEqual(correctOrder)
  await sortOrder(frame)
  expect(await frame.locator('#cm-q-entry-steps .cm-order-text').allTextContents()).toEqual(correctOrder)
  await frame.locator('#cm-q-entry-steps .cm-check').click()
  expect(await feedback(frame, 'entry-steps')).toContain('Correct.')

  // Match: Gate and Wing swapped; one try only, so the right matches are shown.
  await frame.locator('#cm-q-places .cm-check').click()
  expect(await feedback(frame, 'places')).toContain('Choose a match for every item first.')
  await frame.getByRole('combobox', {name: 'Gate'}).selectOption({label: 'Where prisoners live'})
  await frame.getByRole('combobox', {name: 'Wing'}).selectOption({label: 'Entry and exit'})
  await frame.getByRole('combobox', {name: 'Visits hall'}).selectOption({label: 'Meeting families'})
  await frame.locator('#cm-q-places .cm-check').click()
  expect(await feedback(frame, 'places')).toContain('The correct answer is now shown.')
  expect(await feedback(frame, 'places')).toContain('Gate → Entry and exit')

  await frame.getByRole('button', {name: 'Next'}).click()
  expect(await title(frame)).toBe('Words and numbers')
  const procedure = frame.getByRole('textbox', {name: 'Name the procedure for letters.'})
  await procedure.fill('Mail Procedure')
  await procedure.press('Enter')
  expect(await feedback(frame, 'procedure')).toContain('Correct.')
  const days = frame.getByRole('textbox', {name: 'How many days does a request take?'})
  await days.fill('about a week')
  await frame.locator('#cm-q-days .cm-check').click()
  expect(await feedback(frame, 'days')).toContain('Enter a number')
  await days.fill('6,5')
  await frame.locator('#cm-q-days .cm-check').click()
  expect(await feedback(frame, 'days')).toContain('Correct.')
  const notes = frame.locator('textarea')
  await notes.fill('Calmly, with examples.')
  await notes.press('Tab')

  await frame.getByRole('button', {name: 'Next'}).click()
  expect(await title(frame)).toBe('The letter')
  await frame.getByRole('button', {name: 'Explain the mail procedure'}).click()
  expect(await frame.locator('.cm-scenario-feedback').textContent()).toContain('Good start.')
  await frame.getByRole('button', {name: 'Stay calm and offer help'}).click()
  expect(await frame.locator('.cm-scenario-result').textContent()).toBe('Outcome: well handled.')

  await frame.getByRole('button', {name: 'See your results'}).click()
  expect(await title(frame)).toBe('Your results')
  expect(await frame.locator('.cm-score').textContent()).toBe('Your score: 70%')
  expect(await frame.locator('.cm-verdict').textContent()).toBe('You have not reached the pass mark yet.')
  expect(await frame.locator('.cm-outcomes tbody tr').allTextContents()).toEqual([
    'Explain the security rules.50%not yet achieved',
    'Handle a request from a prisoner.100%achieved'
  ])
  expect(await frame.locator('.cm-progress-text').textContent()).toBe('100% seen')
}

/** After a relaunch, every answer is back. */
async function expectRestored(frame: FrameLocator): Promise<void> {
  await frame.getByRole('button', {name: 'Check the rules'}).click()
  expect(await frame.getByRole('radio', {name: 'Trained staff'}).isChecked()).toBe(true)
  expect(await frame.getByRole('radio', {name: 'Trained staff'}).isDisabled()).toBe(true)
  expect(await feedback(frame, 'keys')).toContain('Correct.')
  expect(await frame.getByRole('checkbox', {name: 'Mobile phones'}).isChecked()).toBe(true)
  expect(await frame.getByRole('checkbox', {name: 'Lighters'}).isChecked()).toBe(false)
  expect(await frame.getByRole('checkbox', {name: 'Mobile phones'}).isDisabled()).toBe(false)
  expect(await feedback(frame, 'items')).toContain('Tries left: 1.')
  expect(await frame.locator('#cm-q-searched input[type=radio]').first().isChecked()).toBe(true)

  await frame.getByRole('button', {name: 'More rules'}).click()
  expect(await frame.locator('#cm-q-entry-steps .cm-order-text').allTextContents()).toEqual(correctOrder)
  expect(await frame.getByRole('combobox', {name: 'Gate'}).inputValue()).toBe('1')
  expect(await frame.getByRole('combobox', {name: 'Wing'}).inputValue()).toBe('0')
  expect(await frame.getByRole('combobox', {name: 'Visits hall'}).inputValue()).toBe('2')
  expect(await feedback(frame, 'places')).toContain('Gate → Entry and exit')

  await frame.getByRole('button', {name: 'Words and numbers'}).click()
  expect(await frame.getByRole('textbox', {name: 'Name the procedure for letters.'}).inputValue()).toBe('Mail Procedure')
  expect(await frame.getByRole('textbox', {name: 'How many days does a request take?'}).inputValue()).toBe('6,5')
  expect(await frame.locator('textarea').inputValue()).toBe('Calmly, with examples.')

  await frame.getByRole('button', {name: 'The letter'}).click()
  expect(await frame.locator('.cm-step').textContent()).toBe('He calms down and uses the procedure.')
  expect(await frame.locator('.cm-scenario-result').textContent()).toBe('Outcome: well handled.')
}

describe('SCORM 1.2 package in Chromium with scorm-again as the LMS', () => {
  test('play through, finish, and resume exactly', async () => {
    const {page, errors} = await open(await serve('scorm12', 'scorm12'))
    const frame = await launch(page, 'scorm12')
    expect(await frame.locator('.cm-notice').count()).toBe(0)
    await playCourse(frame)
    await close(page, 'LMSFinish')

    const first = await calls(page)
    expect(first.filter(([name]) => name === 'LMSInitialize')).toHaveLength(1)
    expect(first.filter(([name]) => name === 'LMSFinish')).toHaveLength(1)
    expect(first.filter(([name]) => name === 'LMSCommit').length).toBeGreaterThan(10)
    const data = await cmi(page)
    expect(data.core.lesson_status).toBe('failed')
    expect(data.core.score).toEqual({raw: '70', min: '0', max: '100'})
    expect(data.core.exit).toBe('')
    expect(data.core.lesson_location).toBe('results')
    const sessionTime = first.filter(([name, element]) => name === 'LMSSetValue' && element === 'cmi.core.session_time')
    expect(sessionTime).toHaveLength(1)
    expect(sessionTime[0]?.[2]).toMatch(/^\d{4}:[0-5]\d:[0-5]\d\.\d\d$/)
    expect(sessionTime.at(-1)?.[2]).not.toBe('0000:00:00.00')

    const interactions = Object.values(data.interactions) as any[]
    expect(interactions.map((interaction) => [interaction.id, interaction.type, interaction.student_response, interaction.result])).toEqual([
      ['keys', 'choice', 'a', 'wrong'],
      ['keys', 'choice', 'b', 'correct'],
      ['items', 'choice', 'a', 'wrong'],
      ['searched', 'true-false', 't', 'correct'],
      ['entry-steps', 'sequencing', 'a,b,c,d', 'correct'],
      ['places', 'matching', 'a.2,b.1,c.3', 'wrong'],
      ['procedure', 'fill-in', 'Mail Procedure', 'correct'],
      ['days', 'numeric', '6.5', 'correct'],
      ['letter', 'performance', 'b,a>good-end', 'correct']
    ])
    for (const interaction of interactions) expect(interaction.time).toMatch(/^\d\d:\d\d:\d\d$/)
    const latencies = first.filter(([name, element]) => name === 'LMSSetValue' && /^cmi\.interactions\.\d+\.latency$/.test(element ?? ''))
    expect(latencies).toHaveLength(9)
    for (const [, , value] of latencies) expect(value).toMatch(/^\d{4}:[0-5]\d:[0-5]\d\.\d\d$/)
    expect(Object.values(data.objectives).map((objective: any) => [objective.id, objective.status, objective.score.raw])).toEqual([
      ['LO1', 'failed', '50'],
      ['LO2', 'passed', '100']
    ])
    const sets = first.filter(([name]) => name === 'LMSSetValue')
    const errorChecks = first.filter(([name]) => name === 'LMSGetLastError')
    expect(errorChecks.length).toBeGreaterThanOrEqual(sets.length)

    // Relaunch with the stored data model.
    const frame2 = await launch(page, 'scorm12', {...data, core: {...data.core, entry: 'resume'}})
    expect(await title(frame2)).toBe('Your results')
    expect(await frame2.locator('.cm-score').textContent()).toBe('Your score: 70%')
    expect(await frame2.locator('.cm-menu .cm-seen').count()).toBe(5)
    await expectRestored(frame2)
    await close(page, 'LMSFinish')
    const second = await calls(page)
    expect(second.filter(([name]) => name === 'LMSInitialize')).toHaveLength(1)
    expect(second.filter(([name]) => name === 'LMSFinish')).toHaveLength(1)
    const after = await cmi(page)
    expect(Object.keys(after.interactions)).toHaveLength(9)
    expect(after.core.lesson_status).toBe('failed')
    expect(after.core.lesson_location).toBe('requests.letter')
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)
})

describe('SCORM 2004 package in Chromium with scorm-again as the LMS', () => {
  test('leave unfinished (suspend), resume at the bookmark, finish passed', async () => {
    const {page, errors} = await open(await serve('scorm2004', 'scorm2004'))
    const frame = await launch(page, 'scorm2004')
    await frame.getByRole('button', {name: 'Next'}).click()
    await frame.getByRole('radio', {name: 'Trained staff'}).check()
    await frame.locator('#cm-q-keys .cm-check').click()
    await close(page, 'Terminate')
    const stored = await cmi(page)
    expect(stored.exit).toBe('suspend')
    expect(stored.location).toBe('rules.check')
    expect(stored.completion_status).toBe('incomplete')
    expect(stored.success_status).toBe('unknown')
    const firstSession = (await calls(page)).filter(([name, element]) => name === 'SetValue' && element === 'cmi.session_time')
    expect(firstSession[0]?.[2]).toMatch(/^PT(\d+H)?(\d+M)?\d+(\.\d{1,2})?S$/)

    const again = await launch(page, 'scorm2004', {...stored, entry: 'resume'})
    expect(await title(again)).toBe('Check the rules')
    expect(await again.getByRole('radio', {name: 'Trained staff'}).isChecked()).toBe(true)
    expect(await feedback(again, 'keys')).toContain('Correct.')
    await again.getByRole('checkbox', {name: 'Mobile phones'}).check()
    await again.getByRole('checkbox', {name: 'Lighters'}).check()
    await again.locator('#cm-q-items .cm-check').click()
    await again.getByRole('radio', {name: 'True'}).check()
    await again.locator('#cm-q-searched .cm-check').click()
    await again.getByRole('button', {name: 'Next'}).click()
    await sortOrder(again)
    await again.locator('#cm-q-entry-steps .cm-check').click()
    await again.getByRole('combobox', {name: 'Gate'}).selectOption({label: 'Entry and exit'})
    await again.getByRole('combobox', {name: 'Wing'}).selectOption({label: 'Where prisoners live'})
    await again.getByRole('combobox', {name: 'Visits hall'}).selectOption({label: 'Meeting families'})
    await again.locator('#cm-q-places .cm-check').click()
    await again.getByRole('button', {name: 'Next'}).click()
    await again.getByRole('textbox', {name: 'Name the procedure for letters.'}).fill('post procedure')
    await again.locator('#cm-q-procedure .cm-check').click()
    await again.getByRole('textbox', {name: 'How many days does a request take?'}).fill('7')
    await again.locator('#cm-q-days .cm-check').click()
    await again.getByRole('button', {name: 'Next'}).click()
    await again.getByRole('button', {name: 'Explain the mail procedure'}).click()
    await again.getByRole('button', {name: 'Walk away'}).click()
    await again.getByRole('button', {name: 'See your results'}).click()
    // 9 of 10: the scenario ended partly right.
    expect(await again.locator('.cm-score').textContent()).toBe('Your score: 90%')
    expect(await again.locator('.cm-verdict').textContent()).toBe('You have passed this course.')
    await close(page, 'Terminate')

    const data = await cmi(page)
    expect(data.completion_status).toBe('completed')
    expect(data.success_status).toBe('passed')
    expect(data.score).toMatchObject({scaled: '0.9', raw: '90', min: '0', max: '100'})
    expect(data.exit).toBe('normal')
    const interactions = Object.values(data.interactions) as any[]
    expect(interactions.map((interaction) => [interaction.id, interaction.type, interaction.learner_response, interaction.result])).toEqual([
      ['keys', 'choice', 'b', 'correct'],
      ['items', 'choice', 'a[,]c', 'correct'],
      ['searched', 'true-false', 'true', 'correct'],
      ['entry-steps', 'sequencing', 'a[,]b[,]c[,]d', 'correct'],
      ['places', 'matching', 'a[.]1[,]b[.]2[,]c[.]3', 'correct'],
      ['procedure', 'fill-in', 'post procedure', 'correct'],
      ['days', 'numeric', '7', 'correct'],
      ['letter', 'performance', 'start[.]Explain the mail procedure[,]explained[.]Walk away[,]partial-end[.]partial', 'neutral']
    ])
    for (const interaction of interactions) {
      expect(interaction.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d\dZ$/)
      expect(interaction.latency).toMatch(/^PT(\d+H)?(\d+M)?\d+(\.\d{1,2})?S$/)
    }
    expect(Object.values(data.objectives).map((objective: any) => [objective.id, objective.success_status, objective.completion_status, objective.score.scaled])).toEqual([
      ['LO1', 'passed', 'completed', '1'],
      ['LO2', 'failed', 'completed', '0.75']
    ])
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)
})

describe('without an LMS', () => {
  test('a SCORM package says so and keeps progress in the browser', async () => {
    const {page, errors} = await open(await serve('nolms', 'scorm12'))
    const frame = await launch(page, '')
    expect(await frame.locator('.cm-notice').textContent()).toContain('Not connected to an LMS: your progress is saved in this browser only.')
    await frame.getByRole('button', {name: 'Next'}).click()
    await frame.getByRole('radio', {name: 'Visitors'}).check()
    await frame.locator('#cm-q-keys .cm-check').click()
    await page.evaluate(() => (window as any).lms.close())
    await page.waitForFunction(() => (document.getElementById('sco') as HTMLIFrameElement).contentDocument?.URL === 'about:blank')
    const again = await launch(page, '')
    expect(await title(again)).toBe('Check the rules')
    expect(await again.getByRole('radio', {name: 'Visitors'}).isChecked()).toBe(true)
    expect(await feedback(again, 'keys')).toContain('Tries left: 1.')
    expect(errors).toEqual([])
    await page.close()
  }, 60_000)
})
