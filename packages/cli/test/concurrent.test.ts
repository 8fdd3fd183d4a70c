import {expect, test} from 'vitest'
import {mapConcurrent} from '../src/lib/concurrent.js'

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

test('results come in the order of the items, with at most `limit` calls in flight', async () => {
  let inFlight = 0
  let most = 0
  const results = await mapConcurrent([5, 1, 4, 2, 3, 0, 6], 3, async (ms) => {
    inFlight++
    most = Math.max(most, inFlight)
    await tick(ms)
    inFlight--
    return ms * 10
  })
  expect(results).toEqual([50, 10, 40, 20, 30, 0, 60])
  expect(most).toBe(3)
})

test('after a failure no call starts, and the error comes once every call in flight has finished', async () => {
  const started: number[] = []
  const finished: number[] = []
  const run = mapConcurrent([0, 1, 2, 3, 4, 5], 2, async (item) => {
    started.push(item)
    if (item === 1) throw new Error('item 1 failed')
    await tick(20)
    finished.push(item)
    return item
  })
  await expect(run).rejects.toThrow('item 1 failed')
  // Item 0 was in flight when item 1 failed: it finished before the error was thrown.
  expect(finished).toContain(0)
  expect(started.length).toBeLessThan(6)
})
