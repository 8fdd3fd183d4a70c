import fs from 'node:fs/promises'
import path from 'node:path'
import {fileConcurrency, mapConcurrent} from './concurrent.js'

/** Write a file so that `out` is either the old file or the complete new one, never half-written. */
export async function writeAtomic(out: string, bytes: Uint8Array): Promise<void> {
  await fs.mkdir(path.dirname(out), {recursive: true})
  await recover(out)
  const temporary = path.join(path.dirname(out), '.' + path.basename(out) + '.' + process.pid + '.partial')
  try {
    await writeDurably(temporary, bytes)
    await fs.rename(temporary, out)
  } catch (error) {
    await fs.rm(temporary, {force: true})
    throw error
  }
}

/** Write a folder of files so that `out` is either the old folder or the complete new one. */
export async function writeFolderAtomic(out: string, files: ReadonlyMap<string, Uint8Array>): Promise<void> {
  const parent = path.dirname(out)
  await fs.mkdir(parent, {recursive: true})
  await recover(out)
  const temporary = path.join(parent, '.' + path.basename(out) + '.' + process.pid + '.partial')
  const old = path.join(parent, '.' + path.basename(out) + '.' + process.pid + '.old')
  await fs.rm(temporary, {recursive: true, force: true})
  let moved = false
  try {
    const entries = [...files].sort(([a], [b]) => a.localeCompare(b)).map(([name, bytes]) => [path.join(temporary, ...name.split('/')), bytes] as const)
    for (const folder of new Set(entries.map(([target]) => path.dirname(target)))) await fs.mkdir(folder, {recursive: true})
    // Many files at once: each is flushed to disk before the rename, and flushes overlap.
    await mapConcurrent(entries, fileConcurrency, ([target, bytes]) => writeDurably(target, bytes))
    moved = await fs.rename(out, old).then(() => true, () => false)
    await fs.rename(temporary, out)
    if (moved) await fs.rm(old, {recursive: true, force: true})
  } catch (error) {
    await fs.rm(temporary, {recursive: true, force: true})
    // The new folder could not take the old one's place: put the old one back.
    if (moved && !(await exists(out))) await fs.rename(old, out).catch(() => undefined)
    throw error
  }
}

/** Write the bytes and flush them to the disk, so a rename never publishes a file whose data is not there yet. */
async function writeDurably(file: string, bytes: Uint8Array): Promise<void> {
  const handle = await fs.open(file, 'w')
  try {
    await handle.writeFile(bytes)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/**
 * Clean up after a build that was killed (Ctrl-C, SIGKILL, power loss) while writing `out`:
 * its `.<name>.<pid>.partial` leftovers are removed, and a `.<name>.<pid>.old` (the previous
 * package, moved aside in the instant before the new folder took its place) is put back when
 * `out` is missing. Leftovers of a process that is still running are left alone.
 */
async function recover(out: string): Promise<void> {
  const parent = path.dirname(out)
  const prefix = '.' + path.basename(out) + '.'
  const names = await fs.readdir(parent).catch(() => [] as string[])
  for (const name of names) {
    if (!name.startsWith(prefix)) continue
    const match = /^(\d+)\.(partial|old)$/.exec(name.slice(prefix.length))
    if (!match) continue
    const pid = Number(match[1])
    if (pid === process.pid || isRunning(pid)) continue
    const leftover = path.join(parent, name)
    if (match[2] === 'old' && !(await exists(out))) await fs.rename(leftover, out).catch(() => undefined)
    else await fs.rm(leftover, {recursive: true, force: true})
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.lstat(file).then(() => true, () => false)
}
