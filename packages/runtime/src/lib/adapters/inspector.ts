/**
 * The tracking of `coursemark preview`: the course plays as in a SCORM 1.2 package (its data
 * goes to the recording `API` of the page around it), and the real SCORM 2004 and xAPI adapters
 * follow the same session, so the LMS inspector can show what each standard would record. The
 * xAPI adapter's statements and State API documents go to the inspector instead of an LRS:
 * nothing is sent anywhere.
 */

import type {Course} from '@coursemark/model'
import type {Environment} from '../delivery/environment.js'
import type {DocumentWrite, Outbox, Statement} from '../delivery/outbox.js'
import {combineAdapters} from './combine.js'
import {findScorm2004Api} from './find-api.js'
import {createScorm2004Adapter} from './scorm2004.js'
import {selectAdapter} from './select.js'
import type {Reporter, TrackingAdapter} from './types.js'
import type {Agent} from './xapi-launch.js'
import {createLrsAdapter, readProgress} from './xapi-session.js'
import {courseActivity} from './xapi-statements.js'

/** What the preview's page offers the course frame, as `coursemarkInspector` on its window. */
export interface InspectorHost {
  /** A statement the xAPI adapter would send (JSON). */
  statement(json: string): void
  /** A State API document the xAPI adapter would store (JSON of the write). */
  document(json: string): void
  /** The progress document stored last (JSON, empty when none): what the LRS would give back at the next launch. */
  progress(): string
}

/** Whether a value is the preview's inspector (the page around the course frame offers it). */
export function isInspectorHost(value: unknown): value is InspectorHost {
  if (typeof value !== 'object' || value === null) return false
  const host = value as Record<string, unknown>
  return typeof host['statement'] === 'function' && typeof host['document'] === 'function' && typeof host['progress'] === 'function'
}

/** An outbox that hands everything to the inspector at once and never touches the network. */
export function createRecordingOutbox(host: InspectorHost): Outbox {
  const documents = new Map<string, unknown>()
  return {
    send(statement: Statement) {
      host.statement(JSON.stringify(statement))
    },
    put(write: DocumentWrite) {
      documents.set(write.key, write.body)
      host.document(JSON.stringify(write))
    },
    document(key: string) {
      return documents.has(key) ? {body: documents.get(key), pending: false} : undefined
    },
    pending: () => [],
    kick() {},
    flushOnHide() {},
    settle: () => Promise.resolve(true)
  }
}

/** The learner as the preview's xAPI statements name them. */
export const previewAgent: Agent = {objectType: 'Agent', name: 'Preview, Author', account: {homePage: 'https://coursemark.invalid/preview', name: 'preview'}}

/** Configuration for `createInspectorAdapter`. */
export interface InspectorOptions {
  readonly window: Window
  /** The course as played. */
  readonly course: Course
  readonly host: InspectorHost
  readonly env: Environment
  /** Where problems go (shown to the learner). */
  readonly report: Reporter
}

/**
 * The SCORM 1.2 adapter as a SCORM 1.2 package chooses it, followed by the SCORM 2004 adapter
 * (when the page offers `API_1484_11`) and the xAPI adapter of a Tin Can launch.
 */
export function createInspectorAdapter(options: InspectorOptions): TrackingAdapter {
  const {course, host, report} = options
  const lead = selectAdapter({target: 'scorm12', window: options.window, courseId: course.id, courseVersion: course.version, report})
  const others: TrackingAdapter[] = []
  const api2004 = findScorm2004Api(options.window)
  // No backup in the browser: the SCORM 1.2 adapter keeps its own.
  if (api2004) others.push(createScorm2004Adapter({api: api2004, report}))
  let saved: unknown
  try {
    saved = JSON.parse(host.progress() || 'null')
  } catch {
    saved = undefined
  }
  const object = courseActivity(course)
  const query = {activityId: object.id, agent: JSON.stringify(previewAgent), registration: undefined}
  others.push(createLrsAdapter({
    course,
    env: options.env,
    outbox: createRecordingOutbox(host),
    actor: previewAgent,
    registration: undefined,
    profile: {name: 'xapi', mode: 'normal', object},
    saved: readProgress(saved),
    stateQuery: query
  }))
  return combineAdapters(lead, others)
}
