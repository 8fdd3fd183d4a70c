/**
 * Fault injection: during a session the LRS fails half of the requests (half of those after
 * storing the statements, so only the answer is lost), then drops every connection for a
 * while, during which the learner leaves and comes back. After recovery, every statement of
 * the sessions is stored exactly once, in order.
 */

import {randomUUID} from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type {Course} from '@coursemark/model'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {launchChromium, type Browser} from '../helpers/browser.js'
import {serveFolder, type Served} from '../helpers/serve.js'
import {startLms, type Lms, type StoredStatement, type TestAgent} from './lib/lms.js'
import {writePackage} from './lib/package.js'
import {feedback, playFirstPages, sortOrder, stream, title} from './lib/play.js'
import {statementProblems} from './lib/validate.js'

let folder: string
let lms: Lms
let served: Served
let browser: Browser
let course: Course

beforeAll(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'coursemark-faults-'))
  course = await writePackage(folder, 'xapi')
  ;[lms, served, browser] = await Promise.all([startLms(), serveFolder(folder), launchChromium()])
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await served?.close()
  await lms?.close()
  if (folder) await fs.rm(folder, {recursive: true, force: true})
})

const actor: TestAgent = {objectType: 'Agent', account: {homePage: 'https://lms.example.org', name: 'learner-99'}}

async function storedWhen(done: (statements: StoredStatement[]) => boolean, timeout = 90_000): Promise<StoredStatement[]> {
  const end = Date.now() + timeout
  for (;;) {
    const statements = await lms.statements()
    if (done(statements)) return statements
    if (Date.now() > end) throw new Error('Timed out; stored:\n' + stream(statements, course.id).map((entry) => entry.join(' ')).join('\n'))
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

const count = (statements: StoredStatement[], verb: string): number => statements.filter((statement) => statement.verb.id.endsWith('/' + verb)).length

test('a flaky LRS loses nothing and doubles nothing', async () => {
  const registration = randomUUID()
  const launch = lms.tinCanLaunch(served.url + 'index.html', {actor, registration})
  const page = await browser.context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))

  // Session 1: half of the requests fail.
  lms.faults.failHalf = true
  await page.goto(launch)
  await page.locator('.cm-page-title').waitFor()
  await playFirstPages(page)
  // Before the connection drops, both kinds of failure have happened: the first request failed
  // before reaching the LRS, the third (statements) after it stored them. How many more come
  // while half fail depends on the machine's speed (the player backs off between retries).
  await expect.poll(() => lms.log.some((entry) => entry.injected === 'after' && entry.path === '/xapi/statements'), {timeout: 60_000}).toBe(true)

  // The connection drops: the learner goes on, leaves, and comes back while it is down.
  lms.faults.drop = true
  await page.getByRole('button', {name: 'Next'}).click()
  await sortOrder(page)
  await page.locator('#cm-q-entry-steps .cm-check').click()
  await page.getByRole('combobox', {name: 'Gate'}).selectOption({label: 'Where prisoners live'})
  await page.getByRole('combobox', {name: 'Wing'}).selectOption({label: 'Entry and exit'})
  await page.getByRole('combobox', {name: 'Visits hall'}).selectOption({label: 'Meeting families'})
  await page.locator('#cm-q-places .cm-check').click()
  await page.goto(lms.url + 'return')

  // Session 2 starts offline: progress comes from the browser's copy.
  await page.goto(launch)
  await page.locator('.cm-page-title').waitFor()
  expect(await title(page)).toBe('More rules')
  expect(await feedback(page, 'places')).toContain('The correct answer is now shown.')
  await page.locator('[data-notice="notice.lrsOffline"]').waitFor({timeout: 30_000})
  const waiting = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('coursemark:lrs:')).map((key) => JSON.parse(localStorage.getItem(key)!).statements.length as number))
  expect(Math.max(...waiting)).toBeGreaterThan(5)

  // The connection is back, still failing half of the time; the learner finishes and leaves.
  lms.faults.drop = false
  await page.getByRole('button', {name: 'Next'}).click()
  await page.getByRole('textbox', {name: 'Name the procedure for letters.'}).fill('Mail Procedure')
  await page.locator('#cm-q-procedure .cm-check').click()
  await page.getByRole('textbox', {name: 'How many days does a request take?'}).fill('6,5')
  await page.locator('#cm-q-days .cm-check').click()
  await page.getByRole('button', {name: 'Next'}).click()
  await page.getByRole('button', {name: 'Explain the mail procedure'}).click()
  await page.getByRole('button', {name: 'Stay calm and offer help'}).click()
  await page.getByRole('button', {name: 'See your results'}).click()
  expect(await page.locator('.cm-score').textContent()).toBe('Your score: 70%')
  await page.goto(lms.url + 'return')

  // The LRS recovers. What the last page could not send goes out with the next launch.
  lms.faults.failHalf = false
  await page.goto(launch)
  await page.locator('.cm-page-title').waitFor()
  expect(await title(page)).toBe('Your results')
  await storedWhen((statements) => count(statements, 'terminated') >= 1)
  await page.waitForFunction(() => Object.keys(localStorage).filter((key) => key.startsWith('coursemark:lrs:')).every((key) => JSON.parse(localStorage.getItem(key)!).statements.length === 0), undefined, {timeout: 60_000})
  await page.goto(lms.url + 'return')
  const statements = await storedWhen((all) => count(all, 'terminated') >= 2)

  // Failures of every kind happened: before the LRS, after it stored statements, dropped connections.
  expect(lms.log.filter((entry) => entry.injected === 'before').length).toBeGreaterThanOrEqual(1)
  expect(lms.log.filter((entry) => entry.injected === 'after' && entry.path === '/xapi/statements').length).toBeGreaterThanOrEqual(1)
  expect(lms.log.filter((entry) => entry.injected === 'drop').length).toBeGreaterThan(2)
  expect(new Set(statements.map((statement) => statement.id)).size).toBe(statements.length)
  for (const statement of statements) expect(statementProblems(statement)).toEqual([])
  expect(stream(statements, course.id)).toEqual([
    // Session 1
    ['initialized', '/'],
    ['experienced', '/pages/rules.welcome'],
    ['experienced', '/pages/rules.check'],
    ['answered', '/questions/keys'],
    ['answered', '/questions/keys'],
    ['answered', '/questions/items'],
    ['answered', '/questions/searched'],
    ['experienced', '/pages/rules.more'],
    ['answered', '/questions/entry-steps'],
    ['answered', '/questions/places'],
    ['failed', '/objectives/LO1'],
    ['suspended', '/'],
    // Session 2
    ['initialized', '/'],
    ['experienced', '/pages/rules.more'],
    ['experienced', '/pages/requests.numbers'],
    ['answered', '/questions/procedure'],
    ['answered', '/questions/days'],
    ['experienced', '/pages/requests.letter'],
    ['completed', '/'],
    ['answered', '/scenarios/letter'],
    ['passed', '/objectives/LO2'],
    ['failed', '/'],
    ['terminated', '/'],
    // Session 3
    ['initialized', '/'],
    ['terminated', '/']
  ])
  expect(errors).toEqual([])
  await page.close()
}, 240_000)
