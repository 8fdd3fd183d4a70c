// The SCORM adapters on a flaky scorm-again (in Node, fast): whatever fails and whenever, once the
// LMS heals (in the same session, or at the next launch through the browser's copy), the LMS
// holds exactly what a fault-free session would have stored.
import fc from 'fast-check'
import {Scorm12API, Scorm2004API} from 'scorm-again'
import {describe, expect, test} from 'vitest'
import type {Scorm12Api, Scorm2004Api} from '../../packages/runtime/src/lib/adapters/find-api.js'
import {createScorm12Adapter} from '../../packages/runtime/src/lib/adapters/scorm12.js'
import {createScorm2004Adapter} from '../../packages/runtime/src/lib/adapters/scorm2004.js'
import type {BackupOptions} from '../../packages/runtime/src/lib/adapters/scorm-backup.js'
import type {Problem, TrackingAdapter} from '../../packages/runtime/src/lib/adapters/types.js'
import {indexCourse} from '../../packages/runtime/src/lib/course-index.js'
import {answerQuestion, chooseInScenario, goToPage, writeReflection, type State} from '../../packages/runtime/src/lib/state.js'
import {createTracker} from '../../packages/runtime/src/lib/tracker.js'
import {fixtureCourse} from '../runtime/course-fixture.js'

const index = indexCourse(fixtureCourse())
type Standard = 'scorm12' | 'scorm2004'

/** How the LMS misbehaves: each SetValue or Commit fails when `fails(call number)` says so. */
interface Flaky {
  /** `false` answer with an error code, `throw`, or nothing wrong. */
  mode: (call: number) => 'false' | 'throw' | undefined
}

/** A scorm-again API behind a proxy that fails on demand and keeps what a successful commit persisted. */
function flakyLms(standard: Standard, flaky: Flaky, data?: unknown) {
  const api = standard === 'scorm12' ? new Scorm12API({logLevel: 5}) : new Scorm2004API({logLevel: 5})
  api.loadFromJSON((data ?? (standard === 'scorm12' ? {core: {student_id: 'learner-1'}} : {learner_id: 'learner-1'})) as any, '')
  const lms = {api, stored: undefined as any, calls: 0, faults: 0}
  let lastError: string | undefined
  const proxy = new Proxy(api, {
    get(target, name) {
      const value = Reflect.get(target, name) as unknown
      if (typeof value !== 'function' || typeof name !== 'string') return value
      return (...args: string[]) => {
        if (/GetLastError$/.test(name) && lastError !== undefined) return lastError
        if (/(SetValue|Commit)$/.test(name)) {
          const how = flaky.mode(lms.calls++)
          if (how) {
            lms.faults++
            if (how === 'throw') throw new Error('The LMS connection failed')
            lastError = /Commit$/.test(name) ? (standard === 'scorm12' ? '101' : '391') : (standard === 'scorm12' ? '101' : '351')
            return 'false'
          }
        }
        if (!/^(LMSGetLastError|GetLastError|LMSGetErrorString|GetErrorString|LMSGetDiagnostic|GetDiagnostic)$/.test(name)) lastError = undefined
        const result = (value as (...values: string[]) => unknown).apply(target, args)
        if (/(Commit|LMSFinish|Terminate)$/.test(name) && String(result) === 'true') lms.stored = JSON.parse(JSON.stringify(target.cmi))
        return result
      }
    }
  })
  return {lms, proxy}
}

function memoryStorage(): NonNullable<BackupOptions['storage']> & {items: Map<string, string>} {
  const items = new Map<string, string>()
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key)
  }
}

function adapterFor(standard: Standard, api: unknown, problems: Problem[], backup?: BackupOptions): TrackingAdapter {
  const report = (problem: Problem) => problems.push(problem)
  return standard === 'scorm12'
    ? createScorm12Adapter({api: api as Scorm12Api, report, backup})
    : createScorm2004Adapter({api: api as Scorm2004Api, report, backup})
}

/** The learner's steps, one tracker update each. */
const steps: ReadonlyArray<(state: State) => [State, Parameters<ReturnType<typeof createTracker>['update']>[1]]> = [
  (state) => [goToPage(state, 1), {type: 'page'}],
  (state) => [answerQuestion(state, 'keys', {type: 'single', choice: 0}), {type: 'answer', id: 'keys', latency: 1000}],
  (state) => [answerQuestion(state, 'keys', {type: 'single', choice: 1}), {type: 'answer', id: 'keys', latency: 2000}],
  (state) => [answerQuestion(state, 'items', {type: 'multiple', choices: [0]}), {type: 'answer', id: 'items', latency: 3000}],
  (state) => [answerQuestion(state, 'searched', {type: 'true-false', value: true}), {type: 'answer', id: 'searched', latency: 4000}],
  (state) => [goToPage(state, 2), {type: 'page'}],
  (state) => [answerQuestion(state, 'entry-steps', {type: 'order', order: [0, 1, 2, 3]}), {type: 'answer', id: 'entry-steps', latency: 5000}],
  (state) => [answerQuestion(state, 'places', {type: 'match', targets: [1, 0, 2]}), {type: 'answer', id: 'places', latency: 6000}],
  (state) => [goToPage(state, 3), {type: 'page'}],
  (state) => [answerQuestion(state, 'procedure', {type: 'text', text: 'Mail Procedure'}), {type: 'answer', id: 'procedure', latency: 7000}],
  (state) => [writeReflection(state, 'own-practice', 'Calmly.'), {type: 'reflection', id: 'own-practice'}],
  (state) => [goToPage(state, 4), {type: 'page'}],
  (state) => [chooseInScenario(state, 'letter', 1), {type: 'scenario', id: 'letter', latency: 1000}],
  (state) => [chooseInScenario(state, 'letter', 0), {type: 'scenario', id: 'letter', latency: 2000}],
  (state) => [goToPage(state, 5), {type: 'page'}]
]

/** Play `steps[from..to)` in one session; `heal` runs before the finish. */
function play(standard: Standard, adapter: TrackingAdapter, from: number, to: number, heal: () => void, problems: Problem[]): void {
  let time = Date.UTC(2024, 4, 1, 9)
  const tracker = createTracker({index, adapter, now: () => time, report: (problem) => problems.push(problem)})
  let state = tracker.start().state
  tracker.flush(state)
  for (const step of steps.slice(from, to)) {
    time += 1000
    const [next, change] = step(state)
    state = next
    tracker.update(state, change)
  }
  heal()
  tracker.finish(state)
  void standard
}

/** What must be the same as in a fault-free session (times left out: they are the clock's). */
function essence(standard: Standard, model: any) {
  const interactions = Object.values(model.interactions).map((interaction: any) => {
    const {time: _time, timestamp: _timestamp, latency: _latency, ...rest} = interaction
    return rest
  })
  const objectives = Object.values(model.objectives)
  return standard === 'scorm12'
    ? {status: model.core.lesson_status, score: model.core.score, location: model.core.lesson_location, exit: model.core.exit, suspend: model.suspend_data, interactions, objectives}
    : {completion: model.completion_status, success: model.success_status, score: model.score, location: model.location, exit: model.exit, suspend: model.suspend_data, progress: model.progress_measure, interactions, objectives}
}

function faultFree(standard: Standard) {
  const {lms, proxy} = flakyLms(standard, {mode: () => undefined})
  play(standard, adapterFor(standard, proxy, []), 0, steps.length, () => {}, [])
  return essence(standard, lms.stored)
}

const expected = {scorm12: faultFree('scorm12'), scorm2004: faultFree('scorm2004')}

describe.each(['scorm12', 'scorm2004'] as const)('%s on a flaky LMS', (standard) => {
  test('random SetValue/Commit failures (false or throw) that heal before the finish: the LMS ends with exactly the fault-free data', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(undefined, undefined, 'false' as const, 'throw' as const), {minLength: 1, maxLength: 300}), (pattern) => {
      let healed = false
      const {lms, proxy} = flakyLms(standard, {mode: (call) => (healed ? undefined : pattern[call % pattern.length])})
      const problems: Problem[] = []
      play(standard, adapterFor(standard, proxy, problems), 0, steps.length, () => (healed = true), problems)
      expect(essence(standard, lms.stored)).toEqual(expected[standard])
      // One notice per outage at most, never one per element.
      expect(problems.filter((problem) => problem.key === 'notice.lmsError').length).toBeLessThanOrEqual(Math.max(1, lms.faults))
    }), {numRuns: 150})
  })

  test('the LMS goes away for good at a random step: the next launch restores the rest from the browser and stores it', () => {
    fc.assert(fc.property(fc.integer({min: 0, max: steps.length}), (outage) => {
      const storage = memoryStorage()
      const backup = {storage, key: 'coursemark:runtime-fixture@1.0.0'}
      let gone = false
      const first = flakyLms(standard, {mode: () => (gone ? 'throw' : undefined)})
      const problems: Problem[] = []
      const adapter = adapterFor(standard, first.proxy, problems, backup)
      // Play up to the outage, then the rest with every SetValue and Commit throwing; the finish fails too.
      let time = Date.UTC(2024, 4, 1, 9)
      const tracker = createTracker({index, adapter, now: () => time, report: (problem) => problems.push(problem)})
      let state = tracker.start().state
      tracker.flush(state)
      steps.forEach((step, number) => {
        if (number === outage) gone = true
        time += 1000
        const [next, change] = step(state)
        state = next
        tracker.update(state, change)
      })
      tracker.finish(state)
      if (outage < steps.length) expect(problems.map((problem) => problem.key)).toContain('notice.lmsError')

      // Next launch: the LMS holds what it persisted before the outage; the browser holds the rest.
      const resume = standard === 'scorm12' ? {...first.lms.stored, core: {...first.lms.stored.core, entry: 'resume'}} : {...first.lms.stored, entry: 'resume'}
      const second = flakyLms(standard, {mode: () => undefined}, resume)
      const later = createTracker({index, adapter: adapterFor(standard, second.proxy, [], backup), now: () => time, report: () => {}})
      const start = later.start()
      expect(start.state.page).toBe(state.page)
      later.flush(start.state)
      later.finish(start.state)
      expect(essence(standard, second.lms.stored)).toEqual(expected[standard])
      expect(storage.items.size).toBe(0)
    }), {numRuns: 40})
  })
})

describe('the browser copy', () => {
  test('is never written while the LMS confirms every commit', () => {
    const storage = memoryStorage()
    const writes: string[] = []
    const spy = {...storage, setItem: (key: string, value: string) => {
      writes.push(key)
      storage.setItem(key, value)
    }}
    const {proxy} = flakyLms('scorm12', {mode: () => undefined})
    play('scorm12', adapterFor('scorm12', proxy, [], {storage: spy, key: 'k'}), 0, steps.length, () => {}, [])
    expect(writes).toEqual([])
  })

  test('is per learner: another learner on the same browser does not get it', () => {
    const storage = memoryStorage()
    const backup = {storage, key: 'k'}
    const anna = flakyLms('scorm2004', {mode: (call) => (call > 3 ? 'false' : undefined)}, {learner_id: 'anna'})
    play('scorm2004', adapterFor('scorm2004', anna.proxy, [], backup), 0, 3, () => {}, [])
    expect([...storage.items.keys()]).toEqual(['coursemark-unconfirmed:k:anna'])
    const ben = flakyLms('scorm2004', {mode: () => undefined}, {learner_id: 'ben'})
    const tracker = createTracker({index, adapter: adapterFor('scorm2004', ben.proxy, [], backup), now: () => 0, report: () => {}})
    expect(tracker.start().resumed).toBe(false)
    expect([...storage.items.keys()]).toEqual(['coursemark-unconfirmed:k:anna'])
  })

  test('is never kept without a learner id, nor when the LMS refused the session', () => {
    const storage = memoryStorage()
    const anonymous = flakyLms('scorm12', {mode: () => 'false'}, {core: {student_id: ''}})
    play('scorm12', adapterFor('scorm12', anonymous.proxy, [], {storage, key: 'k'}), 0, 5, () => {}, [])
    expect([...storage.items.keys()]).toEqual([])
    const refusing = flakyLms('scorm12', {mode: () => 'false'})
    const problems: Problem[] = []
    const api = new Proxy(refusing.proxy as object, {
      get: (target, name) => (name === 'LMSInitialize' ? () => 'false' : name === 'LMSGetLastError' ? () => '201' : Reflect.get(target, name))
    })
    play('scorm12', adapterFor('scorm12', api, problems, {storage, key: 'k'}), 0, 5, () => {}, problems)
    expect(problems.map((problem) => problem.key)).toContain('notice.lmsInit')
    expect([...storage.items.keys()]).toEqual([])
  })

  test('a storage that throws, or holds garbage, is harmless', () => {
    const throwing = {
      getItem: (): string | null => {
        throw new Error('denied')
      },
      setItem: (): void => {
        throw new DOMException('full', 'QuotaExceededError')
      },
      removeItem: (): void => {
        throw new Error('denied')
      }
    }
    const {lms, proxy} = flakyLms('scorm12', {mode: (call) => (call % 3 === 0 ? 'false' : undefined)})
    play('scorm12', adapterFor('scorm12', proxy, [], {storage: throwing, key: 'k'}), 0, steps.length, () => {}, [])
    expect(lms.stored).toBeDefined()

    const garbage = memoryStorage()
    garbage.items.set('coursemark-unconfirmed:k:learner-1', '{"base": 1, "interactions": "x"}')
    const clean = flakyLms('scorm12', {mode: () => undefined})
    const tracker = createTracker({index, adapter: adapterFor('scorm12', clean.proxy, [], {storage: garbage, key: 'k'}), now: () => 0, report: () => {}})
    expect(tracker.start().resumed).toBe(false)
  })
})
