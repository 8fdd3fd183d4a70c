import type {Problem, Reporter} from './types.js'

/** The calls SCORM 1.2 and SCORM 2004 have in common, under neutral names. */
export interface ScormCalls {
  initialize(): unknown
  terminate(): unknown
  commit(): unknown
  get(element: string): unknown
  set(element: string, value: string): unknown
  lastError(): unknown
  errorString(code: string): unknown
}

/** How a write ended: stored, failed for now (worth retrying), or refused for good. */
export type WriteOutcome = 'ok' | 'retry' | 'refused'

/**
 * A checked SCORM session: every call's error code is read and failures are retried once, then
 * reported. A write that fails for a reason that may pass (the LMS is busy, its connection is
 * down, the call throws) is kept and written again before every commit, until it is stored.
 */
export interface ScormSession {
  /** Initialize once; `false` when the LMS refused. */
  open(): boolean
  /** Read an element (empty when unsupported or unset; reading errors are not reported). */
  get(element: string): string
  /** Write an element once (checked, retried once, reported); never kept for later. */
  write(element: string, value: string): WriteOutcome
  /** `write`, and keep the value to write again later when the failure may pass. */
  set(element: string, value: string): boolean
  /** `set`, but only when the value differs from the last value written or read (or refused). */
  update(element: string, value: string): boolean
  /** Whether a value of this element is waiting to be written again. */
  isPending(element: string): boolean
  /**
   * Write what is waiting, then commit (checked, retried once, reported). `true` only when the
   * LMS took the commit and nothing is waiting: everything written so far is stored.
   */
  commit(): boolean
  /** Terminate exactly once. */
  close(): boolean
  /** Whether the session is open (initialized and not terminated). */
  isOpen(): boolean
}

/** Error codes that mean the API was already initialized (1.2: 101, 2004: 103). */
const alreadyInitialized = new Set(['101', '103'])

/**
 * Error codes that mean the LMS will never take this value (1.2: 201 invalid argument, 401–405;
 * 2004: 401–407): writing it again cannot help. Every other failure (101 general exception,
 * 2004 351 general set failure, 391 general commit failure, 408 dependency not established,
 * a call that throws or answers `false` without a code) may pass.
 */
const refusedCodes = new Set(['201', '401', '402', '403', '404', '405', '406', '407'])

function ok(result: unknown): boolean {
  return result === true || String(result) === 'true'
}

/** Wrap raw SCORM calls with checking, retries and reporting. */
export function createScormSession(calls: ScormCalls, report: Reporter): ScormSession {
  const known = new Map<string, string>()
  /** Values that failed for a reason that may pass, in the order they were written. */
  const pending = new Map<string, string>()
  /** Values the LMS refused for good (written again only when they change). */
  const refused = new Map<string, string>()
  let open = false
  let closed = false
  /** A failure was reported since the last commit that stored everything (report once per outage). */
  let failing = false
  /** The notice of the current outage, taken back when a commit stores everything again. */
  let outage: Problem | undefined

  function lastError(): string {
    try {
      return String(calls.lastError() ?? '0')
    } catch {
      return '101'
    }
  }

  function attempt(run: () => unknown): {ok: boolean; code: string} {
    let result: unknown
    try {
      result = run()
    } catch {
      return {ok: false, code: '101'}
    }
    const code = lastError()
    return {ok: ok(result) && (code === '0' || code === ''), code}
  }

  function describe(code: string): string {
    try {
      return String(calls.errorString(code) ?? '')
    } catch {
      return ''
    }
  }

  /** Run a call, retry it once, and report a failure: once per outage, or per refused element. */
  function checked(run: () => unknown, element: string): {ok: boolean; code: string} {
    let outcome = attempt(run)
    if (!outcome.ok) outcome = attempt(run)
    if (!outcome.ok && (refusedCodes.has(outcome.code) || !failing)) {
      const problem: Problem = {key: 'notice.lmsError', values: {code: outcome.code, message: describe(outcome.code), element}}
      if (!refusedCodes.has(outcome.code)) {
        failing = true
        outage = problem
      }
      report(problem)
    }
    return outcome
  }

  function write(element: string, value: string): WriteOutcome {
    if (!open) return 'retry'
    const outcome = checked(() => calls.set(element, value), element)
    if (outcome.ok) {
      known.set(element, value)
      refused.delete(element)
      return 'ok'
    }
    known.delete(element)
    if (!refusedCodes.has(outcome.code)) return 'retry'
    refused.set(element, value)
    return 'refused'
  }

  function set(element: string, value: string): boolean {
    if (!open) return false
    const outcome = write(element, value)
    if (outcome === 'retry') pending.set(element, value)
    else pending.delete(element)
    return outcome === 'ok'
  }

  return {
    open() {
      if (open || closed) return open
      let outcome = attempt(() => calls.initialize())
      if (!outcome.ok && alreadyInitialized.has(outcome.code)) outcome = {ok: true, code: '0'}
      if (!outcome.ok) outcome = attempt(() => calls.initialize())
      if (!outcome.ok) report({key: 'notice.lmsInit', values: {code: outcome.code, message: describe(outcome.code)}})
      open = outcome.ok
      return open
    },
    get(element) {
      if (!open) return ''
      try {
        const value = calls.get(element)
        const code = lastError()
        const text = code === '0' || code === '' ? String(value ?? '') : ''
        known.set(element, text)
        return text
      } catch {
        return ''
      }
    },
    write,
    set,
    update(element, value) {
      if (known.get(element) === value && !pending.has(element)) return true
      if (refused.get(element) === value) return false
      return set(element, value)
    },
    isPending(element) {
      return pending.has(element)
    },
    commit() {
      if (!open) return false
      for (const [element, value] of [...pending]) {
        if (pending.get(element) === value) set(element, value)
      }
      const stored = checked(() => calls.commit(), 'commit').ok && pending.size === 0
      if (stored) {
        failing = false
        // Everything is stored again: the learner no longer needs the warning.
        if (outage) report({...outage, resolved: true})
        outage = undefined
      }
      return stored
    },
    close() {
      if (!open || closed) return false
      closed = true
      open = false
      return checked(() => calls.terminate(), 'finish').ok
    },
    isOpen() {
      return open
    }
  }
}
