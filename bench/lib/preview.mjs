// The preview loop as an author lives it: start `coursemark preview` on a copy of a course, save
// one module again and again, and time each rebuild: as the preview reports it (read, compile,
// render) and as seen from outside (from the write until the preview says it rebuilt, which
// includes file watching and the preview's short wait for a burst of saves to settle).

import {spawn} from 'node:child_process'
import fs from 'node:fs/promises'
import path from 'node:path'
import {setTimeout as delay} from 'node:timers/promises'

const rebuilt = /changed: rebuilt in (\d+) ms \(read (\d+) ms, compile (\d+) ms, render (\d+) ms\)/

/**
 * @returns {Promise<{first: string | undefined, edits: Array<{reportedMs: number, readMs: number, compileMs: number, renderMs: number, latencyMs: number}>}>}
 */
export async function measurePreview(cli, course, work, {edits = 10, cwd} = {}) {
  const copy = path.join(work, 'preview-course')
  await fs.rm(copy, {recursive: true, force: true})
  await fs.cp(course, copy, {recursive: true})
  const modules = (await fs.readdir(path.join(copy, 'modules'))).sort()
  const edited = path.join(copy, 'modules', modules[Math.floor(modules.length / 2)])
  const original = await fs.readFile(edited, 'utf8')
  const child = spawn(process.execPath, [cli, 'preview', copy, '--port', '0'], {cwd, stdio: ['ignore', 'pipe', 'pipe']})
  let stdout = ''
  let stderr = ''
  const waiters = []
  const check = () => {
    for (const waiter of [...waiters]) {
      const match = waiter.test()
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve(match)
      }
    }
  }
  child.stdout.on('data', (chunk) => {
    stdout += chunk
    check()
  })
  child.stderr.on('data', (chunk) => {
    stderr += chunk
    check()
  })
  const exited = new Promise((resolve) => child.on('close', resolve))
  const waitFor = (test, timeout = 120_000) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Preview did not answer in time:\n' + stdout + stderr)), timeout)
    waiters.push({test, resolve: (value) => {
      clearTimeout(timer)
      resolve(value)
    }})
    check()
  })
  const results = []
  try {
    await waitFor(() => /Preview of .* at http/.test(stdout))
    const first = /Built in \d+ ms[^\n]*/.exec(stderr)?.[0]
    for (let edit = 0; edit < edits; edit++) {
      await delay(400)
      const seen = (stderr.match(new RegExp(rebuilt.source, 'g')) ?? []).length
      const start = performance.now()
      await fs.writeFile(edited, original.replace('## ', '## Edit ' + edit + ' '))
      const match = await waitFor(() => {
        const all = [...stderr.matchAll(new RegExp(rebuilt.source, 'g'))]
        return all.length > seen ? all[all.length - 1] : undefined
      })
      results.push({reportedMs: Number(match[1]), readMs: Number(match[2]), compileMs: Number(match[3]), renderMs: Number(match[4]), latencyMs: performance.now() - start})
    }
    return {first, edits: results}
  } finally {
    child.kill('SIGTERM')
    await Promise.race([exited, delay(5000)])
    if (child.exitCode === null) child.kill('SIGKILL')
    await fs.rm(copy, {recursive: true, force: true})
  }
}
