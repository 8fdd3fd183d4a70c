/**
 * How a course shows up in xAPI and cmi5: the activity IRIs of its parts and the interaction
 * definitions of its questions. The runtime (statements) and the exporters (`tincan.xml`,
 * `cmi5.xml`) both use these, so a package and the statements its runtime sends always agree.
 */

import type {Question, ScenarioBlock} from './types.js'

/** The parts of a course that are xAPI activities. */
export type ActivityKind = 'modules' | 'pages' | 'questions' | 'scenarios' | 'objectives' | 'au'

/** Activity types (ADL vocabulary), by what they stand for. */
export const activityTypes = {
  course: 'http://adlnet.gov/expapi/activities/course',
  module: 'http://adlnet.gov/expapi/activities/module',
  page: 'http://activitystrea.ms/schema/1.0/page',
  interaction: 'http://adlnet.gov/expapi/activities/cmi.interaction',
  objective: 'http://adlnet.gov/expapi/activities/objective'
} as const

/**
 * The IRI of a part of a course: `<course id>/<kind>/<id>` (the id percent-encoded), or
 * `<course id>/au` for the only cmi5 AU of a course packed as one AU.
 *
 * @param courseId
 *   `course.id` (an IRI).
 * @param kind
 *   What the part is.
 * @param id
 *   Its id in the course (module, page, question, scenario or outcome id).
 * @returns
 *   An IRI, stable across versions of the course.
 */
export function activityIri(courseId: string, kind: ActivityKind, id?: string): string {
  const base = courseId.replace(/\/+$/, '')
  return base + '/' + kind + (id === undefined ? '' : '/' + encodeURIComponent(id))
}

/** An xAPI language map: language tag → text. */
export type LanguageMap = Readonly<Record<string, string>>

/** One choice, item, source, target or step of an interaction. */
export interface InteractionComponent {
  readonly id: string
  readonly description: LanguageMap
}

/** The interaction part of an activity definition (xAPI 1.0.3, “Interaction Activities”). */
export interface InteractionDefinition {
  readonly interactionType: 'true-false' | 'choice' | 'fill-in' | 'numeric' | 'sequencing' | 'matching' | 'performance'
  readonly correctResponsesPattern?: ReadonlyArray<string> | undefined
  readonly choices?: ReadonlyArray<InteractionComponent> | undefined
  readonly source?: ReadonlyArray<InteractionComponent> | undefined
  readonly target?: ReadonlyArray<InteractionComponent> | undefined
  readonly steps?: ReadonlyArray<InteractionComponent> | undefined
}

/**
 * The key of a language map for a course language: a BCP 47 tag (`de_AT` is read as `de-AT`),
 * `und` when the tag is not one.
 *
 * @param language
 *   `course.language`.
 * @returns
 *   The tag.
 */
export function languageKey(language: string): string {
  const tag = language.trim().replace(/_/g, '-')
  return /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/.test(tag) ? tag : 'und'
}

/**
 * Text as a response or pattern part: one line, without the `[,]`, `[.]` and `[:]` delimiters
 * and without a leading `{` (it would read as a `{case_matters=…}` parameter).
 *
 * @param value
 *   Any text.
 * @returns
 *   The text, safe between delimiters.
 */
export function responseText(value: string): string {
  return value.replace(/[\u0000-\u001f]+/g, ' ').replace(/\[([,.:])\]/g, '($1)').replace(/^\{/, '(')
}

/**
 * A number as xAPI responses write it: plain decimal, never in exponent notation.
 *
 * @param value
 *   A finite number.
 * @returns
 *   Its text (`6.5`, `-3`, `0.0001`).
 */
export function responseNumber(value: number): string {
  if (!Number.isFinite(value)) return '0'
  const fixed = value.toFixed(7)
  const trimmed = fixed.replace(/0+$/, '').replace(/\.$/, '')
  return trimmed === '-0' ? '0' : trimmed
}

/**
 * The interaction definition of a question: type, components and correct responses.
 *
 * - `single`/`multiple`: `choice`, the choice ids (`a`, `b`, …), the correct ones joined by `[,]`;
 * - `true-false`: `true` or `false`;
 * - `order`: `sequencing`, the items in the right order;
 * - `match`: `matching`, `source` (`a`, `b`, …) and `target` (`1`, `2`, …), pairs as `a[.]1[,]b[.]2`;
 * - `text`: `fill-in`, one pattern per accepted answer, `{case_matters=false}` (the runtime also
 *   ignores accents and extra spaces);
 * - `numeric`: `min[:]max` (answer ± tolerance).
 *
 * @param question
 *   The question.
 * @param language
 *   `course.language`.
 * @returns
 *   The definition (without name and description).
 */
export function interactionDefinition(question: Question, language: string): InteractionDefinition {
  const lang = languageKey(language)
  const component = (id: string, text: string): InteractionComponent => ({id, description: {[lang]: text}})
  switch (question.type) {
    case 'single':
    case 'multiple':
      return {
        interactionType: 'choice',
        correctResponsesPattern: [question.choices.filter((choice) => choice.correct).map((choice) => choice.id).join('[,]')],
        choices: question.choices.map((choice) => component(choice.id, choice.text))
      }
    case 'true-false':
      return {interactionType: 'true-false', correctResponsesPattern: [String(question.answer)]}
    case 'order':
      return {
        interactionType: 'sequencing',
        correctResponsesPattern: [question.items.map((item) => item.id).join('[,]')],
        choices: question.items.map((item) => component(item.id, item.text))
      }
    case 'match':
      return {
        interactionType: 'matching',
        correctResponsesPattern: [question.sources.map((source, index) => source.id + '[.]' + (question.targets[index]?.id ?? '')).join('[,]')],
        source: question.sources.map((item) => component(item.id, item.text)),
        target: question.targets.map((item) => component(item.id, item.text))
      }
    case 'text':
      return {
        interactionType: 'fill-in',
        correctResponsesPattern: [...new Set(question.accepted.map((accepted) => '{case_matters=false}' + responseText(accepted)))]
      }
    case 'numeric':
      return {
        interactionType: 'numeric',
        correctResponsesPattern: [responseNumber(question.answer - question.tolerance) + '[:]' + responseNumber(question.answer + question.tolerance)]
      }
  }
}

/**
 * The interaction definition of a scored scenario: a `performance` whose steps are the scenario's
 * steps with choices (a response is `step[.]choice` per step taken, then `ending[.]result`).
 *
 * @param scenario
 *   The scenario.
 * @param language
 *   `course.language`.
 * @returns
 *   The definition (without name and description).
 */
export function scenarioDefinition(scenario: ScenarioBlock, language: string): InteractionDefinition {
  const lang = languageKey(language)
  return {
    interactionType: 'performance',
    steps: scenario.steps.map((step) => ({id: step.id, description: {[lang]: step.choices.length > 0 ? step.choices.map((choice) => choice.id + ': ' + choice.text).join('; ') : step.result ?? step.id}}))
  }
}
