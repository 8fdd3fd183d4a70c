/** Files read or written at once: enough to keep the disk busy, few enough to stay far from the limit on open files. */
export const fileConcurrency = 32

/**
 * `fn` over every item with at most `limit` calls in flight; results in the order of `items`.
 * For file I/O: many files at once keep the disk busy, and a limit keeps file handles in bounds.
 * When a call fails, no new call starts, and the first error is thrown once every call in flight
 * has finished (so the caller can clean up after all of them).
 */
export async function mapConcurrent<T, R>(items: ReadonlyArray<T>, limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  let failed = false
  const lane = async (): Promise<void> => {
    for (let index = next++; index < items.length && !failed; index = next++) {
      try {
        results[index] = await fn(items[index]!)
      } catch (error) {
        failed = true
        throw error
      }
    }
  }
  const settled = await Promise.allSettled(Array.from({length: Math.max(1, Math.min(limit, items.length))}, lane))
  const failure = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected')
  if (failure) throw failure.reason
  return results
}
