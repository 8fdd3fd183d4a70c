/**
 * The tracking adapter both xAPI targets share: turn the tracker's calls into statements and a
 * State API document, and hand them to the outbox. What differs between a Tin Can launch and a
 * cmi5 launch (object, context template, categories, launch mode, when to judge) comes in as a
 * profile.
 */

import type {Course, Module} from '@coursemark/model'
import {activityIri, languageKey} from '@coursemark/model'
import type {Environment} from '../delivery/environment.js'
import type {Outbox} from '../delivery/outbox.js'
import type {InteractionRecord} from '../interaction.js'
import type {Progress} from '../scoring.js'
import {isoDuration} from '../time.js'
import type {Launch, Snapshot, TrackingAdapter} from './types.js'
import type {Agent} from './xapi-launch.js'
import {
  cmi5Iris, courseActivity, interactionResult, mergeContext, moduleActivity, objectiveActivity, pageActivity,
  questionActivity, scenarioActivity, score, statement, type Activity, type Context, type Result, type VerbName
} from './xapi-statements.js'

/** `stateId` of the learner's progress (bookmark, answers, what was reported). */
export const progressStateId = 'coursemark.progress'

/** The learner's progress as kept in the State API (and in the outbox while offline). */
export interface ProgressDocument {
  readonly v: 1
  /** When it was written (ms since the epoch): the newer of the LRS's and the browser's copy wins. */
  readonly savedAt: number
  /** Bookmark: page id or `results`. */
  readonly location: string
  /** The runtime's encoded state (`encoding.ts`). */
  readonly suspendData: string
  /** Time spent in earlier sessions (ms). */
  readonly totalMs: number
  /** A `completed` statement was sent (in this registration). */
  readonly completed: boolean
  /** The last verdict sent (`passed`/`failed`), and its score as a percentage. */
  readonly success: '' | 'passed' | 'failed'
  readonly percent: number
  /** Last status sent per objective: `passed:80` (status and percentage). */
  readonly objectives: Readonly<Record<string, string>>
}

const fresh: ProgressDocument = {v: 1, savedAt: 0, location: '', suspendData: '', totalMs: 0, completed: false, success: '', percent: 0, objectives: {}}

/** Read a progress document (from the LRS or the outbox); `undefined` when it is not one. */
export function readProgress(value: unknown): ProgressDocument | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const doc = value as Partial<Record<keyof ProgressDocument, unknown>>
  if (doc.v !== 1 || typeof doc.location !== 'string' || typeof doc.suspendData !== 'string') return undefined
  const number = (field: unknown): number => (typeof field === 'number' && Number.isFinite(field) ? field : 0)
  return {
    v: 1,
    savedAt: number(doc.savedAt),
    location: doc.location,
    suspendData: doc.suspendData,
    totalMs: number(doc.totalMs),
    completed: doc.completed === true,
    success: doc.success === 'passed' || doc.success === 'failed' ? doc.success : '',
    percent: number(doc.percent),
    objectives: typeof doc.objectives === 'object' && doc.objectives !== null ? doc.objectives as Record<string, string> : {}
  }
}

/** The newer of two progress documents (the first on a tie). */
export function newerProgress(a: ProgressDocument | undefined, b: ProgressDocument | undefined): ProgressDocument | undefined {
  if (!a) return b
  if (!b) return a
  return b.savedAt > a.savedAt ? b : a
}

/** What differs between a Tin Can launch and a cmi5 launch. */
export interface LrsProfile {
  readonly name: 'xapi' | 'cmi5'
  readonly mode: Launch['mode']
  /** Pass mark set by the LMS (cmi5 `masteryScore`), 0–1. */
  readonly mastery?: number | undefined
  /** Object of `initialized`, `completed`, `passed`, `failed`, `suspended`, `terminated`. */
  readonly object: Activity
  /** cmi5 `contextTemplate`: the context of every statement is built on it. */
  readonly template?: Context | undefined
}

/** Configuration for `createLrsAdapter`. */
export interface LrsAdapterOptions {
  /** The course as played (one module for a per-module AU). */
  readonly course: Course
  readonly env: Environment
  readonly outbox: Outbox
  readonly actor: Agent
  readonly registration: string | undefined
  readonly profile: LrsProfile
  /** Progress found at launch (the newer of the LRS's and the outbox's copy). */
  readonly saved: ProgressDocument | undefined
  /** State API parameters of the progress document (`activityId`, `agent`, `registration`). */
  readonly stateQuery: Readonly<Record<string, string | undefined>>
  /** Called once the last statement of the session is queued. */
  readonly onFinish?: (() => void) | undefined
}

/** A tracking adapter that sends statements, and can end its session by itself (cmi5 exit). */
export interface LrsAdapter extends TrackingAdapter {
  readonly name: 'xapi' | 'cmi5'
  /** End the session now with the last values saved (the learner chose to exit). */
  end(): void
  /** Resolve `true` once everything queued is stored by the LRS, `false` after `milliseconds`. */
  settle(milliseconds: number): Promise<boolean>
}

const results = 'results'

/** Create the adapter of one xAPI or cmi5 session. */
export function createLrsAdapter(options: LrsAdapterOptions): LrsAdapter {
  const {course, env, outbox, actor, registration, profile} = options
  const cmi5 = profile.name === 'cmi5'
  const normal = profile.mode === 'normal'
  const courseObject = courseActivity(course)
  const pages = new Map<string, {readonly page: Module['pages'][number]; readonly module: Module}>()
  const moduleOf = new Map<string, Module>()
  for (const module of course.modules) {
    for (const page of module.pages) {
      pages.set(page.id, {page, module})
      for (const block of page.blocks) {
        if (block.type === 'quiz') for (const question of block.questions) moduleOf.set(question.id, module)
        else if (block.type === 'scenario') moduleOf.set(block.id, module)
      }
    }
  }
  let doc = options.saved ?? fresh
  let startedAt = env.now()
  let lastLocation: string | undefined
  let last: Snapshot | undefined
  let judged = false
  let finishing = false
  let finished = false

  /**
   * A context. Tin Can: page, answer → parent module, grouping course; objective → parent course.
   * cmi5: built on the template; defined statements carry the cmi5 category (and moveOn when
   * they judge), the others have the AU as parent; the course (and module) are added to grouping.
   */
  function context(defined: boolean, extra?: {readonly module?: Module | undefined; readonly other?: Activity | undefined; readonly moveOn?: boolean; readonly extensions?: Record<string, unknown> | undefined}): Context {
    const module = extra?.module ? moduleActivity(course, extra.module) : undefined
    let parent: Activity | undefined
    let grouping: Activity[]
    if (cmi5) {
      parent = defined ? undefined : profile.object
      grouping = [courseObject, ...(module ? [module] : [])]
    } else {
      parent = defined ? undefined : module ?? profile.object
      grouping = defined || !module ? (profile.object.id === courseObject.id ? [] : [courseObject]) : [profile.object]
    }
    const category = cmi5 && defined ? [{objectType: 'Activity' as const, id: cmi5Iris.category}, ...(extra?.moveOn ? [{objectType: 'Activity' as const, id: cmi5Iris.moveOn}] : [])] : []
    return mergeContext(profile.template, {
      registration,
      contextActivities: {
        parent: parent ? [parent] : undefined,
        grouping: grouping.length > 0 ? grouping : undefined,
        category: category.length > 0 ? category : undefined,
        other: extra?.other ? [extra.other] : undefined
      },
      language: languageKey(course.language),
      revision: course.version || undefined,
      extensions: extra?.extensions
    })
  }

  /** Timestamps strictly increase within a session (cmi5 orders statements by timestamp). */
  let lastTimestamp = 0
  function send(verb: VerbName, object: Activity, result: Result | undefined, statementContext: Context): void {
    lastTimestamp = Math.max(env.now(), lastTimestamp + 1)
    outbox.send(statement({id: env.uuid(), actor, verb, object, result, context: statementContext, timestamp: lastTimestamp}))
  }

  function learningTime(): string {
    return isoDuration(doc.totalMs + Math.max(0, env.now() - startedAt))
  }

  function judge(progress: Progress): void {
    if (!progress.decided) return
    const verdict = progress.passed ? 'passed' : 'failed'
    if (verdict === doc.success && progress.percent === doc.percent) return
    // cmi5: one verdict per session, at the results view or at the end; never again after `passed`.
    if (cmi5 && (judged || doc.success === 'passed' || !(finishing || last?.location === results))) return
    judged = true
    send(verdict, profile.object, {success: progress.passed, score: score(progress.percent, cmi5), duration: learningTime()},
      context(true, {moveOn: true, extensions: cmi5 && profile.mastery !== undefined ? {[cmi5Iris.masteryScore]: profile.mastery} : undefined}))
    doc = {...doc, success: verdict, percent: progress.percent}
  }

  function write(snapshot: Snapshot, force = false): void {
    const next = {...doc, location: snapshot.location, suspendData: snapshot.suspendData}
    if (!force && JSON.stringify({...next, savedAt: 0}) === JSON.stringify({...doc, savedAt: 0})) return
    doc = {...next, savedAt: env.now()}
    outbox.put({key: 'progress', resource: 'activities/state', query: {...options.stateQuery, stateId: progressStateId}, body: doc})
  }

  function save(snapshot: Snapshot): void {
    if (finished) return
    last = snapshot
    const {progress} = snapshot
    if (snapshot.location !== lastLocation) {
      lastLocation = snapshot.location
      const entry = pages.get(snapshot.location)
      if (entry) {
        const measure = cmi5 && normal && !doc.completed ? {extensions: {[cmi5Iris.progress]: Math.floor(progress.measure * 100)}} : undefined
        send('experienced', pageActivity(course, entry.page), measure, context(false, {module: entry.module}))
      }
    }
    if (!normal) return
    for (const outcome of progress.outcomes) {
      if (outcome.status !== 'passed' && outcome.status !== 'failed') continue
      const key = outcome.status + ':' + String(outcome.percent)
      const definition = course.outcomes.find((item) => item.id === outcome.id)
      if (doc.objectives[outcome.id] === key || !definition) continue
      send(outcome.status, objectiveActivity(course, definition), {success: outcome.status === 'passed', score: score(outcome.percent, false)},
        context(false))
      doc = {...doc, objectives: {...doc.objectives, [outcome.id]: key}}
    }
    if (progress.completed && !doc.completed) {
      send('completed', profile.object, {completion: true, duration: learningTime()}, context(true, {moveOn: true}))
      doc = {...doc, completed: true}
    }
    judge(progress)
    write(snapshot)
  }

  function finish(snapshot: Snapshot, sessionMilliseconds: number): void {
    if (finished) return
    finishing = true
    save(snapshot)
    finished = true
    if (normal) {
      doc = {...doc, totalMs: doc.totalMs + sessionMilliseconds}
      write(snapshot, true)
    }
    const verb = cmi5 || snapshot.progress.finished ? 'terminated' : 'suspended'
    send(verb, profile.object, {duration: isoDuration(sessionMilliseconds)}, context(true))
    outbox.flushOnHide()
    options.onFinish?.()
  }

  return {
    name: profile.name,
    suspendLimit: 1_000_000,
    start() {
      startedAt = env.now()
      send('initialized', profile.object, undefined, context(true))
      return {suspendData: doc.suspendData, location: doc.location, mode: profile.mode, mastery: profile.mastery}
    },
    save,
    record(record: InteractionRecord) {
      if (finished || !normal) return
      const id = record.kind === 'question' ? record.question.id : record.scenario.id
      const outcome = course.outcomes.find((item) => item.id === (record.kind === 'question' ? record.question.outcome : record.scenario.outcome))
      const object = record.kind === 'question' ? questionActivity(course, record.question) : scenarioActivity(course, record.scenario)
      send('answered', object, interactionResult(record), context(false, {module: moduleOf.get(id), other: outcome ? {objectType: 'Activity', id: activityIri(course.id, 'objectives', outcome.id)} : undefined}))
    },
    commit() {
      outbox.kick()
    },
    finish,
    end() {
      if (last) finish(last, Math.max(0, env.now() - startedAt))
    },
    settle(milliseconds) {
      return outbox.settle(milliseconds)
    }
  }
}
