/**
 * What the xAPI and cmi5 adapters need from the browser, handed in by `main.ts` (the only file
 * that touches the window and the clock), so everything else runs against fakes in tests.
 */

/** The part of `Storage` the runtime uses. */
export interface KeyValueStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

/** Browser services for talking to an LRS. */
export interface Environment {
  /** `window.fetch`. */
  readonly fetch: (url: string, init: RequestInit) => Promise<Response>
  readonly setTimeout: (run: () => void, milliseconds: number) => unknown
  readonly clearTimeout: (handle: unknown) => void
  /** The clock: milliseconds since the epoch. */
  readonly now: () => number
  /** A new random UUID (`crypto.randomUUID`). */
  readonly uuid: () => string
  /** `localStorage` (survives reloads), when the browser gives one. */
  readonly storage: KeyValueStore | undefined
  /** `sessionStorage` (this tab only), when the browser gives one. */
  readonly session: KeyValueStore | undefined
  /** The launch URL. */
  readonly href: string
  /** Leave the course for another page (cmi5 `returnURL`). */
  readonly navigate: (url: string) => void
  /** Listen to `pagehide` and `online` of the window. */
  readonly on: (event: 'pagehide' | 'online', listener: () => void) => void
}
