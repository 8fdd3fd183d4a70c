import type {Course} from '@coursemark/model'
import type {Environment} from '../delivery/environment.js'
import {prepareCmi5} from './cmi5.js'
import {findScorm12Api, findScorm2004Api} from './find-api.js'
import {createScorm12Adapter} from './scorm12.js'
import {createScorm2004Adapter} from './scorm2004.js'
import {createStandaloneAdapter, storageKey} from './standalone.js'
import type {Problem, Reporter, TrackingAdapter} from './types.js'
import {prepareXapi, type PreparedAdapter} from './xapi.js'

/** Package targets (`body[data-target]`). */
export type Target = 'web' | 'scorm12' | 'scorm2004' | 'xapi' | 'cmi5'

/** Configuration for `selectAdapter`. */
export interface SelectOptions {
  /** `body[data-target]` of the launch page. */
  readonly target: string
  /** The window the runtime runs in (API discovery starts here). */
  readonly window: Window
  readonly courseId: string
  readonly courseVersion: string
  /** Where problems go (shown to the learner). */
  readonly report: Reporter
}

function localStorageOf(win: Window): Storage | undefined {
  try {
    const storage = win.localStorage
    return storage ?? undefined
  } catch {
    return undefined
  }
}

/**
 * The adapter for a target: the LMS's when its API is found, else the standalone one
 * (reporting `notice.standalone` for LMS targets, so the learner knows where progress goes).
 */
export function selectAdapter(options: SelectOptions): TrackingAdapter {
  const {target, report} = options
  const standalone = (): TrackingAdapter => createStandaloneAdapter({
    storage: localStorageOf(options.window),
    key: storageKey(options.courseId, options.courseVersion),
    report
  })
  // What the LMS has not confirmed is kept in the browser until it does (see `scorm-backup.ts`).
  const backup = {storage: localStorageOf(options.window), key: storageKey(options.courseId, options.courseVersion)}
  switch (target) {
    case 'scorm12': {
      const api = findScorm12Api(options.window)
      if (api) return createScorm12Adapter({api, report, backup})
      break
    }
    case 'scorm2004': {
      const api = findScorm2004Api(options.window)
      if (api) return createScorm2004Adapter({api, report, backup})
      break
    }
    // xAPI and cmi5 adapters are made by `prepareTracking` (they need the network first).
    case 'xapi':
    case 'cmi5':
      break
    default:
      return standalone()
  }
  report({key: 'notice.standalone'})
  return standalone()
}

/** Configuration for `prepareTracking`. */
export interface PrepareOptions {
  /** `xapi` or `cmi5`. */
  readonly target: 'xapi' | 'cmi5'
  /** The course as played (one module for a per-module AU). */
  readonly course: Course
  readonly env: Environment
}

/**
 * Prepare the adapter of an xAPI or cmi5 launch: read the launch, get the token and launch data
 * (cmi5) and the learner's progress. When the page was not launched by an LMS, or the launch
 * failed, the standalone adapter plays instead and the learner is told why.
 */
export async function prepareTracking(options: PrepareOptions): Promise<PreparedAdapter> {
  const {course, env} = options
  const fallback = (problem: Problem): PreparedAdapter => (report) => {
    report(problem)
    return createStandaloneAdapter({storage: env.storage, key: storageKey(course.id, course.version), report})
  }
  try {
    const prepared = options.target === 'xapi' ? await prepareXapi(course, env) : await prepareCmi5(course, env)
    if (prepared === undefined) return fallback({key: 'notice.standalone'})
    return typeof prepared === 'function' ? prepared : fallback(prepared)
  } catch (error) {
    return fallback({key: 'notice.lmsInit', values: {code: '0', message: error instanceof Error ? error.message : String(error)}})
  }
}
