// Run a command as a child process and measure it: wall time (from the parent), CPU time
// (user + system) and peak RSS of the child (from GNU time, `/usr/bin/time -f`).

import {spawn, spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const gnuTime = '/usr/bin/time'

/** Make sure GNU time is there; install it with apt when missing and running as root. */
export function ensureGnuTime(log) {
  if (fs.existsSync(gnuTime)) return true
  if (process.getuid?.() === 0) {
    log('Installing GNU time (Debian package `time`) to measure child processes…')
    const result = spawnSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time'], {stdio: 'inherit'})
    if (result.status === 0 && fs.existsSync(gnuTime)) return true
  }
  log('GNU time is missing: CPU and peak RSS of child processes are measured from inside the child instead.')
  return false
}

let counter = 0

/**
 * Run `node …args` and measure it.
 * @returns {Promise<{wallMs: number, cpuMs: number, userMs: number, systemMs: number, maxRssKb: number, code: number, stdout: string, stderr: string}>}
 */
export async function measureNode(args, options = {}) {
  const report = path.join(os.tmpdir(), 'coursemark-bench-' + process.pid + '-' + counter++ + '.txt')
  const haveTime = fs.existsSync(gnuTime)
  const command = haveTime ? gnuTime : process.execPath
  // Without GNU time, a preload writes the child's own process.resourceUsage() on exit.
  const argv = haveTime
    ? ['-o', report, '-f', '%e %U %S %M', process.execPath, ...(options.nodeOptions ?? []), ...args]
    : [...(options.nodeOptions ?? []), '--import', new URL('./rusage.mjs', import.meta.url).href, ...args]
  const env = {...process.env, ...options.env, COURSEMARK_BENCH_RUSAGE: report}
  const start = process.hrtime.bigint()
  const child = spawn(command, argv, {cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe']})
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  child.stderr.on('data', (chunk) => (stderr += chunk))
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (status) => resolve(status ?? 1))
  })
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6
  let userMs = NaN
  let systemMs = NaN
  let maxRssKb = NaN
  try {
    const text = fs.readFileSync(report, 'utf8').trim().split('\n').at(-1)
    if (haveTime) {
      const [, user, system, rss] = text.split(' ').map(Number)
      userMs = user * 1000
      systemMs = system * 1000
      maxRssKb = rss
    } else {
      const usage = JSON.parse(text)
      userMs = usage.userCPUTime / 1000
      systemMs = usage.systemCPUTime / 1000
      maxRssKb = usage.maxRSS
    }
    fs.rmSync(report, {force: true})
  } catch {
    // The child died before writing: leave NaN.
  }
  if (code !== 0 && !options.allowFailure) {
    throw new Error('`node ' + args.join(' ') + '` exited with ' + code + ':\n' + stderr.slice(-2000))
  }
  return {wallMs, cpuMs: userMs + systemMs, userMs, systemMs, maxRssKb, code, stdout, stderr}
}
