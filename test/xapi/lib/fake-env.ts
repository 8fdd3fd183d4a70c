// A browser environment for the delivery and adapter unit tests: a scripted LRS (`answer`
// decides each response), manual timers, in-memory storages, a clock that moves when told.
import type {Environment, KeyValueStore} from '../../../packages/runtime/src/lib/delivery/environment.js'

/** A request the runtime made. */
export interface SentRequest {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | undefined
  readonly keepalive: boolean
}

/** What the scripted LRS answers: a status (and body), or `'offline'` for no answer. */
export type Answer = number | {readonly status: number; readonly body?: string} | 'offline'

export interface FakeEnv extends Environment {
  readonly requests: SentRequest[]
  readonly storage: KeyValueStore & {readonly data: Map<string, string>}
  readonly session: KeyValueStore & {readonly data: Map<string, string>}
  /** Decide the answer to each request (default: 204, GET 404). */
  answer: (request: SentRequest) => Answer
  /** Run due timers after moving the clock; let pending promises settle. */
  advance(milliseconds: number): Promise<void>
  /** Let pending promises settle. */
  flush(): Promise<void>
  /** Fire a window event (`pagehide`, `online`). */
  fire(event: 'pagehide' | 'online'): void
  navigated: string[]
}

export function memoryStore(): KeyValueStore & {readonly data: Map<string, string>} {
  const data = new Map<string, string>()
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key)
  }
}

export function fakeEnv(options?: {readonly href?: string; readonly storage?: KeyValueStore & {readonly data: Map<string, string>}; readonly start?: number}): FakeEnv {
  let time = options?.start ?? Date.UTC(2024, 4, 1, 9, 0, 0)
  let nextTimer = 1
  let ids = 0
  const timers = new Map<number, {at: number; run: () => void}>()
  const listeners = new Map<string, Array<() => void>>()
  const requests: SentRequest[] = []
  const settle = async (): Promise<void> => {
    for (let round = 0; round < 20; round++) await new Promise((resolve) => setImmediate(resolve))
  }
  const env: FakeEnv = {
    requests,
    storage: options?.storage ?? memoryStore(),
    session: memoryStore(),
    navigated: [],
    answer: (request) => (request.method === 'GET' ? 404 : 204),
    href: options?.href ?? 'https://lms.example.org/content/index.html',
    now: () => time,
    uuid: () => {
      ids++
      return '00000000-0000-4000-8000-' + String(ids).padStart(12, '0')
    },
    setTimeout(run, milliseconds) {
      const id = nextTimer++
      timers.set(id, {at: time + milliseconds, run})
      return id
    },
    clearTimeout(handle) {
      timers.delete(handle as number)
    },
    async fetch(url, init) {
      const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([name, value]) => [name.toLowerCase(), value]))
      const request: SentRequest = {method: init.method ?? 'GET', url: new URL(url), headers, body: typeof init.body === 'string' ? init.body : undefined, keepalive: init.keepalive === true}
      requests.push(request)
      await Promise.resolve()
      const answer = env.answer(request)
      if (answer === 'offline') throw new TypeError('Failed to fetch')
      const {status, body} = typeof answer === 'number' ? {status: answer, body: ''} : answer
      return new Response(status === 204 ? null : body ?? '', {status})
    },
    navigate(url) {
      env.navigated.push(url)
    },
    on(event, listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener])
    },
    async advance(milliseconds) {
      const end = time + milliseconds
      for (;;) {
        await settle()
        const due = [...timers.entries()].filter(([, timer]) => timer.at <= end).sort((a, b) => a[1].at - b[1].at)[0]
        if (!due) break
        timers.delete(due[0])
        time = Math.max(time, due[1].at)
        due[1].run()
      }
      time = end
      await settle()
    },
    flush: settle,
    fire(event) {
      for (const listener of listeners.get(event) ?? []) listener()
    }
  }
  return env
}
