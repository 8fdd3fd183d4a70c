import type {Question, ScenarioBlock, ScenarioStep} from '@coursemark/model'
import type {Response} from './state.js'

/** One answer to report to an LMS: a checked question, or a scored scenario that reached its ending. */
export type InteractionRecord =
  | {
      readonly kind: 'question'
      readonly question: Question
      readonly response: Response
      readonly correct: boolean
      /** When the answer was checked (ms since the epoch). */
      readonly timestamp: number
      /** Time from showing the question to checking the answer (ms). */
      readonly latency: number
    }
  | {
      readonly kind: 'scenario'
      readonly scenario: ScenarioBlock
      /** Choice indexes taken, from the first step on. */
      readonly path: ReadonlyArray<number>
      readonly steps: ReadonlyArray<ScenarioStep>
      readonly ending: ScenarioStep
      readonly timestamp: number
      readonly latency: number
    }

/** Interaction type names shared by SCORM 1.2 and 2004. */
export type InteractionType = 'true-false' | 'choice' | 'fill-in' | 'numeric' | 'sequencing' | 'matching' | 'performance'

/** Interaction type of a question. */
export function interactionType(question: Question): InteractionType {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return 'choice'
    case 'true-false':
      return 'true-false'
    case 'order':
      return 'sequencing'
    case 'match':
      return 'matching'
    case 'text':
      return 'fill-in'
    case 'numeric':
      return 'numeric'
  }
}

/** Indexes of the correct choices of a choice question. */
export function correctChoices(question: Question): number[] {
  if (question.type !== 'single' && question.type !== 'multiple') return []
  return question.choices.flatMap((choice, index) => (choice.correct ? [index] : []))
}

/** Choice indexes of a choice response. */
export function chosen(response: Response): ReadonlyArray<number> {
  return response.type === 'single' ? [response.choice] : response.type === 'multiple' ? response.choices : []
}
