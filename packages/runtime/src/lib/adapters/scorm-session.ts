import type {Reporter} from './types.js'

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

/** A checked SCORM session: every call's error code is read, failures are retried once, then reported. */
export interface ScormSession {
  /** Initialize once; `false` when the LMS refused. */
  open(): boolean
  /** Read an element (empty when unsupported or unset; reading errors are not reported). */
  get(element: string): string
  /** Write an element, check it, retry once, report when it still fails. */
  set(element: string, value: string): boolean
  /** `set`, but only when the value differs from the last value written or read. */
  update(element: string, value: string): boolean
  /** Commit, check, retry once, report. */
  commit(): boolean
  /** Terminate exactly once. */
  close(): boolean
  /** Whether the session is open (initialized and not terminated). */
  isOpen(): boolean
}

/** Error codes that mean the API was already initialized (1.2: 101, 2004: 103). */
const alreadyInitialized = new Set(['101', '103'])

function ok(result: unknown): boolean {
  return result === true || String(result) === 'true'
}

/** Wrap raw SCORM calls with checking, retries and reporting. */
export function createScormSession(calls: ScormCalls, report: Reporter): ScormSession {
  const known = new Map<string, string>()
  let open = false
  let closed = false

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

  function checked(run: () => unknown, element: string): boolean {
    let outcome = attempt(run)
    if (!outcome.ok) outcome = attempt(run)
    if (!outcome.ok) report({key: 'notice.lmsError', values: {code: outcome.code, message: describe(outcome.code), element}})
    return outcome.ok
  }

  function set(element: string, value: string): boolean {
    if (!open) return false
    const done = checked(() => calls.set(element, value), element)
    if (done) known.set(element, value)
    else known.delete(element)
    return done
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
    set,
    update(element, value) {
      return known.get(element) === value ? true : set(element, value)
    },
    commit() {
      if (!open) return false
      return checked(() => calls.commit(), 'commit')
    },
    close() {
      if (!open || closed) return false
      closed = true
      open = false
      return checked(() => calls.terminate(), 'finish')
    },
    isOpen() {
      return open
    }
  }
}
