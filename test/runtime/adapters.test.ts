import {Scorm12API, Scorm2004API} from 'scorm-again'
import {describe, expect, test} from 'vitest'
import type {Problem, TrackingAdapter} from '../../packages/runtime/src/lib/adapters/types.js'
import type {Scorm12Api, Scorm2004Api} from '../../packages/runtime/src/lib/adapters/find-api.js'
import {createScorm12Adapter} from '../../packages/runtime/src/lib/adapters/scorm12.js'
import {createScorm2004Adapter} from '../../packages/runtime/src/lib/adapters/scorm2004.js'
import {createStandaloneAdapter, storageKey} from '../../packages/runtime/src/lib/adapters/standalone.js'
import {indexCourse} from '../../packages/runtime/src/lib/course-index.js'
import {answerQuestion, chooseInScenario, goToPage, writeReflection, type State} from '../../packages/runtime/src/lib/state.js'
import {createTracker, type Tracker} from '../../packages/runtime/src/lib/tracker.js'
import {fixtureCourse} from './course-fixture.js'

const index = indexCourse(fixtureCourse())

/** A clock that moves only when told. */
function clock(start = Date.UTC(2024, 4, 1, 9, 0, 0)): {now: () => number; advance: (ms: number) => void} {
  let time = start
  return {now: () => time, advance: (ms) => {
    time += ms
  }}
}

/** Every call a SCO makes, in order. */
type Call = [string, ...string[]]

function recorded<T extends object>(api: T, calls: Call[]): T {
  return new Proxy(api, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown
      if (typeof value !== 'function' || typeof name !== 'string') return value
      return (...args: string[]) => {
        calls.push([name, ...args])
        return (value as (...values: string[]) => unknown).apply(target, args)
      }
    }
  })
}

function cmiOf(api: {cmi: unknown}): any {
  return JSON.parse(JSON.stringify(api.cmi))
}

/**
 * The learner of the e2e test, through the tracker: pages in order, some answers wrong
 * (keys first wrong then right; items wrong; places wrong; procedure in other case; days within tolerance),
 * the scenario to its good ending, a reflection, then the results view.
 */
function playThrough(tracker: Tracker, start: State, advance: (ms: number) => void): State {
  let state = start
  const page = (number: number) => {
    advance(20_000)
    state = goToPage(state, number)
    tracker.update(state, {type: 'page'})
  }
  const answer = (id: string, response: Parameters<typeof answerQuestion>[2]) => {
    advance(12_340)
    state = answerQuestion(state, id, response)
    tracker.update(state, {type: 'answer', id, latency: 12_340})
  }
  page(1)
  answer('keys', {type: 'single', choice: 0})
  answer('keys', {type: 'single', choice: 1})
  answer('items', {type: 'multiple', choices: [0]})
  answer('searched', {type: 'true-false', value: true})
  page(2)
  answer('entry-steps', {type: 'order', order: [0, 1, 2, 3]})
  answer('places', {type: 'match', targets: [1, 0, 2]})
  page(3)
  answer('procedure', {type: 'text', text: 'Mail Procedure'})
  answer('days', {type: 'numeric', text: '6,5'})
  state = writeReflection(state, 'own-practice', 'Calmly, with examples.')
  tracker.update(state, {type: 'reflection', id: 'own-practice'})
  page(4)
  state = chooseInScenario(state, 'letter', 1)
  tracker.update(state, {type: 'scenario', id: 'letter', latency: 4000})
  advance(6000)
  state = chooseInScenario(state, 'letter', 0)
  tracker.update(state, {type: 'scenario', id: 'letter', latency: 10_000})
  page(5)
  return state
}

function session(adapter: TrackingAdapter, problems: Problem[], time = clock()) {
  const tracker = createTracker({index, adapter, now: time.now, report: (problem) => problems.push(problem)})
  return {tracker, time}
}

// Session: 5 pages × 20 s + 8 answers × 12.34 s + 6 s = 204.72 s.
// Score: keys 1, items 0, searched 1, order 1, places 0 (of 2), procedure 1, days 1, letter 2 = 7 of 10.
// LO1: 3 of 6 = 50%; LO2: 4 of 4 = 100%.

describe('SCORM 1.2 adapter on scorm-again', () => {
  test('a full session: status, score, interactions, objectives, session time, exit, LMSFinish once', () => {
    const lms = new Scorm12API({logLevel: 5})
    const calls: Call[] = []
    const api = recorded(lms as unknown as Scorm12Api, calls)
    const problems: Problem[] = []
    const {tracker, time} = session(createScorm12Adapter({api, report: (problem) => problems.push(problem)}), problems)
    const start = tracker.start()
    tracker.flush(start.state)
    expect(lms.LMSGetValue('cmi.core.lesson_status')).toBe('incomplete')
    const state = playThrough(tracker, start.state, time.advance)
    tracker.finish(state)
    tracker.finish(state)

    expect(problems).toEqual([])
    expect(calls.filter(([name]) => name === 'LMSInitialize')).toHaveLength(1)
    expect(calls.filter(([name]) => name === 'LMSFinish')).toHaveLength(1)
    expect(calls.filter(([name]) => name === 'LMSCommit').length).toBeGreaterThanOrEqual(12)
    const sets = calls.filter(([name]) => name === 'LMSSetValue')
    expect(calls.filter(([name]) => name === 'LMSGetLastError').length).toBeGreaterThanOrEqual(sets.length)

    const cmi = cmiOf(lms)
    // 70% is below the course's 80% pass mark.
    expect(cmi.core.lesson_status).toBe('failed')
    expect(cmi.core.score).toEqual({raw: '70', min: '0', max: '100'})
    expect(cmi.core.exit).toBe('')
    expect(cmi.core.lesson_location).toBe('results')
    const sessionTime = sets.filter(([, element]) => element === 'cmi.core.session_time').map(([, , value]) => value)
    expect(sessionTime).toEqual(['0000:03:24.72'])

    const interactions = Object.values(cmi.interactions) as any[]
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
    expect(interactions.map((interaction) => interaction.correct_responses['0']?.pattern)).toEqual([
      'b', 'b', 'a,c', 't', 'a,b,c,d', 'a.1,b.2,c.3', 'mail procedure', '7', undefined
    ])
    expect(interactions.map((interaction) => interaction.objectives['0'].id)).toEqual(['LO1', 'LO1', 'LO1', 'LO1', 'LO1', 'LO1', 'LO2', 'LO2', 'LO2'])
    const latencies = sets.filter(([, element]) => /^cmi\.interactions\.\d+\.latency$/.test(element ?? '')).map(([, , value]) => value)
    expect(latencies.slice(0, 8)).toEqual(Array(8).fill('0000:00:12.34'))
    expect(latencies[8]).toBe('0000:00:10.00')
    const times = sets.filter(([, element]) => /^cmi\.interactions\.\d+\.time$/.test(element ?? '')).map(([, , value]) => value)
    expect(times).toHaveLength(9)
    for (const value of times) expect(value).toMatch(/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/)

    expect(Object.values(cmi.objectives).map((objective: any) => [objective.id, objective.status, objective.score.raw, objective.score.min, objective.score.max])).toEqual([
      ['LO1', 'failed', '50', '0', '100'],
      ['LO2', 'passed', '100', '0', '100']
    ])
    expect(cmi.suspend_data.length).toBeLessThanOrEqual(4096)
  })

  test('relaunch from the stored data model: bookmark and every answer restored, interactions continue', () => {
    const first = new Scorm12API({logLevel: 5})
    const problems: Problem[] = []
    const one = session(createScorm12Adapter({api: first as unknown as Scorm12Api, report: (problem) => problems.push(problem)}), problems)
    const start = one.tracker.start()
    let state = start.state
    state = goToPage(state, 1)
    one.tracker.update(state, {type: 'page'})
    state = answerQuestion(state, 'keys', {type: 'single', choice: 0})
    one.tracker.update(state, {type: 'answer', id: 'keys', latency: 1000})
    state = goToPage(state, 3)
    one.tracker.update(state, {type: 'page'})
    state = writeReflection(state, 'own-practice', 'Keep calm.')
    one.tracker.update(state, {type: 'reflection', id: 'own-practice'})
    one.tracker.finish(state)
    const stored = cmiOf(first)
    expect(stored.core.exit).toBe('suspend')
    expect(stored.core.lesson_status).toBe('incomplete')
    expect(stored.core.lesson_location).toBe('requests.numbers')

    const second = new Scorm12API({logLevel: 5})
    second.loadFromJSON({...stored, core: {...stored.core, entry: 'resume'}}, '')
    const two = session(createScorm12Adapter({api: second as unknown as Scorm12Api, report: (problem) => problems.push(problem)}), problems)
    const resumed = two.tracker.start()
    expect(resumed.resumed).toBe(true)
    expect(resumed.state).toEqual(state)
    let next = answerQuestion(resumed.state, 'days', {type: 'numeric', text: '7'})
    two.tracker.update(next, {type: 'answer', id: 'days', latency: 500})
    next = goToPage(next, 4)
    two.tracker.finish(next)
    const after = cmiOf(second)
    expect(Object.values(after.interactions).map((interaction: any) => interaction.id)).toEqual(['keys', 'days'])
    expect(problems).toEqual([])
  })

  test('the LMS mastery score wins over the course pass mark', () => {
    const lms = new Scorm12API({logLevel: 5})
    lms.loadFromJSON({student_data: {mastery_score: '60'}}, '')
    const problems: Problem[] = []
    const {tracker, time} = session(createScorm12Adapter({api: lms as unknown as Scorm12Api, report: (problem) => problems.push(problem)}), problems)
    const state = playThrough(tracker, tracker.start().state, time.advance)
    tracker.finish(state)
    expect(cmiOf(lms).core.lesson_status).toBe('passed')
    expect(cmiOf(lms).core.score.raw).toBe('70')
  })

  test('review mode changes no status, score or interactions', () => {
    const lms = new Scorm12API({logLevel: 5})
    lms.loadFromJSON({core: {lesson_mode: 'review', lesson_status: 'failed'}}, '')
    const problems: Problem[] = []
    const {tracker, time} = session(createScorm12Adapter({api: lms as unknown as Scorm12Api, report: (problem) => problems.push(problem)}), problems)
    const start = tracker.start()
    expect(start.mode).toBe('review')
    tracker.finish(playThrough(tracker, start.state, time.advance))
    const cmi = cmiOf(lms)
    expect(cmi.core.lesson_status).toBe('failed')
    expect(cmi.core.score.raw).toBe('')
    expect(cmi.interactions).toEqual({})
  })

  test('a refused value is retried once, then shown to the learner', () => {
    const lms = new Scorm12API({logLevel: 5})
    const calls: Call[] = []
    const api = recorded(lms as unknown as Scorm12Api, calls)
    const failing: Scorm12Api = {
      ...api,
      LMSInitialize: (value) => api.LMSInitialize(value),
      LMSGetValue: (element) => api.LMSGetValue(element),
      LMSCommit: (value) => api.LMSCommit(value),
      LMSFinish: (value) => api.LMSFinish(value),
      LMSGetErrorString: (code) => api.LMSGetErrorString(code),
      LMSGetDiagnostic: (code) => api.LMSGetDiagnostic(code),
      LMSGetLastError: () => api.LMSGetLastError(),
      // The LMS rejects the suspend data as if it were too long (a real 1.2 LMS answers 405 or 201).
      LMSSetValue: (element, value) => element === 'cmi.suspend_data' ? api.LMSSetValue('cmi.core.lesson_status', 'not a status') : api.LMSSetValue(element, value)
    }
    const problems: Problem[] = []
    const {tracker} = session(createScorm12Adapter({api: failing, report: (problem) => problems.push(problem)}), problems)
    tracker.flush(tracker.start().state)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({key: 'notice.lmsError', values: {element: 'cmi.suspend_data'}})
    expect(problems[0]?.values?.code).not.toBe('0')
    expect(calls.filter(([name, element, value]) => name === 'LMSSetValue' && element === 'cmi.core.lesson_status' && value === 'not a status')).toHaveLength(2)
  })
})

describe('SCORM 2004 adapter on scorm-again', () => {
  test('a full session: completion and success apart, scaled score, interactions, objectives, session time, exit', () => {
    const lms = new Scorm2004API({logLevel: 5})
    const calls: Call[] = []
    const api = recorded(lms as unknown as Scorm2004Api, calls)
    const problems: Problem[] = []
    const {tracker, time} = session(createScorm2004Adapter({api, report: (problem) => problems.push(problem)}), problems)
    const start = tracker.start()
    tracker.flush(start.state)
    expect(lms.GetValue('cmi.completion_status')).toBe('incomplete')
    const state = playThrough(tracker, start.state, time.advance)
    tracker.finish(state)
    tracker.finish(state)

    expect(problems).toEqual([])
    expect(calls.filter(([name]) => name === 'Initialize')).toHaveLength(1)
    expect(calls.filter(([name]) => name === 'Terminate')).toHaveLength(1)
    const sets = calls.filter(([name]) => name === 'SetValue')
    const cmi = cmiOf(lms)
    expect(cmi.completion_status).toBe('completed')
    expect(cmi.success_status).toBe('failed')
    expect(cmi.score).toMatchObject({scaled: '0.7', raw: '70', min: '0', max: '100'})
    expect(cmi.exit).toBe('normal')
    expect(cmi.location).toBe('results')
    expect(sets.filter(([, element]) => element === 'cmi.session_time').map(([, , value]) => value)).toEqual(['PT3M24.72S'])

    const interactions = Object.values(cmi.interactions) as any[]
    expect(interactions.map((interaction) => [interaction.id, interaction.type, interaction.learner_response, interaction.result])).toEqual([
      ['keys', 'choice', 'a', 'incorrect'],
      ['keys', 'choice', 'b', 'correct'],
      ['items', 'choice', 'a', 'incorrect'],
      ['searched', 'true-false', 'true', 'correct'],
      ['entry-steps', 'sequencing', 'a[,]b[,]c[,]d', 'correct'],
      ['places', 'matching', 'a[.]2[,]b[.]1[,]c[.]3', 'incorrect'],
      ['procedure', 'fill-in', 'Mail Procedure', 'correct'],
      ['days', 'numeric', '6.5', 'correct'],
      ['letter', 'performance', 'start[.]Explain the mail procedure[,]explained[.]Stay calm and offer help[,]good-end[.]good', 'correct']
    ])
    expect(interactions.map((interaction) => interaction.description)).toEqual([
      'Who may carry keys?', 'Who may carry keys?', 'Which items are banned?', 'Staff may be searched on entry.',
      'Put the entry steps in order.', 'Match each place to its use.', 'Name the procedure for letters.', 'How many days does a request take?', 'A letter to post'
    ])
    expect(interactions[7].correct_responses['0'].pattern).toBe('6[:]8')
    expect(interactions[6].correct_responses['1'].pattern).toBe('{case_matters=false}post procedure')
    for (const interaction of interactions) {
      expect(interaction.timestamp).toMatch(/^2024-05-01T09:\d\d:\d\d\.\d\dZ$/)
      expect(interaction.objectives['0'].id).toMatch(/^LO[12]$/)
    }
    expect(interactions[0].latency).toBe('PT12.34S')
    expect(Object.values(cmi.objectives).map((objective: any) => [objective.id, objective.success_status, objective.completion_status, objective.score.scaled])).toEqual([
      ['LO1', 'failed', 'completed', '0.5'],
      ['LO2', 'passed', 'completed', '1']
    ])
  })

  test('objectives the LMS already holds (from the manifest) keep their slots; resume restores the state', () => {
    const first = new Scorm2004API({logLevel: 5})
    first.loadFromJSON({objectives: {'0': {id: 'LO2'}}}, '')
    const problems: Problem[] = []
    const one = session(createScorm2004Adapter({api: first as unknown as Scorm2004Api, report: (problem) => problems.push(problem)}), problems)
    let state = one.tracker.start().state
    state = goToPage(state, 1)
    one.tracker.update(state, {type: 'page'})
    state = answerQuestion(state, 'searched', {type: 'true-false', value: false})
    one.tracker.update(state, {type: 'answer', id: 'searched', latency: 2000})
    one.tracker.finish(state)
    const stored = cmiOf(first)
    expect(stored.exit).toBe('suspend')
    expect(stored.completion_status).toBe('incomplete')
    expect(stored.success_status).toBe('unknown')
    expect(Object.values(stored.objectives).map((objective: any) => objective.id)).toEqual(['LO2', 'LO1'])

    const second = new Scorm2004API({logLevel: 5})
    second.loadFromJSON({...stored, entry: 'resume'}, '')
    const two = session(createScorm2004Adapter({api: second as unknown as Scorm2004Api, report: (problem) => problems.push(problem)}), problems)
    const resumed = two.tracker.start()
    expect(resumed.state).toEqual(state)
    expect(problems).toEqual([])
  })
})

describe('standalone adapter', () => {
  test('keeps bookmark and suspend data per course id and version', () => {
    const store = new Map<string, string>()
    const storage = {getItem: (key: string) => store.get(key) ?? null, setItem: (key: string, value: string) => void store.set(key, value)}
    const key = storageKey(index.course.id, index.course.version)
    const problems: Problem[] = []
    const one = session(createStandaloneAdapter({storage, key, report: (problem) => problems.push(problem)}), problems)
    const state = playThrough(one.tracker, one.tracker.start().state, one.time.advance)
    one.tracker.finish(state)
    expect([...store.keys()]).toEqual(['coursemark:https://example.org/courses/runtime-fixture@1.0.0'])
    const two = session(createStandaloneAdapter({storage, key, report: (problem) => problems.push(problem)}), problems)
    expect(two.tracker.start().state).toEqual(state)
    expect(problems).toEqual([])
  })

  test('a browser without storage shows a notice', () => {
    const problems: Problem[] = []
    const {tracker} = session(createStandaloneAdapter({storage: undefined, key: 'k', report: (problem) => problems.push(problem)}), problems)
    tracker.start()
    expect(problems).toEqual([{key: 'notice.noStorage'}])
  })
})
