/**
 * A small bit stream written as, and read from, base64url text (6 bits a character).
 * Trailing zero bits are not written: a reader returns zeros past the end.
 */

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** Number of bits needed for values from 0 to `max`. */
export function widthOf(max: number): number {
  let width = 0
  while (max > 0) {
    width++
    max = Math.floor(max / 2)
  }
  return width
}

export interface BitWriter {
  /** Write `value` (0 ≤ value ≤ max) in the fewest bits `max` needs. */
  bounded(value: number, max: number): void
  /** Write an unsigned integer of any size (3 bits a group, plus a continuation bit). */
  unsigned(value: number): void
  bit(value: boolean): void
  /** The text so far. */
  toString(): string
}

export interface BitReader {
  bounded(max: number): number
  unsigned(): number
  bit(): boolean
}

export function createBitWriter(): BitWriter {
  const bits: number[] = []
  function write(value: number, width: number): void {
    for (let shift = width - 1; shift >= 0; shift--) bits.push(Math.floor(value / 2 ** shift) % 2)
  }
  return {
    bounded(value, max) {
      write(Math.min(Math.max(0, Math.floor(value)), max), widthOf(max))
    },
    unsigned(value) {
      let rest = Math.max(0, Math.floor(value))
      do {
        write(rest % 8, 3)
        rest = Math.floor(rest / 8)
        bits.push(rest > 0 ? 1 : 0)
      } while (rest > 0)
    },
    bit(value) {
      bits.push(value ? 1 : 0)
    },
    toString() {
      let end = bits.length
      while (end > 0 && bits[end - 1] === 0) end--
      let text = ''
      for (let start = 0; start < end; start += 6) {
        let value = 0
        for (let offset = 0; offset < 6; offset++) value = value * 2 + (bits[start + offset] ?? 0)
        text += alphabet.charAt(value)
      }
      return text
    }
  }
}

/** Read a bit stream; `undefined` when `text` has characters outside base64url. */
export function createBitReader(text: string): BitReader | undefined {
  const values: number[] = []
  for (const character of text) {
    const value = alphabet.indexOf(character)
    if (value === -1) return undefined
    values.push(value)
  }
  let position = 0
  function read(width: number): number {
    let value = 0
    for (let index = 0; index < width; index++) {
      const chunk = values[Math.floor(position / 6)] ?? 0
      value = value * 2 + (Math.floor(chunk / 2 ** (5 - (position % 6))) % 2)
      position++
    }
    return value
  }
  return {
    bounded(max) {
      return read(widthOf(max))
    },
    unsigned() {
      let value = 0
      let factor = 1
      let more = true
      while (more && factor < 2 ** 48) {
        value += read(3) * factor
        factor *= 8
        more = read(1) === 1
      }
      return value
    },
    bit() {
      return read(1) === 1
    }
  }
}
