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

/**
 * A random (version 4) UUID from 16 random bytes. Browsers have `crypto.randomUUID` only in
 * secure contexts, and LMSs on plain-http intranets are not one; `getRandomValues` works everywhere.
 */
export function uuidFromBytes(bytes: Uint8Array): string {
  const hex = Array.from(bytes.slice(0, 16), (byte, index) => {
    const value = index === 6 ? (byte & 0x0f) | 0x40 : index === 8 ? (byte & 0x3f) | 0x80 : byte
    return (value + 0x100).toString(16).slice(1)
  }).join('')
  return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20)
}
