/** The edges a command may touch, injected so commands can be run in tests. */
export interface Io {
  readonly cwd: string
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  /** Whether stderr is a terminal (for live progress lines). */
  readonly isTty: boolean
}

/** A controlled exit with a code (1: author errors, 2: usage). */
export class ExitError extends Error {
  readonly code: number
  constructor(code: number) {
    super('exit ' + code)
    this.code = code
  }
}
