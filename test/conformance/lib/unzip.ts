/** Read a zip archive into a file map (stored and deflated entries, as `zip` of @coursemark/export writes them). */

import zlib from 'node:zlib'

/**
 * Read every file entry of a zip archive.
 *
 * @param bytes
 *   The archive.
 * @returns
 *   Entry name → bytes, in central directory order (directory entries left out).
 */
export function unzip(bytes: Uint8Array): Map<string, Uint8Array> {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let end = view.length - 22
  while (end >= 0 && view.readUInt32LE(end) !== 0x06054b50) end--
  if (end < 0) throw new Error('Not a zip archive: no end of central directory')
  const count = view.readUInt16LE(end + 10)
  let offset = view.readUInt32LE(end + 16)
  const files = new Map<string, Uint8Array>()

  for (let index = 0; index < count; index++) {
    if (view.readUInt32LE(offset) !== 0x02014b50) throw new Error('Bad central directory entry')
    const method = view.readUInt16LE(offset + 10)
    const crc = view.readUInt32LE(offset + 16)
    const compressedSize = view.readUInt32LE(offset + 20)
    const size = view.readUInt32LE(offset + 24)
    const nameLength = view.readUInt16LE(offset + 28)
    const extraLength = view.readUInt16LE(offset + 30)
    const commentLength = view.readUInt16LE(offset + 32)
    const local = view.readUInt32LE(offset + 42)
    const name = view.toString('utf8', offset + 46, offset + 46 + nameLength)
    offset += 46 + nameLength + extraLength + commentLength

    if (view.readUInt32LE(local) !== 0x04034b50) throw new Error('Bad local header for ' + name)
    const start = local + 30 + view.readUInt16LE(local + 26) + view.readUInt16LE(local + 28)
    const data = view.subarray(start, start + compressedSize)
    if (name.endsWith('/')) continue
    const content = method === 0 ? data : method === 8 ? zlib.inflateRawSync(data) : undefined
    if (!content) throw new Error('Unsupported compression method ' + String(method) + ' for ' + name)
    if (content.length !== size) throw new Error('Wrong size for ' + name)
    if (zlib.crc32(content) !== crc) throw new Error('Wrong CRC-32 for ' + name)
    if (files.has(name)) throw new Error('Duplicate entry ' + name)
    files.set(name, new Uint8Array(content))
  }

  return files
}
