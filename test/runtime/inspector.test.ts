import {Scorm12API, Scorm2004API} from 'scorm-again'
import {expect, test} from 'vitest'
import {combineAdapters} from '../../packages/runtime/src/lib/adapters/combine.js'
import {createInspectorAdapter, createRecordingOutbox, isInspectorHost, type InspectorHost} from '../../packages/runtime/src/lib/adapters/inspector.js'
import type {Launch, Problem, Snapshot, TrackingAdapter} from '../../packages/runtime/src/lib/adapters/types.js'
import {indexCourse} from '../../packages/runtime/src/lib/course-index.js'
import type {Environment} from '../../packages/runtime/src/lib/delivery/environment.js'
import {answerQuestion, goToPage} from '../../packages/runtime/src/lib/state.js'
import {createTracker} from '../../packages/runtime/src/lib/tracker.js'
import {statementProblems} from '../xapi/lib/validate.js'
import {fixtureCourse} from './course-fixture.js'

// The tracking of `coursemark preview`: the SCORM 1.2 adapter leads, the SCORM 2004 and xAPI
// adapters follow the same session, and the xAPI adapter's statements go to the inspector.

function memoryAdapter(name: TrackingAdapter['name'], suspendLimit: number, launch: Partial<Launch>, log: string[]): TrackingAdapter {
  return {
    name,
    suspendLimit,
    start: () => (log.push(name + ' start'), {suspendData: '', location: '', mode: 'normal', ...launch}),
    save: () => void log.push(name + ' save'),
    record: () => void log.push(name + ' record'),
    commit: () => void log.push(name + ' commit'),
    finish: (_snapshot: Snapshot, ms: number) => void log.push(name + ' finish ' + ms)
  }
}

test('combineAdapters: the lead’s launch, the smallest suspend limit, every call to each adapter in order', () => {
  const log: string[] = []
  const combined = combineAdapters(memoryAdapter('scorm12', 4096, {location: 'lead'}, log), [memoryAdapter('scorm2004', 64_000, {location: 'other'}, log), memoryAdapter('xapi', 1_000_000, {}, log)])
  expect(combined.name).toBe('scorm12')
  expect(combined.suspendLimit).toBe(4096)
  expect(combined.start().location).toBe('lead')
  combined.commit()
  combined.finish({} as Snapshot, 5)
  expect(log).toEqual(['scorm12 start', 'scorm2004 start', 'xapi start', 'scorm12 commit', 'scorm2004 commit', 'xapi commit', 'scorm12 finish 5', 'scorm2004 finish 5', 'xapi finish 5'])
})

/** The preview's page: an LMS for each SCORM version and the xAPI recorder. */
function previewPage() {
  const statements: Array<Record<string, any>> = []
  const documents = new Map<string, {body: unknown}>()
  const host: InspectorHost = {
    statement: (json) => void statements.push(JSON.parse(json) as Record<string, any>),
    document: (json) => {
      const write = JSON.parse(json) as {key: string; body: unknown}
      documents.set(write.key, write)
    },
    progress: () => (documents.has('progress') ? JSON.stringify(documents.get('progress')!.body) : '')
  }
  const lms12 = new Scorm12API({logLevel: 5})
  const lms2004 = new Scorm2004API({logLevel: 5})
  const top: Record<string, unknown> = {API: lms12, API_1484_11: lms2004, opener: null}
  top['parent'] = top
  top['top'] = top
  const frame = {parent: top, top, opener: null} as unknown as Window
  return {host, statements, documents, lms12, lms2004, frame}
}

function cmiOf(api: {cmi: unknown}): any {
  return JSON.parse(JSON.stringify(api.cmi))
}

function environment(now: () => number): Environment {
  let id = 0
  return {
    fetch: () => Promise.reject(new Error('no network in the preview')),
    setTimeout: () => 0,
    clearTimeout: () => {},
    now,
    uuid: () => '00000000-0000-4000-8000-' + String(++id).padStart(12, '0'),
    storage: undefined,
    session: undefined,
    href: 'http://127.0.0.1/course/index.html',
    navigate: () => {},
    on: () => {}
  }
}

test('the inspector adapter: SCORM 1.2, SCORM 2004 and xAPI statements of one session, nothing sent', () => {
  const page = previewPage()
  expect(isInspectorHost(page.host)).toBe(true)
  expect(isInspectorHost({statement() {}})).toBe(false)
  const course = fixtureCourse()
  const index = indexCourse(course)
  let time = Date.UTC(2024, 4, 1, 9, 0, 0)
  const now = (): number => time
  const problems: Problem[] = []
  const report = (problem: Problem): void => void problems.push(problem)
  const adapter = createInspectorAdapter({window: page.frame, course, host: page.host, env: environment(now), report})
  expect([adapter.name, adapter.suspendLimit]).toEqual(['scorm12', 4096])
  const tracker = createTracker({index, adapter, now, report})
  let state = tracker.start().state
  tracker.flush(state)
  time += 10_000
  state = goToPage(state, 1)
  tracker.update(state, {type: 'page'})
  time += 5000
  state = answerQuestion(state, 'keys', {type: 'single', choice: 1})
  tracker.update(state, {type: 'answer', id: 'keys', latency: 5000})
  time += 1000
  tracker.finish(state)

  expect(problems).toEqual([])
  // The same answer in each standard.
  const [answer12] = Object.values(cmiOf(page.lms12).interactions) as any[]
  const [answer2004] = Object.values(cmiOf(page.lms2004).interactions) as any[]
  expect(answer12.id).toContain('keys')
  expect(answer2004.id).toContain('keys')
  expect(answer12.result).toBe('correct')
  expect(answer2004.result).toBe('correct')
  const verbs = page.statements.map((statement) => String(statement['verb'].id).split('/').at(-1))
  expect(verbs[0]).toBe('initialized')
  expect(verbs.filter((verb) => verb === 'answered')).toHaveLength(1)
  expect(verbs.at(-1)).toBe('suspended')
  const answered = page.statements.find((statement) => statement['verb'].id.endsWith('/answered'))!
  expect(answered['object'].id).toBe(course.id.replace(/\/+$/, '') + '/questions/keys')
  expect(answered['result']).toMatchObject({success: true, duration: 'PT5S'})
  // Statements an LRS accepts, and the progress document it would keep.
  for (const statement of page.statements) expect(statementProblems(statement)).toEqual([])
  expect(JSON.parse(page.host.progress())).toMatchObject({v: 1, location: index.pages[1]!.page.id})

  // A new session (the page reloaded) starts from the progress the LRS would give back.
  const again = createInspectorAdapter({window: page.frame, course, host: page.host, env: environment(now), report})
  const before = page.statements.length
  again.start()
  expect(page.statements.slice(before).map((statement) => String(statement['verb'].id).split('/').at(-1))).toEqual(['initialized'])
})

test('the recording outbox hands statements and documents to the inspector, and keeps documents readable', async () => {
  const seen: string[] = []
  const outbox = createRecordingOutbox({statement: (json) => void seen.push('statement ' + json), document: (json) => void seen.push('document ' + json), progress: () => ''})
  outbox.send({id: 'a'})
  outbox.put({key: 'progress', resource: 'activities/state', query: {stateId: 'coursemark.progress'}, body: {v: 1}})
  expect(seen).toEqual(['statement {"id":"a"}', 'document {"key":"progress","resource":"activities/state","query":{"stateId":"coursemark.progress"},"body":{"v":1}}'])
  expect(outbox.document('progress')).toEqual({body: {v: 1}, pending: false})
  expect(outbox.pending()).toEqual([])
  expect(await outbox.settle(10)).toBe(true)
})
