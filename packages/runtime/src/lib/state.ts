import type {CourseIndex} from './course-index.js'

/** A learner's answer to one question (indexes refer to the course model, not to the shuffled display). */
export type Response =
  | {readonly type: 'single'; readonly choice: number}
  | {readonly type: 'multiple'; readonly choices: ReadonlyArray<number>}
  | {readonly type: 'true-false'; readonly value: boolean}
  | {readonly type: 'order'; readonly order: ReadonlyArray<number>}
  | {readonly type: 'match'; readonly targets: ReadonlyArray<number>}
  | {readonly type: 'text'; readonly text: string}
  | {readonly type: 'numeric'; readonly text: string}

/** What a learner did with one question. */
export interface QuestionState {
  /** Checked attempts (≥ 1). */
  readonly attempts: number
  /** The last checked answer. */
  readonly response: Response
}

/**
 * Everything about one learner's progress that survives a relaunch.
 * Plain data: every update returns a new value.
 */
export interface State {
  /** Index of the current page; `pages.length` is the results view. */
  readonly page: number
  /** Per page index: seen by the learner. */
  readonly visited: ReadonlyArray<boolean>
  /** Checked answers by question id. */
  readonly questions: ReadonlyMap<string, QuestionState>
  /** Choice indexes taken by scenario id, from the first step on. */
  readonly scenarios: ReadonlyMap<string, ReadonlyArray<number>>
  /** Reflection text by reflection id. */
  readonly reflections: ReadonlyMap<string, string>
}

/** The state of a learner who has not started. */
export function initialState(index: CourseIndex): State {
  return {
    page: 0,
    visited: index.pages.map(() => false),
    questions: new Map(),
    scenarios: new Map(),
    reflections: new Map()
  }
}

/** Go to a page (or to the results view, `pages.length`) and mark it visited. */
export function goToPage(state: State, page: number): State {
  const visited = state.visited.map((seen, index) => seen || index === page)
  return {...state, page, visited}
}

/** Record a checked answer (one more attempt). */
export function answerQuestion(state: State, id: string, response: Response): State {
  const previous = state.questions.get(id)
  const questions = new Map(state.questions)
  questions.set(id, {attempts: (previous ? previous.attempts : 0) + 1, response})
  return {...state, questions}
}

/** Take a choice at the current step of a scenario. */
export function chooseInScenario(state: State, id: string, choice: number): State {
  const scenarios = new Map(state.scenarios)
  scenarios.set(id, [...(state.scenarios.get(id) ?? []), choice])
  return {...state, scenarios}
}

/** Go back to the first step of a scenario. */
export function restartScenario(state: State, id: string): State {
  const scenarios = new Map(state.scenarios)
  scenarios.delete(id)
  return {...state, scenarios}
}

/** Keep the text of a reflection (empty text removes it). */
export function writeReflection(state: State, id: string, text: string): State {
  const reflections = new Map(state.reflections)
  if (text) reflections.set(id, text)
  else reflections.delete(id)
  return {...state, reflections}
}
