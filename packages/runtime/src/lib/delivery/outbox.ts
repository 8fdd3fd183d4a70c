/**
 * A durable outbox for one LRS session: statements (in order) and State API documents (latest
 * wins) wait in `localStorage` until the LRS has them, so nothing is lost to a reload, a crash
 * or an offline hour.
 *
 * - One request at a time, oldest statements first, in batches (≤ 50 statements, ≤ 48 KB, so
 *   every request may use `keepalive`).
 * - A statement id the LRS already has counts as delivered: a 409 for a batch is resolved by
 *   sending its statements one by one with `PUT ?statementId=`, where 204 and 409 both mean stored.
 *   Ids are set by the runtime and a statement is never rebuilt, so a retry can never double it.
 * - No answer, 408, 429 and 5xx: retry with backoff (1 s, 2 s, 4 s … 60 s) and at once when the
 *   browser comes back `online`; after three failures the learner is told their progress waits
 *   in this browser.
 * - 401/403: stop and tell the learner; the entries stay stored for a later launch.
 * - 400/413 for a batch: send one by one; a single statement the LRS rejects is set aside (kept
 *   under `rejected`) and reported, so one bad statement never blocks the others.
 * - `pagehide`: whatever is not on its way goes out with `keepalive`.
 */

import type {Reporter} from '../adapters/types.js'
import type {Environment} from './environment.js'
import {keepaliveLimit, type Lrs} from './lrs.js'

/** A statement ready to send (JSON object with its `id`). */
export interface Statement {
  readonly id: string
  readonly [property: string]: unknown
}

/** A State API or Agent Profile API document to store (the last write of a key wins). */
export interface DocumentWrite {
  /** Key of the document in the outbox. */
  readonly key: string
  readonly resource: 'activities/state' | 'agents/profile'
  readonly query: Readonly<Record<string, string | undefined>>
  /** JSON value. */
  readonly body: unknown
}

interface StoredDocument extends DocumentWrite {
  readonly rev: number
  /** Not yet stored by the LRS. */
  readonly pending: boolean
}

interface Stored {
  readonly statements: ReadonlyArray<Statement>
  readonly documents: Readonly<Record<string, StoredDocument>>
  readonly rejected: ReadonlyArray<{readonly status: number; readonly statement: Statement}>
}

/** Configuration for `createOutbox`. */
export interface OutboxOptions {
  readonly lrs: Lrs
  readonly env: Environment
  /** `localStorage` key of this outbox (one per LRS, learner, registration and activity). */
  readonly key: string
  /** Where problems go (shown to the learner). */
  readonly report: Reporter
}

/** The outbox of one LRS session. */
export interface Outbox {
  /** Queue a statement (after every one queued before it). */
  send(statement: Statement): void
  /** Queue a document write (replacing a write of the same key not yet sent). */
  put(write: DocumentWrite): void
  /** The local copy of a document (`pending` when the LRS does not have it yet). */
  document(key: string): {readonly body: unknown; readonly pending: boolean} | undefined
  /** Statements not yet delivered, oldest first. */
  pending(): ReadonlyArray<Statement>
  /** Try to deliver now (unless waiting out a backoff). */
  kick(): void
  /** Send what is not on its way with `keepalive` (the page is going away). */
  flushOnHide(): void
  /** Resolve `true` once nothing is pending, `false` after `milliseconds` or when delivery stopped. */
  settle(milliseconds: number): Promise<boolean>
}

const empty: Stored = {statements: [], documents: {}, rejected: []}
const maxBatch = 50

/** Create the outbox of one LRS session and start delivering what earlier pages left in it. */
export function createOutbox(options: OutboxOptions): Outbox {
  const {lrs, env, key, report} = options
  let memory: Stored = empty
  let storageFailed = false
  const flying = new Set<string>()
  /** Statement ids to send one by one (their batch got a 409, 400 or 413). */
  const single = new Set<string>()
  let busy = false
  let timer: unknown
  let failures = 0
  let stopped = 0
  let warnedOffline = false
  let waiters: Array<(done: boolean) => void> = []

  function load(): Stored {
    if (!env.storage || storageFailed) return memory
    try {
      const parsed = JSON.parse(env.storage.getItem(key) ?? 'null') as Partial<Stored> | null
      memory = parsed && Array.isArray(parsed.statements)
        ? {statements: parsed.statements, documents: parsed.documents ?? {}, rejected: parsed.rejected ?? []}
        : memory
    } catch {
      // Unreadable: keep what this page knows.
    }
    return memory
  }

  /**
   * Keep `data` in memory and in storage. While storage fails (full), this page's memory is the
   * copy that counts; every change tries storage again, and the first that fits stores all of it
   * and takes the notice back.
   */
  function store(data: Stored): void {
    memory = data
    if (!env.storage) return
    try {
      if (data.statements.length === 0 && Object.keys(data.documents).length === 0 && data.rejected.length === 0) env.storage.removeItem(key)
      else env.storage.setItem(key, JSON.stringify(data))
      if (storageFailed) report({key: 'notice.noStorage', resolved: true})
      storageFailed = false
    } catch {
      if (!storageFailed) report({key: 'notice.noStorage'})
      storageFailed = true
    }
  }

  function update(change: (data: Stored) => Stored): void {
    store(change(load()))
  }

  function remove(ids: ReadonlyArray<string>): void {
    const gone = new Set(ids)
    for (const id of ids) single.delete(id)
    update((data) => ({...data, statements: data.statements.filter((statement) => !gone.has(statement.id))}))
  }

  function reject(statement: Statement, status: number): void {
    remove([statement.id])
    update((data) => ({...data, rejected: [...data.rejected, {status, statement}].slice(-50)}))
    report({key: 'notice.lrsRejected', values: {code: String(status)}})
  }

  function settled(done: boolean): void {
    const list = waiters
    waiters = []
    for (const resolve of list) resolve(done)
  }

  function stop(status: number): void {
    stopped = status
    report({key: 'notice.lrsAuth', values: {code: String(status)}})
    settled(false)
  }

  function succeeded(): void {
    failures = 0
    busy = false
    // The LRS answers again: the notice that it could not be reached goes.
    if (warnedOffline) report({key: 'notice.lrsOffline', resolved: true})
    warnedOffline = false
    pump()
  }

  function failed(): void {
    failures++
    busy = false
    if (failures >= 3 && !warnedOffline) {
      warnedOffline = true
      report({key: 'notice.lrsOffline'})
    }
    timer = env.setTimeout(() => {
      timer = undefined
      pump()
    }, Math.min(60_000, 1000 * 2 ** Math.min(failures - 1, 6)))
  }

  /** Handle the answer to statements sent together. */
  function delivered(batch: ReadonlyArray<Statement>, status: number): void {
    for (const statement of batch) flying.delete(statement.id)
    if (status >= 200 && status < 300) {
      remove(batch.map((statement) => statement.id))
      succeeded()
    } else if (status === 401 || status === 403) {
      busy = false
      stop(status)
    } else if (batch.length === 1 && (status === 409 || status === 400 || status === 413)) {
      const [statement] = batch as [Statement]
      if (status === 409) remove([statement.id])
      else reject(statement, status)
      succeeded()
    } else if (status === 409 || status === 400 || status === 413) {
      for (const statement of batch) single.add(statement.id)
      busy = false
      pump()
    } else {
      failed()
    }
  }

  function sendBatch(statements: ReadonlyArray<Statement>): void {
    const first = statements[0]!
    if (single.has(first.id)) {
      flying.add(first.id)
      void lrs.request('PUT', 'statements', {query: {statementId: first.id}, body: JSON.stringify(first), keepalive: true})
        .then((response) => delivered([first], response.status))
      return
    }
    const batch: Statement[] = []
    let size = 2
    for (const statement of statements) {
      const length = JSON.stringify(statement).length + 1
      if (batch.length > 0 && (batch.length >= maxBatch || size + length > keepaliveLimit || single.has(statement.id))) break
      batch.push(statement)
      size += length
    }
    for (const statement of batch) flying.add(statement.id)
    void lrs.request('POST', 'statements', {body: JSON.stringify(batch), keepalive: true})
      .then((response) => delivered(batch, response.status))
  }

  function sendDocument(document: StoredDocument): void {
    void lrs.request('PUT', document.resource, {query: document.query, body: JSON.stringify(document.body), keepalive: true})
      .then((response) => {
        if (response.status === 401 || response.status === 403) {
          busy = false
          stop(response.status)
          return
        }
        if ((response.status >= 200 && response.status < 300) || response.status === 400 || response.status === 409) {
          if (response.status === 400 || response.status === 409) report({key: 'notice.lrsRejected', values: {code: String(response.status)}})
          update((data) => {
            const current = data.documents[document.key]
            if (!current || current.rev !== document.rev) return data
            return {...data, documents: {...data.documents, [document.key]: {...current, pending: false}}}
          })
          succeeded()
          return
        }
        failed()
      })
  }

  function pump(): void {
    if (busy || stopped || timer !== undefined) return
    const data = load()
    const statements = data.statements.filter((statement) => !flying.has(statement.id))
    if (statements.length > 0) {
      busy = true
      sendBatch(statements)
      return
    }
    const document = Object.values(data.documents).find((entry) => entry.pending)
    if (document) {
      busy = true
      sendDocument(document)
      return
    }
    if (data.statements.length === 0) settled(true)
  }

  env.on('online', () => {
    if (timer !== undefined) env.clearTimeout(timer)
    timer = undefined
    pump()
  })

  const outbox: Outbox = {
    send(statement) {
      update((data) => ({...data, statements: [...data.statements, statement]}))
      pump()
    },
    put(write) {
      update((data) => {
        const current = data.documents[write.key]
        if (current && JSON.stringify(current.body) === JSON.stringify(write.body) && JSON.stringify(current.query) === JSON.stringify(write.query)) return data
        return {...data, documents: {...data.documents, [write.key]: {...write, rev: (current?.rev ?? 0) + 1, pending: true}}}
      })
      pump()
    },
    document(name) {
      const document = load().documents[name]
      return document ? {body: document.body, pending: document.pending} : undefined
    },
    pending() {
      return load().statements
    },
    kick() {
      pump()
    },
    flushOnHide() {
      if (stopped) return
      const data = load()
      let budget = keepaliveLimit
      const batch: Statement[] = []
      for (const statement of data.statements) {
        if (flying.has(statement.id)) continue
        const length = JSON.stringify(statement).length + 1
        if (length > budget || batch.length >= maxBatch) break
        batch.push(statement)
        budget -= length
      }
      if (batch.length > 0) {
        for (const statement of batch) flying.add(statement.id)
        void lrs.request('POST', 'statements', {body: JSON.stringify(batch), keepalive: true}).then((response) => {
          for (const statement of batch) flying.delete(statement.id)
          if ((response.status >= 200 && response.status < 300) || (response.status === 409 && batch.length === 1)) remove(batch.map((statement) => statement.id))
          // Still here (the page stayed, or came back from the back-forward cache): carry on.
          pump()
        })
      }
      for (const document of Object.values(data.documents)) {
        const body = JSON.stringify(document.body)
        if (!document.pending || body.length > budget) continue
        budget -= body.length
        void lrs.request('PUT', document.resource, {query: document.query, body, keepalive: true})
      }
    },
    settle(milliseconds) {
      if (stopped) return Promise.resolve(false)
      return new Promise((resolve) => {
        const done = (value: boolean): void => {
          env.clearTimeout(limit)
          resolve(value)
        }
        const limit = env.setTimeout(() => {
          waiters = waiters.filter((waiter) => waiter !== done)
          resolve(false)
        }, milliseconds)
        waiters.push(done)
        if (timer !== undefined) {
          env.clearTimeout(timer)
          timer = undefined
        }
        pump()
      })
    }
  }

  pump()
  return outbox
}
