// Read the central directory of a zip (no extraction): entries with compressed and
// uncompressed sizes. Enough for the benchmark's size accounting; no zip64.

/** @returns {{size: number, entries: Array<{name: string, compressed: number, size: number}>}} */
export function zipEntries(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let end = -1
  for (let offset = bytes.length - 22; offset >= Math.max(0, bytes.length - 22 - 65535); offset--) {
    if (view.getUint32(offset, true) === 0x06054b50) {
      end = offset
      break
    }
  }
  if (end < 0) throw new Error('Not a zip: no end of central directory')
  const count = view.getUint16(end + 10, true)
  let offset = view.getUint32(end + 16, true)
  const decoder = new TextDecoder()
  const entries = []
  for (let index = 0; index < count; index++) {
    if (view.getUint32(offset, true) !== 0x02014b50) throw new Error('Broken central directory at ' + offset)
    const compressed = view.getUint32(offset + 20, true)
    const size = view.getUint32(offset + 24, true)
    const nameLength = view.getUint16(offset + 28, true)
    const extraLength = view.getUint16(offset + 30, true)
    const commentLength = view.getUint16(offset + 32, true)
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength))
    entries.push({name, compressed, size})
    offset += 46 + nameLength + extraLength + commentLength
  }
  return {size: bytes.length, entries}
}

/** Sort zip entries into what a package is made of, in compressed bytes. */
export function packageComposition(info, media) {
  const parts = {media: 0, course: 0, player: 0, manifest: 0, zipStructure: 0}
  let compressed = 0
  for (const entry of info.entries) {
    compressed += entry.compressed
    if (media.has(entry.name)) parts.media += entry.compressed
    else if (entry.name === 'index.html' || entry.name === 'course.js') parts.course += entry.compressed
    else if (entry.name.startsWith('assets/')) parts.player += entry.compressed
    else parts.manifest += entry.compressed
  }
  parts.zipStructure = info.size - compressed
  return parts
}
