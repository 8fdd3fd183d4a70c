import type {KeyValueStore} from './standalone.js'

/** Where a SCORM adapter keeps what the LMS has not confirmed yet (optional). */
export interface BackupOptions {
  /** The browser's `localStorage` (`undefined` when there is none: no backup then). */
  readonly storage: (KeyValueStore & {removeItem(key: string): void}) | undefined
  /** Key of the course version (see `storageKey`); the learner id is added to it. */
  readonly key: string
}

/** What the LMS has not confirmed yet. */
export interface Unconfirmed {
  /** Suspend data the LMS held when it last confirmed a commit: the backup applies only on top of it. */
  readonly base: string
  readonly location: string
  readonly suspendData: string
  /** Interactions recorded since, each as its `[element under cmi.interactions.n., value]` pairs. */
  readonly interactions: ReadonlyArray<ReadonlyArray<readonly [string, string]>>
}

/** A local copy of progress the LMS has not confirmed, so that an LMS outage loses nothing. */
export interface ScormBackup {
  /** The learner's backup, when it continues what the LMS holds (`lmsSuspendData`); a stale one is removed. */
  restore(learner: string, lmsSuspendData: string): Unconfirmed | undefined
  /** Keep progress the LMS has not confirmed. */
  keep(value: Unconfirmed): void
  /** The LMS confirmed everything: remove the backup. */
  clear(): void
}

function isPairs(value: unknown): value is Array<[string, string]> {
  return Array.isArray(value) && value.every((pair) => Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && typeof pair[1] === 'string')
}

function parse(text: string | null): Unconfirmed | undefined {
  if (!text) return undefined
  try {
    const value = JSON.parse(text) as Partial<Record<keyof Unconfirmed, unknown>>
    if (typeof value.base !== 'string' || typeof value.location !== 'string' || typeof value.suspendData !== 'string') return undefined
    if (!Array.isArray(value.interactions) || !value.interactions.every(isPairs)) return undefined
    return {base: value.base, location: value.location, suspendData: value.suspendData, interactions: value.interactions}
  } catch {
    return undefined
  }
}

/**
 * Keep a copy of unconfirmed progress in the browser, per course version and learner. It is
 * written only while the LMS fails and removed as soon as a commit stores everything.
 */
export function createScormBackup(options: BackupOptions | undefined): ScormBackup {
  const storage = options?.storage
  let key = ''
  let kept = false

  function remove(): void {
    if (!storage || !key) return
    try {
      storage.removeItem(key)
    } catch {
      // Nothing to do: the next launch checks the backup against the LMS anyway.
    }
  }

  return {
    restore(learner, lmsSuspendData) {
      if (!storage || !options) return undefined
      key = 'coursemark-unconfirmed:' + options.key + ':' + learner
      let found: Unconfirmed | undefined
      try {
        found = parse(storage.getItem(key))
      } catch {
        found = undefined
      }
      kept = found !== undefined
      if (found && found.base === lmsSuspendData) return found
      if (kept) remove()
      kept = false
      return undefined
    },
    keep(value) {
      if (!storage || !key) return
      try {
        storage.setItem(key, JSON.stringify(value))
        kept = true
      } catch {
        // Storage full or blocked: the LMS failure is already shown to the learner.
      }
    },
    clear() {
      if (!kept) return
      remove()
      kept = false
    }
  }
}
