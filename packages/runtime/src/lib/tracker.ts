import type {Launch, Reporter, Snapshot, TrackingAdapter} from './adapters/types.js'
import type {CourseIndex} from './course-index.js'
import {decodeState, encodeState} from './encoding.js'
import {isCorrect, progressOf, walkScenario, type Progress} from './scoring.js'
import {goToPage, initialState, type State} from './state.js'

/** Configuration for `createTracker`. */
export interface TrackerOptions {
  readonly index: CourseIndex
  readonly adapter: TrackingAdapter
  /** The clock: milliseconds since the epoch. */
  readonly now: () => number
  /** Where problems go (shown to the learner). */
  readonly report: Reporter
}

/** What changed in the state, as the player tells the tracker. */
export type Change =
  | {readonly type: 'page'}
  | {readonly type: 'answer'; readonly id: string; readonly latency: number}
  | {readonly type: 'scenario'; readonly id: string; readonly latency: number}
  | {readonly type: 'reflection'; readonly id: string}

/** What the tracker found at launch. */
export interface Start {
  readonly state: State
  /** An earlier session's state was restored. */
  readonly resumed: boolean
  readonly mode: Launch['mode']
}

/** Maps state changes to a tracking adapter. */
export interface Tracker {
  /** Open the session and restore the learner's state (call once, first). */
  start(): Start
  /** The learner's standing against the pass mark in force (the LMS's or the course's). */
  progress(state: State): Progress
  /** Store a change: interactions, status, score, objectives, bookmark, suspend data, commit. */
  update(state: State, change: Change): void
  /** Store and commit what there is (the page is being hidden). */
  flush(state: State): void
  /** Store, set session time and exit, close the session; only the first call counts. */
  finish(state: State): void
}

/** Bookmark of the results view. */
export const RESULTS = 'results'

/** Create a tracker for one session. */
export function createTracker(options: TrackerOptions): Tracker {
  const {index, adapter, now, report} = options
  let mastery = index.course.mastery
  let startedAt = 0
  let finished = false
  let warnedLossy = false

  function snapshot(state: State): Snapshot {
    const encoded = encodeState(index, state, {limit: adapter.suspendLimit})
    if (encoded.lossy && !warnedLossy) {
      warnedLossy = true
      report({key: 'notice.lossy'})
    }
    return {
      progress: progressOf(index, state, mastery),
      location: state.page >= index.pages.length ? RESULTS : index.pages[state.page]?.page.id ?? '',
      suspendData: encoded.value,
      outcomes: index.course.outcomes.map((outcome) => outcome.id)
    }
  }

  return {
    start() {
      startedAt = now()
      const launch = adapter.start()
      if (launch.mastery !== undefined) mastery = launch.mastery
      const restored = launch.suspendData ? decodeState(index, launch.suspendData) : undefined
      if (launch.suspendData && !restored) report({key: 'notice.notRestored'})
      let state = restored ?? initialState(index)
      const bookmark = launch.location === RESULTS
        ? index.pages.length
        : index.pages.findIndex((entry) => entry.page.id === launch.location)
      if (bookmark !== -1) state = {...state, page: bookmark}
      state = goToPage(state, state.page)
      return {state, resumed: restored !== undefined, mode: launch.mode}
    },
    progress(state) {
      return progressOf(index, state, mastery)
    },
    update(state, change) {
      if (finished) return
      if (change.type === 'answer') {
        const entry = index.questionById.get(change.id)
        const answer = state.questions.get(change.id)
        if (entry && answer) {
          adapter.record({
            kind: 'question',
            question: entry.question,
            response: answer.response,
            correct: isCorrect(entry.question, answer.response),
            timestamp: now(),
            latency: change.latency
          })
        }
      } else if (change.type === 'scenario') {
        const scenario = index.scenarioById.get(change.id)
        const path = state.scenarios.get(change.id) ?? []
        const walk = scenario ? walkScenario(scenario, path) : undefined
        if (scenario && scenario.outcome !== undefined && walk?.ending) {
          adapter.record({kind: 'scenario', scenario, path, steps: walk.steps, ending: walk.ending, timestamp: now(), latency: change.latency})
        }
      }
      adapter.save(snapshot(state))
      adapter.commit()
    },
    flush(state) {
      if (finished) return
      adapter.save(snapshot(state))
      adapter.commit()
    },
    finish(state) {
      if (finished) return
      finished = true
      adapter.finish(snapshot(state), Math.max(0, now() - startedAt))
    }
  }
}
