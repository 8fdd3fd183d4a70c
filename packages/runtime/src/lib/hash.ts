/** FNV-1a 32-bit hash of a string, as an unsigned integer. */
export function hash(value: string): number {
  let h = 0x811c9dc5
  for (let index = 0; index < value.length; index++) {
    h ^= value.charCodeAt(index)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h >>> 0
}
