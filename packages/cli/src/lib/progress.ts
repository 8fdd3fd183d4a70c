import type {Io} from './io.js'

const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']

/** The live line: spinner, what was written so far, the elapsed time, the last file written. */
export function progressLine(written: number, elapsedMs: number, last: string | undefined, frame: number, columns = 80): string {
  const seconds = Math.floor(elapsedMs / 1000)
  const time = seconds >= 60 ? Math.floor(seconds / 60) + ' min ' + String(seconds % 60).padStart(2, '0') + ' s' : seconds + ' s'
  const line = frames[frame % frames.length] + ' building · ' + written + (written === 1 ? ' package' : ' packages') + ' written · ' + time + (last ? ' · ' + last : '')
  return line.length > columns - 1 ? line.slice(0, columns - 2) + '…' : line
}

/** A running progress line; `io` is what the command writes through, `stop` clears the line. */
export interface Progress {
  readonly io: Io
  stop(): void
}

/**
 * On a terminal, keep a live progress line at the bottom of standard error while a long command
 * runs: lines the command prints appear above it. Elsewhere (CI logs, pipes) nothing changes:
 * the command's own plain lines are the progress. `clock` and `every` are for tests.
 */
export function startProgress(io: Io, options?: {readonly clock?: () => number; readonly every?: number; readonly columns?: number} | null): Progress {
  if (!io.isTty) return {io, stop() {}}
  const clock = options?.clock ?? (() => performance.now())
  const started = clock()
  let written = 0
  let last: string | undefined
  let frame = 0
  let shown = false
  const clear = (): void => {
    if (shown) io.stderr('\r\u001B[2K')
    shown = false
  }
  const draw = (): void => {
    io.stderr('\r\u001B[2K' + progressLine(written, clock() - started, last, frame++, options?.columns))
    shown = true
  }
  const above = (write: (text: string) => void) => (text: string): void => {
    clear()
    write(text)
    draw()
  }
  const timer = setInterval(draw, options?.every ?? 120)
  timer.unref?.()
  return {
    io: {
      ...io,
      stdout: (text) => {
        for (const line of text.split('\n').filter(Boolean)) {
          written++
          last = line
        }
        above(io.stdout)(text)
      },
      stderr: above(io.stderr)
    },
    stop() {
      clearInterval(timer)
      clear()
    }
  }
}
