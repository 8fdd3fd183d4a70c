/**
 * A cmi5 package in Chromium, launched by the cmi5 LMS simulator of `lib/lms.ts` (registration,
 * LMS.LaunchData, one-time fetch URL, `launched`) against Learning Locker. The tests drive whole
 * sessions and assert the order and content of the statements the LRS stored, as the cmi5
 * specification (AU side) requires.
 */

import {randomUUID} from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type {Course} from '@coursemark/model'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {launchChromium, type Browser} from '../helpers/browser.js'
import {serveFolder, type Served} from '../helpers/serve.js'
import {openLaunch} from './lib/harness.js'
import {startLms, type Lms, type StoredStatement, type TestAgent} from './lib/lms.js'
import {writePackage} from './lib/package.js'
import {feedback, sortOrder, title} from './lib/play.js'
import {statementProblems} from './lib/validate.js'

let folder: string
let lms: Lms
let served: Served
let browser: Browser
let course: Course
let aus: Array<{id: string; url: string; moveOn: string; masteryScore: string | undefined}>

const cmi5 = 'https://w3id.org/xapi/cmi5/context/categories/cmi5'
const moveOn = 'https://w3id.org/xapi/cmi5/context/categories/moveon'
const sessionExtension = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid'
const masteryExtension = 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore'

beforeAll(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'coursemark-cmi5-'))
  course = await writePackage(folder, 'cmi5', {au: 'per-module'})
  const structure = await fs.readFile(path.join(folder, 'cmi5.xml'), 'utf8')
  aus = [...structure.matchAll(/<au id="([^"]+)" moveOn="([^"]+)"(?: masteryScore="([^"]+)")?>[\s\S]*?<url>([^<]+)<\/url>/g)].map((match) => ({
    id: match[1]!,
    moveOn: match[2]!,
    masteryScore: match[3],
    url: match[4]!.replace(/&#x3D;/g, '=')
  }))
  ;[lms, served, browser] = await Promise.all([startLms(), serveFolder(folder), launchChromium()])
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await served?.close()
  await lms?.close()
  if (folder) await fs.rm(folder, {recursive: true, force: true})
})

const actor: TestAgent = {objectType: 'Agent', account: {homePage: 'https://lms.example.org', name: 'learner-42'}}

const open = (url: string) => openLaunch(browser, url)

/** Statements of one registration, in stored order, until `done` holds. */
async function storedWhen(registration: string, done: (statements: StoredStatement[]) => boolean): Promise<StoredStatement[]> {
  const end = Date.now() + 30_000
  for (;;) {
    const statements = (await lms.statements()).filter((statement) => statement.context?.['registration'] === registration)
    if (done(statements)) return statements
    if (Date.now() > end) throw new Error('Timed out; stored: ' + statements.map((statement) => statement.verb.id.replace(/^.*\//, '')).join(', '))
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

function verbOf(statement: StoredStatement): string {
  return statement.verb.id.replace(/^.*\//, '')
}

function categories(statement: StoredStatement): string[] {
  return ((statement.context?.['contextActivities']?.category ?? []) as Array<{id: string}>).map((activity) => activity.id)
}

const terminatedCount = (count: number) => (statements: StoredStatement[]): boolean => statements.filter((statement) => verbOf(statement) === 'terminated').length >= count

describe('cmi5 package in Chromium, launched by the cmi5 LMS simulator, Learning Locker as the LRS', () => {
  test('the package has one AU per module, launched with index.html?module=…', () => {
    expect(aus.map((au) => [au.id, au.url, au.moveOn, au.masteryScore])).toEqual([
      [course.id + '/au/rules', 'index.html?module=rules', 'CompletedAndPassed', '0.8'],
      [course.id + '/au/requests', 'index.html?module=requests', 'CompletedAndPassed', '0.8']
    ])
  })

  test('Normal session: initialized first, terminated last, cmi5 defined statements as the spec says, masteryScore of LaunchData wins, exit to returnURL', async () => {
    const registration = randomUUID()
    const au = aus[0]!
    // The course's pass mark is 0.8; the LMS sets 0.5, so 50 % passes.
    const launch = await lms.cmi5Launch({auUrl: served.url + au.url, publisherId: au.id, actor, registration, masteryScore: 0.5, returnURL: lms.url + 'return'})
    const {page, errors} = await open(launch.url)
    // The AU plays its module only.
    expect(await page.locator('.cm-menu').textContent()).not.toContain('The letter')
    expect(await title(page)).toBe('Welcome')
    await page.getByRole('button', {name: 'Next'}).click()
    await page.getByRole('radio', {name: 'Anyone'}).check()
    await page.locator('#cm-q-keys .cm-check').click()
    await page.getByRole('radio', {name: 'Trained staff'}).check()
    await page.locator('#cm-q-keys .cm-check').click()
    await page.getByRole('checkbox', {name: 'Mobile phones'}).check()
    await page.locator('#cm-q-items .cm-check').click()
    await page.locator('#cm-q-searched input[type=radio]').first().check()
    await page.locator('#cm-q-searched .cm-check').click()
    await page.getByRole('button', {name: 'Next'}).click()
    expect(await title(page)).toBe('More rules')
    await sortOrder(page)
    await page.locator('#cm-q-entry-steps .cm-check').click()
    await page.getByRole('combobox', {name: 'Gate'}).selectOption({label: 'Where prisoners live'})
    await page.getByRole('combobox', {name: 'Wing'}).selectOption({label: 'Entry and exit'})
    await page.getByRole('combobox', {name: 'Visits hall'}).selectOption({label: 'Meeting families'})
    await page.locator('#cm-q-places .cm-check').click()
    expect(await feedback(page, 'places')).toContain('The correct answer is now shown.')
    await page.getByRole('button', {name: 'See your results'}).click()
    expect(await page.locator('.cm-verdict').textContent()).toBe('You have passed this course.')
    await page.getByRole('button', {name: 'Exit course'}).click()
    await page.waitForURL(lms.url + 'return')
    expect(errors).toEqual([])

    const statements = await storedWhen(registration, terminatedCount(1))
    for (const statement of statements) expect(statementProblems(statement), verbOf(statement)).toEqual([])
    expect(statements.map((statement) => [verbOf(statement), statement.object.id.replace(course.id, '')])).toEqual([
      ['launched', launch.activityId],
      ['initialized', launch.activityId],
      ['experienced', '/pages/rules.welcome'],
      ['experienced', '/pages/rules.check'],
      ['answered', '/questions/keys'],
      ['answered', '/questions/keys'],
      ['answered', '/questions/items'],
      ['answered', '/questions/searched'],
      ['experienced', '/pages/rules.more'],
      ['completed', launch.activityId],
      ['answered', '/questions/entry-steps'],
      ['answered', '/questions/places'],
      ['passed', '/objectives/LO1'],
      ['passed', launch.activityId],
      ['terminated', launch.activityId]
    ])
    expect(lms.fetchCalls.size).toBeGreaterThan(0)
    expect([...lms.fetchCalls.values()].every((count) => count === 1)).toBe(true)

    const own = statements.slice(1)
    for (const statement of own) {
      // Every statement is built on the context template: session id, publisher id, registration.
      expect(statement.context?.['registration']).toBe(registration)
      expect(statement.context?.['extensions']?.[sessionExtension]).toBe(launch.sessionId)
      expect(statement.context?.['contextActivities']?.grouping?.[0]?.id).toBe(au.id)
      expect(statement.actor).toMatchObject({account: actor.account})
      const defined = statement.object.id === launch.activityId
      const judging = ['completed', 'passed', 'failed'].includes(verbOf(statement)) && defined
      expect(categories(statement), verbOf(statement)).toEqual(defined ? (judging ? [cmi5, moveOn] : [cmi5]) : [])
      if (defined && verbOf(statement) !== 'passed') expect(statement.result?.['score']).toBeUndefined()
    }
    const [completed, verdict, terminated] = ['completed', 'passed', 'terminated'].map((verb) => own.find((statement) => verbOf(statement) === verb && statement.object.id === launch.activityId)!)
    expect(completed!.result).toEqual({completion: true, duration: expect.stringMatching(/^PT/)})
    expect(verdict!.result).toEqual({success: true, score: {scaled: 0.5, raw: 50, min: 0, max: 100}, duration: expect.stringMatching(/^PT/)})
    expect(verdict!.context?.['extensions']?.[masteryExtension]).toBe(0.5)
    expect(terminated!.result).toEqual({duration: expect.stringMatching(/^PT/)})
    // Pages and answers are cmi5 allowed statements: the AU as parent.
    const answer = own.find((statement) => verbOf(statement) === 'answered')!
    expect(answer.context?.['contextActivities']?.parent).toEqual([{objectType: 'Activity', id: launch.activityId}])
    await page.close()

    // A second session of the same registration in Review mode: answers shown, nothing judged.
    const review = await lms.cmi5Launch({auUrl: served.url + au.url, publisherId: au.id, actor, registration, mode: 'Review', masteryScore: 0.5})
    const second = await open(review.url)
    expect(await second.page.locator('[data-notice="notice.review"]').count()).toBe(1)
    expect(await title(second.page)).toBe('Your results')
    await second.page.getByRole('button', {name: 'Check the rules'}).click()
    expect(await second.page.getByRole('radio', {name: 'Trained staff'}).isChecked()).toBe(true)
    await second.page.getByRole('button', {name: 'Exit course'}).click()
    await second.page.locator('.cm-exit-done').waitFor()
    const all = await storedWhen(registration, terminatedCount(2))
    expect(all.slice(statements.length).map((statement) => [verbOf(statement), statement.object.id.replace(course.id, '')])).toEqual([
      ['launched', review.activityId],
      ['initialized', review.activityId],
      ['experienced', '/pages/rules.check'],
      ['terminated', review.activityId]
    ])
    for (const statement of all.slice(statements.length + 1)) expect(statement.context?.['extensions']?.[sessionExtension]).toBe(review.sessionId)
    expect(second.errors).toEqual([])
    await second.page.close()
  }, 180_000)

  test('a reload in the same session does not call the fetch URL again and sends nothing after terminated', async () => {
    const registration = randomUUID()
    const au = aus[1]!
    const launch = await lms.cmi5Launch({auUrl: served.url + au.url, publisherId: au.id, actor, registration})
    const fetchId = new URL(launch.url).searchParams.get('fetch')!.replace(/^.*\/fetch\//, '')
    const {page} = await open(launch.url)
    expect(await title(page)).toBe('Words and numbers')
    await page.reload()
    await page.locator('[data-notice="notice.cmi5Ended"]').waitFor()
    expect(lms.fetchCalls.get(fetchId)).toBe(1)
    const statements = await storedWhen(registration, terminatedCount(1))
    await new Promise((resolve) => setTimeout(resolve, 1000))
    const later = (await lms.statements()).filter((statement) => statement.context?.['registration'] === registration)
    expect(later.map(verbOf)).toEqual(['launched', 'initialized', 'experienced', 'terminated'])
    expect(later).toHaveLength(statements.length)
    await page.close()
  }, 60_000)

  test('the fetch URL’s error document stops the launch with a message', async () => {
    const registration = randomUUID()
    const au = aus[0]!
    const launch = await lms.cmi5Launch({auUrl: served.url + au.url, publisherId: au.id, actor, registration})
    // Someone else already took the token.
    await fetch(new URL(launch.url).searchParams.get('fetch')!, {method: 'POST'})
    const {page} = await open(launch.url)
    const notice = page.locator('[data-notice="notice.cmi5Launch"]')
    await notice.waitFor()
    expect(await notice.textContent()).toContain('error 1: The authorization token has already been returned.')
    await page.close()
  }, 60_000)
})
