import {findScorm12Api, findScorm2004Api} from './find-api.js'
import {createScorm12Adapter} from './scorm12.js'
import {createScorm2004Adapter} from './scorm2004.js'
import {createStandaloneAdapter, storageKey, type KeyValueStore} from './standalone.js'
import type {Reporter, TrackingAdapter} from './types.js'

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

function localStorageOf(win: Window): KeyValueStore | undefined {
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
  switch (target) {
    case 'scorm12': {
      const api = findScorm12Api(options.window)
      if (api) return createScorm12Adapter({api, report})
      break
    }
    case 'scorm2004': {
      const api = findScorm2004Api(options.window)
      if (api) return createScorm2004Adapter({api, report})
      break
    }
    // xAPI and cmi5 adapters plug in here (launch parameters, LRS client, statement queue).
    case 'xapi':
    case 'cmi5':
      break
    default:
      return standalone()
  }
  report({key: 'notice.standalone'})
  return standalone()
}
