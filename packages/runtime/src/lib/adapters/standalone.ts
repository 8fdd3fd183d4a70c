import type {Launch, Reporter, Snapshot, TrackingAdapter} from './types.js'

/** The part of `Storage` the standalone adapter uses. */
export interface KeyValueStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

/** Configuration for `createStandaloneAdapter`. */
export interface StandaloneOptions {
  /** Where to keep progress (`window.localStorage`), or `undefined` when the browser gives none. */
  readonly storage: KeyValueStore | undefined
  /** Storage key: one per course id and version (see `storageKey`). */
  readonly key: string
  /** Where problems go (shown to the learner). */
  readonly report: Reporter
}

/** The storage key of a course version. */
export function storageKey(courseId: string, version: string): string {
  return 'coursemark:' + courseId + '@' + version
}

interface Stored {
  readonly location: string
  readonly suspendData: string
}

/** Keep progress in the browser (no LMS): used for web packages and when no LMS API is found. */
export function createStandaloneAdapter(options: StandaloneOptions): TrackingAdapter {
  const {storage, key, report} = options
  let last = ''
  let failed = false
  let finished = false

  function write(snapshot: Snapshot): void {
    if (!storage || finished) return
    const value = JSON.stringify({location: snapshot.location, suspendData: snapshot.suspendData} satisfies Stored)
    if (value === last) return
    try {
      storage.setItem(key, value)
      last = value
      // Room again: everything is stored, so the warning goes.
      if (failed) report({key: 'notice.noStorage', resolved: true})
      failed = false
    } catch {
      if (!failed) report({key: 'notice.noStorage'})
      failed = true
    }
  }

  return {
    name: 'standalone',
    suspendLimit: Infinity,
    start(): Launch {
      if (!storage) {
        report({key: 'notice.noStorage'})
        return {suspendData: '', location: '', mode: 'normal'}
      }
      let stored: Partial<Stored> = {}
      try {
        const parsed: unknown = JSON.parse(storage.getItem(key) ?? '{}')
        if (parsed && typeof parsed === 'object') stored = parsed as Partial<Stored>
      } catch {
        stored = {}
      }
      return {
        suspendData: typeof stored.suspendData === 'string' ? stored.suspendData : '',
        location: typeof stored.location === 'string' ? stored.location : '',
        mode: 'normal'
      }
    },
    save: write,
    record() {},
    commit() {},
    finish(snapshot) {
      write(snapshot)
      finished = true
    }
  }
}
