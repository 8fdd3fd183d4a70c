import {once} from 'node:events'
import archiver from 'archiver'

// A local-time constructor: archiver writes DOS local-time fields, so every time zone gets the same bytes.
const dosEpoch = new Date(1980, 0, 1, 0, 0, 0)

/**
 * Zip a file set deterministically: entries sorted by path, fixed dates and modes, maximum
 * compression. Same files in, byte-identical zip out, in any time zone. No file system access.
 */
export async function zip(files: ReadonlyMap<string, Uint8Array>): Promise<Uint8Array> {
  const archive = archiver('zip', {zlib: {level: 9}})
  const chunks: Buffer[] = []
  archive.on('data', (chunk: Buffer) => chunks.push(chunk))
  const ended = once(archive, 'end')
  for (const name of [...files.keys()].sort()) {
    archive.append(Buffer.from(files.get(name)!), {name, date: dosEpoch, mode: 0o644})
  }
  await archive.finalize()
  await ended
  return new Uint8Array(Buffer.concat(chunks))
}
