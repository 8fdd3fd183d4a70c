import {describe, expect, test, vi} from 'vitest'
import {progressLine, startProgress} from '../../packages/cli/dist/lib/progress.js'
import {runCli, copyToTemp} from '../helpers/cli.js'
import path from 'node:path'

function fakeIo(isTty: boolean) {
  const out: string[] = []
  const err: string[] = []
  return {io: {cwd: '/', isTty, stdout: (text: string) => void out.push(text), stderr: (text: string) => void err.push(text)}, out, err}
}

describe('progress', () => {
  test('progressLine: count, elapsed time, last file; cut to the terminal width', () => {
    expect(progressLine(0, 400, undefined, 0)).toBe('⠋ building · 0 packages written · 0 s')
    expect(progressLine(1, 61_000, 'dist/a.zip', 1)).toBe('⠙ building · 1 package written · 1 min 01 s · dist/a.zip')
    expect(progressLine(3, 5000, 'dist/' + 'x'.repeat(200), 2, 40)).toHaveLength(39)
  })

  test('on a terminal: a live line on stderr that stays below the printed lines, cleared at the end', () => {
    vi.useFakeTimers()
    try {
      let now = 0
      const {io, out, err} = fakeIo(true)
      const progress = startProgress(io, {clock: () => now, every: 100})
      now = 250
      vi.advanceTimersByTime(250)
      expect(err.at(-1)).toBe('\r\u001B[2K⠙ building · 0 packages written · 0 s')
      progress.io.stdout('dist/a.zip\n')
      expect(out).toEqual(['dist/a.zip\n'])
      expect(err.at(-1)).toMatch(/^\r\u001B\[2K⠹ building · 1 package written · 0 s · dist\/a\.zip$/)
      now = 2400
      vi.advanceTimersByTime(100)
      expect(err.at(-1)).toContain('· 2 s ·')
      progress.stop()
      expect(err.at(-1)).toBe('\r\u001B[2K')
      const count = err.length
      vi.advanceTimersByTime(1000)
      expect(err.length).toBe(count)
    } finally {
      vi.useRealTimers()
    }
  })

  test('not a terminal: output is unchanged, no control characters', async () => {
    const {io, out, err} = fakeIo(false)
    const progress = startProgress(io)
    expect(progress.io).toBe(io)
    progress.io.stdout('dist/a.zip\n')
    progress.stop()
    expect(out).toEqual(['dist/a.zip\n'])
    expect(err).toEqual([])
    // The real command in a pipe: one plain line per package, nothing else on stderr.
    const course = await copyToTemp('examples/all-question-types')
    const result = await runCli(['build', 'all-question-types', '--target', 'scorm12,web', '--out', 'dist'], {cwd: path.dirname(course)})
    expect(result.stdout).toBe('dist/all-question-types-1.0.0-en-scorm12.zip\ndist/all-question-types-1.0.0-en-web/\n')
    expect(result.stderr).not.toMatch(/\u001B/)
  })
})
