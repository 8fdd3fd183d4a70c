/**
 * An xAPI package (Tin Can launch) in Chromium against a real LRS on 127.0.0.1: Learning
 * Locker's statements service behind the test LMS (credentials checked, State API). A learner
 * plays the whole course with some answers wrong and leaves; every statement the LRS stored
 * passes Learning Locker's validator, and verbs, order, results, interaction definitions,
 * objectives and context are the expected ones. A relaunch restores the bookmark and answers.
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
import {playFirstPages, playRest, stream, title} from './lib/play.js'
import {statementProblems} from './lib/validate.js'

let folder: string
let lms: Lms
let served: Served
let browser: Browser
let course: Course

beforeAll(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'coursemark-xapi-'))
  course = await writePackage(folder, 'xapi')
  ;[lms, served, browser] = await Promise.all([startLms(), serveFolder(folder), launchChromium()])
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await served?.close()
  await lms?.close()
  if (folder) await fs.rm(folder, {recursive: true, force: true})
})

const actor: TestAgent = {objectType: 'Agent', name: 'Ann Learner', account: {homePage: 'https://lms.example.org', name: 'learner-17'}}

/** Poll the LRS until `done` holds for what it stored. */
export async function storedWhen(source: Lms, done: (statements: StoredStatement[]) => boolean, timeout = 30_000): Promise<StoredStatement[]> {
  const end = Date.now() + timeout
  for (;;) {
    const statements = await source.statements()
    if (done(statements)) return statements
    if (Date.now() > end) throw new Error('Timed out; the LRS has:\n' + stream(statements, course.id).map((entry) => entry.join(' ')).join('\n'))
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

const open = (url: string) => openLaunch(browser, url)

const ended = (statements: StoredStatement[], count: number): boolean =>
  statements.filter((statement) => /\/(terminated|suspended)$/.test(statement.verb.id)).length >= count

describe('xAPI package in Chromium with Learning Locker as the LRS', () => {
  test('a full session: valid statements, right verbs, order, results and objectives; resume from the State API', async () => {
    const registration = randomUUID()
    const launch = lms.tinCanLaunch(served.url + 'index.html', {actor, registration})
    const {page, errors} = await open(launch)
    expect(await page.locator('.cm-notice').count()).toBe(0)
    await playFirstPages(page)
    await playRest(page)
    // The LMS takes the learner elsewhere: `pagehide` ends the session.
    await page.goto(lms.url + 'return')
    const statements = await storedWhen(lms, (all) => ended(all, 1))

    for (const statement of statements) expect(statementProblems(statement), statement.verb.id).toEqual([])
    expect(stream(statements, course.id)).toEqual([
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
      ['experienced', '/pages/requests.numbers'],
      ['answered', '/questions/procedure'],
      ['answered', '/questions/days'],
      ['experienced', '/pages/requests.letter'],
      ['completed', '/'],
      ['answered', '/scenarios/letter'],
      ['passed', '/objectives/LO2'],
      ['failed', '/'],
      ['terminated', '/']
    ])

    // Ids are the runtime's (UUIDs), each stored once; timestamps never go back.
    expect(new Set(statements.map((statement) => statement.id)).size).toBe(statements.length)
    const times = statements.map((statement) => Date.parse(statement.timestamp))
    expect(times).toEqual([...times].sort((a, b) => a - b))
    for (const statement of statements) {
      expect(statement.actor).toMatchObject({account: actor.account})
      expect(statement.context).toMatchObject({registration, language: 'en', revision: course.version})
    }

    const answers = statements.filter((statement) => statement.verb.id.endsWith('/answered'))
    expect(answers.map((statement) => [statement.object.definition?.['interactionType'], statement.result?.['response'], statement.result?.['success']])).toEqual([
      ['choice', 'a', false],
      ['choice', 'b', true],
      ['choice', 'a', false],
      ['true-false', 'true', true],
      ['sequencing', 'a[,]b[,]c[,]d', true],
      ['matching', 'a[.]2[,]b[.]1[,]c[.]3', false],
      ['fill-in', 'Mail Procedure', true],
      ['numeric', '6.5', true],
      ['performance', 'start[.]b[,]explained[.]a[,]good-end[.]good', true]
    ])
    const keys = answers[0]!
    expect(keys.object.definition).toMatchObject({
      type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
      description: {en: 'Who may carry keys?'},
      correctResponsesPattern: ['b'],
      choices: [{id: 'a', description: {en: 'Anyone'}}, {id: 'b', description: {en: 'Trained staff'}}, {id: 'c', description: {en: 'Visitors'}}]
    })
    expect(keys.result?.['duration']).toMatch(/^PT(\d+H)?(\d+M)?\d+(\.\d+)?S$/)
    expect(keys.context?.['contextActivities']).toEqual({
      parent: [expect.objectContaining({id: course.id + '/modules/rules'})],
      grouping: [expect.objectContaining({id: course.id})],
      other: [{objectType: 'Activity', id: course.id + '/objectives/LO1'}]
    })
    expect(answers[5]!.object.definition).toMatchObject({interactionType: 'matching', correctResponsesPattern: ['a[.]1[,]b[.]2[,]c[.]3']})
    expect(answers[6]!.object.definition).toMatchObject({correctResponsesPattern: ['{case_matters=false}mail procedure', '{case_matters=false}post procedure']})
    expect(answers[7]!.object.definition).toMatchObject({correctResponsesPattern: ['6[:]8']})

    const verdict = statements.find((statement) => statement.verb.id.endsWith('/failed') && statement.object.id === course.id)!
    expect(verdict.result).toMatchObject({success: false, score: {scaled: 0.7, raw: 70, min: 0, max: 100}})
    expect(verdict.result?.['duration']).toMatch(/^PT/)
    const objective = statements.find((statement) => statement.object.id === course.id + '/objectives/LO1')!
    expect(objective.result).toMatchObject({success: false, score: {scaled: 0.5, raw: 50, min: 0, max: 100}})
    expect(objective.object.definition).toMatchObject({type: 'http://adlnet.gov/expapi/activities/objective', description: {en: 'Explain the security rules.'}})
    expect(statements.find((statement) => statement.verb.id.endsWith('/completed'))?.result).toMatchObject({completion: true})
    expect(statements.at(-1)?.result?.['duration']).toMatch(/^PT/)

    expect(lms.state({activityId: course.id, agent: actor, registration, stateId: 'coursemark.progress'})).toMatchObject({
      v: 1, location: 'results', completed: true, success: 'failed', percent: 70
    })
    expect(errors).toEqual([])
    await page.close()

    // Relaunch: back on the results, every answer restored, nothing reported twice.
    const again = await open(launch)
    expect(await title(again.page)).toBe('Your results')
    expect(await again.page.locator('.cm-score').textContent()).toBe('Your score: 70%')
    await again.page.getByRole('button', {name: 'Check the rules'}).click()
    expect(await again.page.getByRole('radio', {name: 'Trained staff'}).isChecked()).toBe(true)
    expect(await again.page.getByRole('checkbox', {name: 'Mobile phones'}).isChecked()).toBe(true)
    await again.page.goto(lms.url + 'return')
    const after = await storedWhen(lms, (all) => ended(all, 2))
    expect(stream(after.slice(statements.length), course.id)).toEqual([
      ['initialized', '/'],
      ['experienced', '/pages/rules.check'],
      ['terminated', '/']
    ])
    for (const statement of after) expect(statementProblems(statement)).toEqual([])
    expect(again.errors).toEqual([])
    await again.page.close()
  }, 180_000)

  test('without launch parameters the package says so and plays standalone', async () => {
    const {page} = await open(served.url + 'index.html')
    expect(await page.locator('[data-notice="notice.standalone"]').count()).toBe(1)
    await page.close()
  }, 60_000)

  test('refused credentials: delivery stops with a clear message and the statements stay in the browser', async () => {
    const registration = randomUUID()
    const {page} = await open(lms.tinCanLaunch(served.url + 'index.html', {actor, registration, auth: 'Basic ' + Buffer.from('nobody:wrong').toString('base64')}))
    await page.locator('[data-notice="notice.lrsAuth"]').waitFor()
    expect(await page.locator('[data-notice="notice.lrsAuth"]').textContent()).toContain('access was refused (error 401)')
    const kept = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('coursemark:lrs:')).map((key) => JSON.parse(localStorage.getItem(key)!).statements.length as number))
    expect(kept.some((count) => count >= 2)).toBe(true)
    await page.close()
  }, 60_000)
})
