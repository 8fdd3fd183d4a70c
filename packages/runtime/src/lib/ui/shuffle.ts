import {hash} from '../hash.js'

/**
 * Indexes `0…count-1` in a stable pseudo-random order seeded by `seed` (the same order at
 * every launch), never in the original order when there are two or more.
 */
export function shuffledIndexes(count: number, seed: string): number[] {
  const order = Array.from({length: count}, (_, index) => index)
  let state = hash(seed) || 1
  const random = (): number => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  for (let index = count - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1))
    const swap = order[index] as number
    order[index] = order[other] as number
    order[other] = swap
  }
  if (count > 1 && order.every((value, index) => value === index)) order.push(order.shift() as number)
  return order
}
