/**
 * xAPI statements of a coursemark session, as pure functions: activities of the course, the
 * learner's responses in xAPI interaction formats, results and contexts (merged over a cmi5
 * context template without overwriting it).
 */

import type {Course, Module, Outcome, Page, Question, ScenarioBlock} from '@coursemark/model'
import {activityIri, activityTypes, interactionDefinition, languageKey, responseNumber, responseText, scenarioDefinition} from '@coursemark/model'
import {chosen, type InteractionRecord} from '../interaction.js'
import {parseNumber} from '../normalize.js'
import {isoDuration} from '../time.js'
import type {Agent} from './xapi-launch.js'

/** ADL verbs the runtime uses. */
export const verbs = {
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  experienced: 'http://adlnet.gov/expapi/verbs/experienced',
  answered: 'http://adlnet.gov/expapi/verbs/answered',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  suspended: 'http://adlnet.gov/expapi/verbs/suspended',
  terminated: 'http://adlnet.gov/expapi/verbs/terminated'
} as const

export type VerbName = keyof typeof verbs

/** cmi5 category and extension IRIs. */
export const cmi5Iris = {
  category: 'https://w3id.org/xapi/cmi5/context/categories/cmi5',
  moveOn: 'https://w3id.org/xapi/cmi5/context/categories/moveon',
  sessionId: 'https://w3id.org/xapi/cmi5/context/extensions/sessionid',
  masteryScore: 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore',
  progress: 'https://w3id.org/xapi/cmi5/result/extensions/progress'
} as const

/** An xAPI Activity object. */
export interface Activity {
  readonly objectType: 'Activity'
  readonly id: string
  readonly definition?: Readonly<Record<string, unknown>> | undefined
}

/** The lists of `context.contextActivities`. */
export interface ContextActivities {
  readonly parent?: ReadonlyArray<Activity> | undefined
  readonly grouping?: ReadonlyArray<Activity> | undefined
  readonly category?: ReadonlyArray<Activity> | undefined
  readonly other?: ReadonlyArray<Activity> | undefined
}

/** An xAPI context (what the runtime sets, plus whatever a cmi5 template holds). */
export interface Context {
  readonly registration?: string | undefined
  readonly contextActivities?: ContextActivities | undefined
  readonly language?: string | undefined
  readonly revision?: string | undefined
  readonly extensions?: Readonly<Record<string, unknown>> | undefined
  readonly [property: string]: unknown
}

/** An xAPI result. */
export interface Result {
  readonly success?: boolean | undefined
  readonly completion?: boolean | undefined
  readonly response?: string | undefined
  readonly duration?: string | undefined
  readonly score?: {readonly scaled?: number; readonly raw?: number; readonly min?: number; readonly max?: number} | undefined
  readonly extensions?: Readonly<Record<string, unknown>> | undefined
}

/** A statement as the runtime sends it. */
export interface XapiStatement {
  readonly [property: string]: unknown
  readonly id: string
  readonly actor: Agent
  readonly verb: {readonly id: string; readonly display: Readonly<Record<string, string>>}
  readonly object: Activity
  readonly result?: Result | undefined
  readonly context: Context
  readonly timestamp: string
}

/** Longest activity name (LMS reports show names in lists). */
const maxName = 120

function languageMap(language: string, text: string | undefined, max = Infinity): Record<string, string> | undefined {
  const value = (text ?? '').replace(/\s+/g, ' ').trim()
  if (!value) return undefined
  const cut = [...value].length > max ? [...value].slice(0, max - 1).join('').trimEnd() + '…' : value
  return {[languageKey(language)]: cut}
}

function activity(id: string, definition: Record<string, unknown>): Activity {
  const clean = Object.fromEntries(Object.entries(definition).filter((entry) => entry[1] !== undefined))
  return {objectType: 'Activity', id, definition: clean}
}

/** The course as an activity (`id` is the launched activity when the LMS names one). */
export function courseActivity(course: Course, id = course.id): Activity {
  return activity(id, {type: activityTypes.course, name: languageMap(course.language, course.title), description: languageMap(course.language, course.description)})
}

export function moduleActivity(course: Course, module: Module): Activity {
  return activity(activityIri(course.id, 'modules', module.id), {type: activityTypes.module, name: languageMap(course.language, module.title), description: languageMap(course.language, module.description)})
}

export function pageActivity(course: Course, page: Page): Activity {
  return activity(activityIri(course.id, 'pages', page.id), {type: activityTypes.page, name: languageMap(course.language, page.title)})
}

export function objectiveActivity(course: Course, outcome: Outcome): Activity {
  return activity(activityIri(course.id, 'objectives', outcome.id), {
    type: activityTypes.objective,
    name: languageMap(course.language, outcome.statement || outcome.id, maxName),
    description: languageMap(course.language, outcome.statement)
  })
}

/** A question as an interaction activity: its text, type, components and correct responses. */
export function questionActivity(course: Course, question: Question): Activity {
  return activity(activityIri(course.id, 'questions', question.id), {
    type: activityTypes.interaction,
    name: languageMap(course.language, question.promptText || question.id, maxName),
    description: languageMap(course.language, question.promptText),
    ...interactionDefinition(question, course.language)
  })
}

export function scenarioActivity(course: Course, scenario: ScenarioBlock): Activity {
  return activity(activityIri(course.id, 'scenarios', scenario.id), {
    type: activityTypes.interaction,
    name: languageMap(course.language, scenario.title || scenario.id, maxName),
    ...scenarioDefinition(scenario, course.language)
  })
}

/** The learner's response to an answer record, in the xAPI format of its interaction type. */
export function interactionResponse(record: InteractionRecord): string {
  if (record.kind === 'scenario') {
    const walked = record.path.map((choice, index) => {
      const step = record.steps[index]
      return responseText(step?.id ?? String(index)) + '[.]' + responseText(step?.choices[choice]?.id ?? String(choice))
    })
    return [...walked, responseText(record.ending.id) + '[.]' + (record.ending.result ?? 'poor')].join('[,]')
  }
  const {question, response} = record
  switch (question.type) {
    case 'single':
    case 'multiple':
      return chosen(response).map((index) => question.choices[index]?.id ?? String(index)).join('[,]')
    case 'true-false':
      return response.type === 'true-false' ? String(response.value) : ''
    case 'order':
      return (response.type === 'order' ? response.order : []).map((index) => question.items[index]?.id ?? String(index)).join('[,]')
    case 'match':
      return (response.type === 'match' ? response.targets : [])
        .flatMap((target, source) => (target >= 0 ? [(question.sources[source]?.id ?? String(source)) + '[.]' + (question.targets[target]?.id ?? String(target))] : []))
        .join('[,]')
    case 'text':
      return responseText(response.type === 'text' ? response.text : '')
    case 'numeric': {
      const value = parseNumber(response.type === 'numeric' ? response.text : '')
      return value === undefined ? '' : responseNumber(value)
    }
  }
}

/** The result of an answer: success, response, time taken (and the score of a scenario). */
export function interactionResult(record: InteractionRecord): Result {
  const base = {response: interactionResponse(record), duration: isoDuration(record.latency)}
  if (record.kind === 'question') return {success: record.correct, ...base}
  const result = record.ending.result ?? 'poor'
  return {
    ...(result === 'partial' ? {} : {success: result === 'good'}),
    ...base,
    score: {scaled: result === 'good' ? 1 : result === 'partial' ? 0.5 : 0}
  }
}

/** A score: scaled 0–1 (four decimals), raw as a percentage (cmi5: an integer, rounded down), min 0, max 100. */
export function score(percent: number, integerRaw: boolean): {scaled: number; raw: number; min: number; max: number} {
  return {scaled: Math.round(percent * 100) / 10_000, raw: integerRaw ? Math.floor(percent) : percent, min: 0, max: 100}
}

function list(value: unknown): Activity[] {
  if (Array.isArray(value)) return value as Activity[]
  return value && typeof value === 'object' ? [value as Activity] : []
}

/**
 * Merge the runtime's context into a template (cmi5 `contextTemplate`): the template's values
 * stay as they are, its activity lists are extended (no id twice), extensions added to.
 *
 * @param template
 *   Template (may be `undefined`).
 * @param own
 *   What the runtime sets.
 * @returns
 *   The context.
 */
export function mergeContext(template: Context | undefined, own: Context): Context {
  const base = template ?? {}
  const activities: Record<string, Activity[]> = {}
  for (const name of ['parent', 'grouping', 'category', 'other'] as const) {
    const mine = list(base.contextActivities?.[name])
    const ids = new Set(mine.map((item) => item.id))
    const merged = [...mine, ...list(own.contextActivities?.[name]).filter((item) => !ids.has(item.id))]
    if (merged.length > 0) activities[name] = merged
  }
  const extensions = {...own.extensions, ...base.extensions}
  const context: Record<string, unknown> = {...own, ...base}
  if (Object.keys(activities).length > 0) context['contextActivities'] = activities
  else delete context['contextActivities']
  if (Object.keys(extensions).length > 0) context['extensions'] = extensions
  else delete context['extensions']
  for (const key of Object.keys(context)) if (context[key] === undefined) delete context[key]
  return context as Context
}

/** Build a statement. */
export function statement(parts: {
  readonly id: string
  readonly actor: Agent
  readonly verb: VerbName
  readonly object: Activity
  readonly result?: Result | undefined
  readonly context: Context
  readonly timestamp: number
}): XapiStatement {
  return {
    id: parts.id,
    actor: parts.actor,
    verb: {id: verbs[parts.verb], display: {'en-US': parts.verb}},
    object: parts.object,
    ...(parts.result ? {result: parts.result} : {}),
    context: parts.context,
    timestamp: new Date(parts.timestamp).toISOString()
  }
}
