import fs from 'node:fs/promises'
import path from 'node:path'

/** Write a file so that `out` is either the old file or the complete new one, never half-written. */
export async function writeAtomic(out: string, bytes: Uint8Array): Promise<void> {
  await fs.mkdir(path.dirname(out), {recursive: true})
  const temporary = path.join(path.dirname(out), '.' + path.basename(out) + '.' + process.pid + '.partial')
  try {
    await fs.writeFile(temporary, bytes)
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
  const temporary = path.join(parent, '.' + path.basename(out) + '.' + process.pid + '.partial')
  const old = path.join(parent, '.' + path.basename(out) + '.' + process.pid + '.old')
  await fs.rm(temporary, {recursive: true, force: true})
  try {
    for (const [name, bytes] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
      const target = path.join(temporary, ...name.split('/'))
      await fs.mkdir(path.dirname(target), {recursive: true})
      await fs.writeFile(target, bytes)
    }
    const existed = await fs.rename(out, old).then(() => true, () => false)
    await fs.rename(temporary, out)
    if (existed) await fs.rm(old, {recursive: true, force: true})
  } catch (error) {
    await fs.rm(temporary, {recursive: true, force: true})
    throw error
  }
}
