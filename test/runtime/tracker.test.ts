import {expect, test} from 'vitest'
import type {Launch, Problem, Snapshot, TrackingAdapter} from '../../packages/runtime/src/lib/adapters/types.js'
import {indexCourse} from '../../packages/runtime/src/lib/course-index.js'
import {encodeState} from '../../packages/runtime/src/lib/encoding.js'
import type {InteractionRecord} from '../../packages/runtime/src/lib/interaction.js'
import {answerQuestion, chooseInScenario, goToPage, initialState, writeReflection} from '../../packages/runtime/src/lib/state.js'
import {createTracker} from '../../packages/runtime/src/lib/tracker.js'
import {fixtureCourse} from './course-fixture.js'

const index = indexCourse(fixtureCourse())

/** An adapter that only remembers what it was given. */
function memoryAdapter(launch: Partial<Launch>, suspendLimit = Infinity) {
  const log = {saves: [] as Snapshot[], records: [] as InteractionRecord[], commits: 0, finishes: [] as Array<[Snapshot, number]>}
  const adapter: TrackingAdapter = {
    name: 'standalone',
    suspendLimit,
    start: () => ({suspendData: '', location: '', mode: 'normal', ...launch}),
    save: (snapshot) => void log.saves.push(snapshot),
    record: (interaction) => void log.records.push(interaction),
    commit: () => void log.commits++,
    finish: (snapshot, ms) => void log.finishes.push([snapshot, ms])
  }
  return {adapter, log}
}

test('starts at the bookmark of restored state, marks it visited', () => {
  const saved = goToPage(answerQuestion(initialState(index), 'keys', {type: 'single', choice: 1}), 1)
  const {adapter} = memoryAdapter({suspendData: encodeState(index, saved).value, location: 'requests.numbers'})
  const problems: Problem[] = []
  const start = createTracker({index, adapter, now: () => 0, report: (problem) => problems.push(problem)}).start()
  expect(start.resumed).toBe(true)
  expect(start.state.page).toBe(3)
  expect(start.state.visited).toEqual([false, true, false, true, false])
  expect(start.state.questions).toEqual(saved.questions)
  expect(problems).toEqual([])
})

test('the results bookmark, and a bookmark without state', () => {
  const saved = goToPage(initialState(index), 4)
  const results = createTracker({index, adapter: memoryAdapter({suspendData: encodeState(index, saved).value, location: 'results'}).adapter, now: () => 0, report: () => {}}).start()
  expect(results.state.page).toBe(5)
  const bare = createTracker({index, adapter: memoryAdapter({location: 'rules.more'}).adapter, now: () => 0, report: () => {}}).start()
  expect(bare.resumed).toBe(false)
  expect(bare.state.page).toBe(2)
})

test('suspend data it cannot read is reported, and the learner starts afresh', () => {
  const problems: Problem[] = []
  const start = createTracker({index, adapter: memoryAdapter({suspendData: 'page=3'}).adapter, now: () => 0, report: (problem) => problems.push(problem)}).start()
  expect(problems).toEqual([{key: 'notice.notRestored'}])
  expect(start.state).toEqual(goToPage(initialState(index), 0))
})

test('answers and finished scored scenarios become interactions; every change is saved and committed', () => {
  const {adapter, log} = memoryAdapter({})
  let time = 1000
  const tracker = createTracker({index, adapter, now: () => time, report: () => {}})
  let state = tracker.start().state
  state = answerQuestion(state, 'keys', {type: 'single', choice: 0})
  tracker.update(state, {type: 'answer', id: 'keys', latency: 321})
  state = chooseInScenario(state, 'letter', 1)
  tracker.update(state, {type: 'scenario', id: 'letter', latency: 5})
  state = chooseInScenario(state, 'letter', 1)
  tracker.update(state, {type: 'scenario', id: 'letter', latency: 9})
  state = writeReflection(state, 'own-practice', 'note')
  tracker.update(state, {type: 'reflection', id: 'own-practice'})
  expect(log.records.map((record) => [record.kind, record.kind === 'question' ? record.correct : record.ending.id, record.latency])).toEqual([
    ['question', false, 321],
    ['scenario', 'partial-end', 9]
  ])
  expect(log.saves).toHaveLength(4)
  expect(log.commits).toBe(4)
  expect(log.saves.at(-1)?.progress.earned).toBe(1)
  time = 61_000
  tracker.finish(state)
  tracker.finish(state)
  tracker.update(state, {type: 'page'})
  expect(log.finishes).toHaveLength(1)
  expect(log.finishes[0]?.[1]).toBe(60_000)
  expect(log.saves).toHaveLength(4)
})

test('the LMS pass mark replaces the course one', () => {
  const tracker = createTracker({index, adapter: memoryAdapter({mastery: 0.5}).adapter, now: () => 0, report: () => {}})
  const {state} = tracker.start()
  expect(tracker.progress(state).masteryPercent).toBe(50)
})

test('suspend data over the store limit is shortened and the learner told once', () => {
  const {adapter, log} = memoryAdapter({}, 40)
  const problems: Problem[] = []
  const tracker = createTracker({index, adapter, now: () => 0, report: (problem) => problems.push(problem)})
  let state = tracker.start().state
  state = writeReflection(state, 'own-practice', 'a long note '.repeat(10))
  tracker.update(state, {type: 'reflection', id: 'own-practice'})
  tracker.flush(state)
  expect(problems).toEqual([{key: 'notice.lossy'}])
  expect(log.saves.at(-1)?.suspendData.length).toBeLessThanOrEqual(40)
})
