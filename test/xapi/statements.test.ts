/**
 * The statements of the xAPI and cmi5 adapters, driven through the tracker, checked with
 * Learning Locker's validator and against the cmi5 verb rules; launch parsing; context merging.
 */

import {describe, expect, test} from 'vitest'
import {indexCourse} from '../../packages/runtime/src/lib/course-index.js'
import type {DocumentWrite, Outbox, Statement} from '../../packages/runtime/src/lib/delivery/outbox.js'
import {readLaunchData} from '../../packages/runtime/src/lib/adapters/cmi5.js'
import {parseActor, parseCmi5Launch, parseTinCanLaunch} from '../../packages/runtime/src/lib/adapters/xapi-launch.js'
import {createLrsAdapter, type LrsProfile, type ProgressDocument} from '../../packages/runtime/src/lib/adapters/xapi-session.js'
import {mergeContext, questionActivity, statement as buildStatement} from '../../packages/runtime/src/lib/adapters/xapi-statements.js'
import {answerQuestion, chooseInScenario, goToPage, type State} from '../../packages/runtime/src/lib/state.js'
import {createTracker, type Tracker} from '../../packages/runtime/src/lib/tracker.js'
import {fixtureCourse, generatedQuestion} from '../runtime/course-fixture.js'
import {fakeEnv} from './lib/fake-env.js'
import {statementProblems} from './lib/validate.js'

const course = fixtureCourse()
const index = indexCourse(course)
const actor = {objectType: 'Agent' as const, account: {homePage: 'https://lms.example.org', name: 'learner-1'}}
const registration = 'c0ffee00-1111-4222-8333-444455556666'
const au = 'https://lms.example.org/activities/au-1'
const template = {
  contextActivities: {grouping: [{objectType: 'Activity' as const, id: course.id + '/au'}]},
  extensions: {'https://w3id.org/xapi/cmi5/context/extensions/sessionid': 'session-1'}
}

/** An outbox that keeps what it is given. */
function capture(): Outbox & {statements: Statement[]; documents: DocumentWrite[]} {
  const statements: Statement[] = []
  const documents: DocumentWrite[] = []
  return {
    statements,
    documents,
    send: (statement) => void statements.push(statement),
    put: (write) => void documents.push(write),
    document: () => undefined,
    pending: () => [],
    kick() {},
    flushOnHide() {},
    settle: () => Promise.resolve(true)
  }
}

function session(profile: LrsProfile, saved?: ProgressDocument) {
  const env = fakeEnv()
  const outbox = capture()
  const adapter = createLrsAdapter({course, env, outbox, actor, registration, profile, saved, stateQuery: {activityId: profile.object.id}})
  const tracker = createTracker({index, adapter, now: env.now, report: () => {}})
  const start = tracker.start()
  tracker.flush(start.state)
  return {env, outbox, adapter, tracker, state: start.state}
}

const xapiProfile: LrsProfile = {name: 'xapi', mode: 'normal', object: {objectType: 'Activity', id: course.id}}
const cmi5Profile = (mode: LrsProfile['mode'] = 'normal', mastery?: number): LrsProfile =>
  ({name: 'cmi5', mode, mastery, object: {objectType: 'Activity', id: au}, template})

/** Play every page; answers right when `good`, else keys, items and places wrong. */
function play(tracker: Tracker, start: State, good: boolean): State {
  let state = start
  const page = (number: number): void => {
    state = goToPage(state, number)
    tracker.update(state, {type: 'page'})
  }
  const answer = (id: string, response: Parameters<typeof answerQuestion>[2]): void => {
    state = answerQuestion(state, id, response)
    tracker.update(state, {type: 'answer', id, latency: 4500})
  }
  page(1)
  answer('keys', {type: 'single', choice: good ? 1 : 0})
  answer('items', {type: 'multiple', choices: good ? [0, 2] : [0]})
  answer('searched', {type: 'true-false', value: true})
  page(2)
  answer('entry-steps', {type: 'order', order: [0, 1, 2, 3]})
  answer('places', {type: 'match', targets: good ? [0, 1, 2] : [1, 0, 2]})
  page(3)
  answer('procedure', {type: 'text', text: 'mail procedure'})
  answer('days', {type: 'numeric', text: '7'})
  page(4)
  state = chooseInScenario(state, 'letter', 1)
  state = chooseInScenario(state, 'letter', 0)
  tracker.update(state, {type: 'scenario', id: 'letter', latency: 9000})
  page(index.pages.length)
  return state
}

const verbs = (statements: ReadonlyArray<Statement>): string[] => statements.map((statement) => (statement['verb'] as {id: string}).id.replace(/^.*\//, ''))
const objectOf = (statement: Statement): string => (statement['object'] as {id: string}).id
const categoriesOf = (statement: Statement): string[] => ((statement['context'] as any)?.contextActivities?.category ?? []).map((activity: {id: string}) => activity.id)

describe('statements', () => {
  test('every question type makes a valid interaction activity', () => {
    for (let n = 0; n < 7; n++) {
      const question = generatedQuestion(n, 'LO1')
      const statement = buildStatement({id: '00000000-0000-4000-8000-000000000001', actor, verb: 'answered', object: questionActivity(course, question), context: {registration}, timestamp: 0, result: {success: true}})
      expect(statementProblems(statement), question.type).toEqual([])
    }
  })

  test('Tin Can: a whole session is valid; page, answer, objective, completion, verdict, end', () => {
    const {tracker, state, outbox} = session(xapiProfile)
    const end = play(tracker, state, false)
    tracker.finish(end)
    for (const statement of outbox.statements) expect(statementProblems(statement)).toEqual([])
    const list = verbs(outbox.statements)
    expect(list[0]).toBe('initialized')
    expect(list.at(-1)).toBe('terminated')
    expect(list.filter((verb) => verb === 'answered')).toHaveLength(8)
    expect(list.filter((verb) => verb === 'experienced')).toHaveLength(5)
    expect(list.filter((verb) => verb === 'completed')).toHaveLength(1)
    expect(outbox.statements.filter((statement) => objectOf(statement) === course.id).map((statement) => (statement['verb'] as {id: string}).id.replace(/^.*\//, ''))).toEqual(['initialized', 'completed', 'failed', 'terminated'])
    expect(new Set(outbox.statements.map((statement) => statement.id)).size).toBe(outbox.statements.length)
    expect(outbox.documents.at(-1)?.body).toMatchObject({location: 'results', completed: true, success: 'failed'})
  })

  test('Tin Can: leaving unfinished is `suspended`', () => {
    const {tracker, state, outbox} = session(xapiProfile)
    tracker.finish(state)
    expect(verbs(outbox.statements)).toEqual(['initialized', 'experienced', 'suspended'])
  })

  test('cmi5 Normal: defined statements on the AU with the cmi5 (and moveOn) category, one verdict per session at the results', () => {
    const {tracker, state, outbox} = session(cmi5Profile('normal', 0.6))
    const end = play(tracker, state, false)
    tracker.finish(end)
    for (const statement of outbox.statements) expect(statementProblems(statement)).toEqual([])
    const defined = outbox.statements.filter((statement) => objectOf(statement) === au)
    expect(verbs(defined)).toEqual(['initialized', 'completed', 'passed', 'terminated'])
    expect(defined.map(categoriesOf)).toEqual([
      ['https://w3id.org/xapi/cmi5/context/categories/cmi5'],
      ['https://w3id.org/xapi/cmi5/context/categories/cmi5', 'https://w3id.org/xapi/cmi5/context/categories/moveon'],
      ['https://w3id.org/xapi/cmi5/context/categories/cmi5', 'https://w3id.org/xapi/cmi5/context/categories/moveon'],
      ['https://w3id.org/xapi/cmi5/context/categories/cmi5']
    ])
    // masteryScore 0.6 of the LMS wins over the course's 0.8: 60 % passes.
    expect(defined[2]!['result']).toMatchObject({success: true, score: {scaled: 0.6, raw: 60, min: 0, max: 100}})
    expect((defined[2]!['context'] as any).extensions['https://w3id.org/xapi/cmi5/context/extensions/masteryscore']).toBe(0.6)
    for (const statement of outbox.statements) {
      expect((statement['context'] as any).extensions['https://w3id.org/xapi/cmi5/context/extensions/sessionid']).toBe('session-1')
      expect((statement['context'] as any).contextActivities.grouping[0].id).toBe(course.id + '/au')
      if (objectOf(statement) !== au) expect(categoriesOf(statement)).toEqual([])
    }
    expect(verbs(outbox.statements)[0]).toBe('initialized')
    expect(verbs(outbox.statements).at(-1)).toBe('terminated')
  })

  test('cmi5 across sessions: completed and passed once per registration, never failed after passed', () => {
    const first = session(cmi5Profile())
    first.tracker.finish(play(first.tracker, first.state, false))
    const afterFirst = first.outbox.documents.at(-1)!.body as ProgressDocument
    expect(verbs(first.outbox.statements.filter((statement) => objectOf(statement) === au))).toEqual(['initialized', 'completed', 'failed', 'terminated'])

    const second = session(cmi5Profile(), afterFirst)
    second.tracker.finish(play(second.tracker, second.state, true))
    const afterSecond = second.outbox.documents.at(-1)!.body as ProgressDocument
    expect(verbs(second.outbox.statements.filter((statement) => objectOf(statement) === au))).toEqual(['initialized', 'passed', 'terminated'])

    const third = session(cmi5Profile(), afterSecond)
    third.tracker.finish(play(third.tracker, third.state, false))
    expect(verbs(third.outbox.statements.filter((statement) => objectOf(statement) === au))).toEqual(['initialized', 'terminated'])
  })

  test('cmi5 Browse and Review: initialized, pages, terminated; nothing judged, answered or written', () => {
    for (const mode of ['browse', 'review'] as const) {
      const {tracker, state, outbox} = session(cmi5Profile(mode))
      tracker.finish(play(tracker, state, true))
      expect(new Set(verbs(outbox.statements))).toEqual(new Set(['initialized', 'experienced', 'terminated']))
      expect(outbox.documents).toEqual([])
    }
  })
})

describe('launch', () => {
  test('Tin Can launch, with a Tin Can 0.9 actor', () => {
    const href = 'https://content.example.org/index.html?endpoint=' + encodeURIComponent('https://lrs.example.org/xapi/') +
      '&auth=' + encodeURIComponent('Basic dGVzdDp0ZXN0') + '&actor=' + encodeURIComponent('{"name":["Ann"],"mbox":["mailto:ann@example.org"]}') +
      '&registration=' + registration + '&activity_id=' + encodeURIComponent('https://example.org/course')
    expect(parseTinCanLaunch(href)).toEqual({
      endpoint: 'https://lrs.example.org/xapi/',
      auth: 'Basic dGVzdDp0ZXN0',
      actor: {objectType: 'Agent', name: 'Ann', mbox: 'mailto:ann@example.org'},
      registration,
      activityId: 'https://example.org/course'
    })
    expect(parseTinCanLaunch('https://content.example.org/index.html')).toBeUndefined()
    expect(parseActor('{"account":[{"accountServiceHomePage":"https://lms.example.org","accountName":"17"}]}')).toEqual({objectType: 'Agent', account: {homePage: 'https://lms.example.org', name: '17'}})
  })

  test('cmi5 launch: every parameter, or the first one missing', () => {
    const params = new URLSearchParams({endpoint: 'https://lrs.example.org/xapi/', fetch: 'https://lms.example.org/fetch/1', actor: JSON.stringify(actor), registration, activityId: au})
    expect(parseCmi5Launch('https://content.example.org/index.html?module=rules&' + params.toString())).toEqual({endpoint: 'https://lrs.example.org/xapi/', fetch: 'https://lms.example.org/fetch/1', actor, registration, activityId: au})
    params.delete('fetch')
    expect(parseCmi5Launch('https://content.example.org/index.html?' + params.toString())).toBe('fetch')
    expect(parseCmi5Launch('https://content.example.org/index.html?module=rules')).toBeUndefined()
  })

  test('LMS.LaunchData: modes, masteryScore, and only http(s) return URLs', () => {
    expect(readLaunchData({contextTemplate: {}, launchMode: 'Review', masteryScore: 0.75, moveOn: 'Passed', returnURL: 'https://lms.example.org/course/7'})).toEqual({
      contextTemplate: {}, mode: 'review', masteryScore: 0.75, moveOn: 'Passed', returnUrl: 'https://lms.example.org/course/7'
    })
    expect(readLaunchData({contextTemplate: {}, launchMode: 'Normal', returnURL: 'javascript:alert(1)'})?.returnUrl).toBeUndefined()
    expect(readLaunchData({launchMode: 'Normal'})).toBeUndefined()
    expect(readLaunchData({contextTemplate: {}, launchMode: 'normal'})).toBeUndefined()
  })

  test('the context template is extended, never overwritten', () => {
    const merged = mergeContext({registration: 'from-lms', contextActivities: {grouping: {objectType: 'Activity', id: 'publisher'} as never}, extensions: {a: 1}}, {
      registration: 'mine',
      contextActivities: {grouping: [{objectType: 'Activity', id: 'publisher'}, {objectType: 'Activity', id: 'course'}], category: [{objectType: 'Activity', id: 'cmi5'}]},
      extensions: {a: 2, b: 3},
      language: 'en'
    })
    expect(merged).toEqual({
      registration: 'from-lms',
      contextActivities: {grouping: [{objectType: 'Activity', id: 'publisher'}, {objectType: 'Activity', id: 'course'}], category: [{objectType: 'Activity', id: 'cmi5'}]},
      extensions: {a: 1, b: 3},
      language: 'en'
    })
  })
})
