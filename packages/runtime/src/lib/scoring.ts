import type {Question, ScenarioBlock, ScenarioStep} from '@coursemark/model'
import type {CourseIndex} from './course-index.js'
import {normalizeText, parseNumber} from './normalize.js'
import type {QuestionState, Response, State} from './state.js'

/** Points earned out of points possible for one assessment, an outcome or the course. */
export interface Tally {
  readonly earned: number
  readonly possible: number
  /** Assessments with an answer (a checked question, a finished scenario). */
  readonly answered: number
  /** Assessments counted. */
  readonly total: number
}

/** How far a learner is with one learning outcome. */
export interface OutcomeProgress extends Tally {
  readonly id: string
  /** Score as a percentage, 0–100, rounded to two decimals (0 when nothing is scored). */
  readonly percent: number
  /** `passed`/`failed` once every assessment of the outcome is answered; `completed` when it has none and its pages are seen. */
  readonly status: 'passed' | 'failed' | 'incomplete' | 'completed' | 'not attempted'
}

/** The learner's standing in the course. */
export interface Progress extends Tally {
  readonly visitedPages: number
  readonly pages: number
  /** Score as a percentage, 0–100, rounded to two decimals (0 when nothing is scored). */
  readonly percent: number
  /** The pass mark as a percentage, rounded to two decimals. */
  readonly masteryPercent: number
  /** Completion criterion of the course met (`course.completion`). */
  readonly completed: boolean
  /** How far towards completion, 0–1: 1 exactly when `completed`. */
  readonly measure: number
  /** The course has assessments and every one of them is answered. */
  readonly decided: boolean
  /** `decided` and `percent >= masteryPercent`. */
  readonly passed: boolean
  /** Nothing is left to do: completed, and decided when there is anything to decide. */
  readonly finished: boolean
  readonly outcomes: ReadonlyArray<OutcomeProgress>
}

/** Whether a response is right for a question. */
export function isCorrect(question: Question, response: Response): boolean {
  switch (question.type) {
    case 'single':
      return response.type === 'single' && question.choices[response.choice]?.correct === true
    case 'multiple': {
      if (response.type !== 'multiple') return false
      const chosen = new Set(response.choices)
      return question.choices.every((choice, index) => choice.correct === chosen.has(index)) &&
        response.choices.every((index) => index >= 0 && index < question.choices.length)
    }
    case 'true-false':
      return response.type === 'true-false' && response.value === question.answer
    case 'order':
      return response.type === 'order' && response.order.length === question.items.length &&
        response.order.every((item, position) => item === position)
    case 'match':
      return response.type === 'match' && response.targets.length === question.sources.length &&
        response.targets.every((target, source) => target === source)
    case 'text': {
      if (response.type !== 'text') return false
      const given = normalizeText(response.text)
      return given !== '' && question.accepted.some((accepted) => normalizeText(accepted) === given)
    }
    case 'numeric': {
      if (response.type !== 'numeric') return false
      const given = parseNumber(response.text)
      // A tiny epsilon absorbs binary rounding (0.1 + 0.2 against 0.3).
      return given !== undefined && Math.abs(given - question.answer) <= question.tolerance + 1e-9 * Math.max(1, Math.abs(question.answer))
    }
  }
}

/** Whether a question can take no more attempts: answered right, or out of tries. */
export function isFinal(question: Question, attempts: number, state: QuestionState | undefined): boolean {
  if (!state) return false
  return state.attempts >= Math.max(1, attempts) || isCorrect(question, state.response)
}

/** The steps a scenario walked through for a path of choices, and its ending once reached. */
export function walkScenario(scenario: ScenarioBlock, path: ReadonlyArray<number>): {
  readonly steps: ReadonlyArray<ScenarioStep>
  readonly ending: ScenarioStep | undefined
} {
  const byId = new Map(scenario.steps.map((step) => [step.id, step]))
  const first = scenario.steps[0]
  if (!first) return {steps: [], ending: undefined}
  let step: ScenarioStep = first
  const steps: ScenarioStep[] = [first]
  for (const index of path) {
    const choice = step.choices[index]
    const next: ScenarioStep | undefined = choice ? byId.get(choice.next) : undefined
    if (!next) break
    step = next
    steps.push(step)
  }
  return {steps, ending: step.choices.length === 0 ? step : undefined}
}

const resultValue = {good: 1, partial: 0.5, poor: 0} as const

/** Fraction of the points a scenario ending is worth (`good` 1, `partial` 0.5, `poor` 0). */
export function endingValue(ending: ScenarioStep): number {
  return ending.result ? resultValue[ending.result] : 0
}

/** Score of one question. Unanswered questions earn nothing. */
export function questionTally(question: Question, state: QuestionState | undefined): Tally {
  const earned = state && isCorrect(question, state.response) ? question.points : 0
  return {earned, possible: question.points, answered: state ? 1 : 0, total: 1}
}

/** Score of one scored scenario. */
export function scenarioTally(scenario: ScenarioBlock, path: ReadonlyArray<number> | undefined): Tally {
  const {ending} = walkScenario(scenario, path ?? [])
  return {earned: ending ? endingValue(ending) * scenario.points : 0, possible: scenario.points, answered: ending ? 1 : 0, total: 1}
}

function add(a: Tally, b: Tally): Tally {
  return {earned: a.earned + b.earned, possible: a.possible + b.possible, answered: a.answered + b.answered, total: a.total + b.total}
}

const empty: Tally = {earned: 0, possible: 0, answered: 0, total: 0}

/** Round to two decimals (the precision reported to an LMS). */
export function round2(value: number): number {
  return Math.round(value * 100) / 100
}

/** Percentage of a tally, 0–100 with two decimals. */
export function percentOf(tally: Tally): number {
  return tally.possible > 0 ? round2((tally.earned / tally.possible) * 100) : 0
}

/** Score of every assessment, by id. */
export function assessmentTallies(index: CourseIndex, state: State): Map<string, Tally> {
  const result = new Map<string, Tally>()
  for (const assessment of index.assessments) {
    result.set(assessment.id, assessment.kind === 'question'
      ? questionTally(assessment.question, state.questions.get(assessment.id))
      : scenarioTally(assessment.scenario, state.scenarios.get(assessment.id)))
  }
  return result
}

/**
 * The learner's standing: pages, score, completion, success and every outcome.
 * `mastery` is the scaled pass mark (0–1): the LMS's when it sets one, else the course's.
 */
export function progressOf(index: CourseIndex, state: State, mastery: number): Progress {
  const {course} = index
  const tallies = assessmentTallies(index, state)
  const masteryPercent = round2(mastery * 100)
  let total = empty
  const byOutcome = new Map<string, Tally>()
  for (const assessment of index.assessments) {
    const tally = tallies.get(assessment.id) ?? empty
    total = add(total, tally)
    byOutcome.set(assessment.outcome, add(byOutcome.get(assessment.outcome) ?? empty, tally))
  }

  const visitedPages = state.visited.filter(Boolean).length
  const outcomes = course.outcomes.map((outcome): OutcomeProgress => {
    const tally = byOutcome.get(outcome.id) ?? empty
    const percent = percentOf(tally)
    let status: OutcomeProgress['status']
    if (tally.total > 0) {
      status = tally.answered === tally.total ? (percent >= masteryPercent ? 'passed' : 'failed')
        : tally.answered > 0 ? 'incomplete' : 'not attempted'
    } else {
      const pages = index.pages.map((entry, page) => ({entry, page})).filter(({entry}) => entry.module.outcomes.includes(outcome.id))
      const seen = pages.filter(({page}) => state.visited[page]).length
      status = pages.length > 0 && seen === pages.length ? 'completed' : seen > 0 ? 'incomplete' : 'not attempted'
    }
    return {id: outcome.id, ...tally, percent, status}
  })

  const percent = percentOf(total)
  const decided = total.total > 0 && total.answered === total.total
  const completed = course.completion === 'assessed' && total.total > 0
    ? total.answered === total.total
    : visitedPages === index.pages.length
  const passed = decided && percent >= masteryPercent
  const fraction = course.completion === 'assessed' && total.total > 0
    ? total.answered / total.total
    : index.pages.length > 0 ? visitedPages / index.pages.length : 1
  return {
    ...total,
    visitedPages,
    pages: index.pages.length,
    percent,
    masteryPercent,
    completed,
    measure: completed ? 1 : Math.min(0.99, Math.floor(fraction * 100) / 100),
    decided,
    passed,
    finished: completed && (total.total === 0 || decided),
    outcomes
  }
}
