import {createHash} from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import {writeAtomic} from './write-atomic.js'

/** Name of the checksum file written next to the packages. */
export const checksumFile = 'SHA256SUMS'

/** One line of a checksum file. */
export interface Checksum {
  /** File name relative to the checksum file, `/`-separated. */
  readonly name: string
  /** Lowercase hex SHA-256 of the file's bytes. */
  readonly sha256: string
}

/**
 * The text of a `SHA256SUMS` file in the format of GNU `sha256sum` (`<hex>  <name>`, binary-safe,
 * checked with `sha256sum -c SHA256SUMS`), sorted by name so the same files give the same text.
 */
export function formatChecksums(entries: ReadonlyArray<Checksum>): string {
  return [...entries]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((entry) => entry.sha256 + '  ' + entry.name + '\n')
    .join('')
}

/** SHA-256 of bytes, as lowercase hex. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/**
 * Write `<folder>/SHA256SUMS` listing the given files (paths inside `folder`), read back from
 * disk so the sums are of what was written. Returns the path written, or `undefined` when
 * there is nothing to list (an existing checksum file is then left as it was).
 */
export async function writeChecksums(folder: string, files: ReadonlyArray<string>): Promise<string | undefined> {
  const unique = [...new Set(files.map((file) => path.resolve(folder, file)))]
  if (unique.length === 0) return undefined
  const entries: Checksum[] = []
  for (const file of unique) {
    const name = path.relative(folder, file).split(path.sep).join('/')
    if (name.startsWith('../') || path.isAbsolute(name)) throw new Error('Cannot list ' + file + ' in the checksums of ' + folder + ': it is outside that folder')
    entries.push({name, sha256: sha256(new Uint8Array(await fs.readFile(file)))})
  }
  const out = path.join(folder, checksumFile)
  const text = formatChecksums(entries)
  // The same sums as before (nothing was built again): the file is left as it is.
  if ((await fs.readFile(out, 'utf8').catch(() => undefined)) !== text) await writeAtomic(out, new TextEncoder().encode(text))
  return out
}
