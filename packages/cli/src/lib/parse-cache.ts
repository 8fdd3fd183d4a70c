import {createHash} from 'node:crypto'
import {existsSync} from 'node:fs'
import fs from 'node:fs/promises'
import {promisify} from 'node:util'
import {Worker} from 'node:worker_threads'
import zlib from 'node:zlib'
import {parseMarkdown, type ParseResult} from '@coursemark/syntax'
import {writeAtomic} from './write-atomic.js'

const gzip = promisify(zlib.gzip)
const gunzip = promisify(zlib.gunzip)

/** First line of a parse cache file; the toolkit key follows it on the same line. */
const header = 'coursemark parse cache 1'

/**
 * Parsed Markdown kept between builds: parsing is most of a build (about 8 ms a module), and
 * reading a module's tree back takes a fraction of a millisecond. `parse` gives what
 * `parseMarkdown` gives, as a new object on every call; `save` writes the trees of the texts
 * parsed since `openParseCache`, and only those, so the file holds the course as it is now.
 *
 * The file is gzip'd text: a header line with the toolkit key, then one line per text, its
 * SHA-256 and its tree as JSON (JSON text has no raw line breaks). A file of another toolkit,
 * or one that cannot be read, counts as empty.
 */
export interface ParseCache {
  readonly parse: (text: string) => ParseResult
  /**
   * Parse the texts not in the cache ahead of time, on `threads` worker threads, when there is
   * enough of them to pay for starting the threads (`minBytes`); otherwise `parse` parses each
   * when asked.
   */
  readonly prefetch: (texts: Iterable<string>, options: PrefetchOptions) => Promise<void>
  /** Write the trees used since opening (atomically); without a file, or when the file holds just those, nothing. */
  readonly save: () => Promise<void>
  /** Texts read back from the file (or parsed ahead), and texts parsed when asked, since opening. */
  readonly stats: {reused: number; parsed: number}
}

/** Configuration for `ParseCache.prefetch`. */
export interface PrefetchOptions {
  /** Worker threads to parse on (below 2, none: parsing on one other thread does not pay). */
  readonly threads: number
  /** Least Markdown, in bytes, worth starting threads for (default: `prefetchBytes`). */
  readonly minBytes?: number | null | undefined
}

/**
 * Markdown worth parsing on threads: about 350 modules. Since the fast path (`parseMarkdown` on
 * @lezer/markdown), parsing a tree costs about six times what reading its JSON back costs on this
 * thread; `build` parses on threads only with more than two cores: on two, the 1000-module bench
 * course builds faster without (6.7 s against 7.7 s).
 */
export const prefetchBytes = 2 * 1024 * 1024

/** Open the parse cache kept in `file`, for a toolkit; without a file, one that only lives in memory. */
export async function openParseCache(file: string | undefined, toolkit: string): Promise<ParseCache> {
  const stored = new Map<string, string>()
  const bytes = file === undefined ? undefined : await fs.readFile(file).catch(() => undefined)
  if (bytes) {
    const text = await gunzip(bytes).then((raw) => raw.toString('utf8'), () => '')
    const lines = text.split('\n')
    if (lines[0] === header + ' ' + toolkit) {
      for (const line of lines.slice(1)) {
        const tab = line.indexOf('\t')
        if (tab === 64) stored.set(line.slice(0, tab), line.slice(tab + 1))
      }
    }
  }
  /** Texts in the file as read: a save that would write them again, and nothing else, is skipped. */
  const inFile = new Set(stored.keys())
  const used = new Map<string, string>()
  const stats = {reused: 0, parsed: 0}
  const keyOf = (text: string): string => createHash('sha256').update(text).digest('hex')
  return {
    stats,
    async prefetch(texts: Iterable<string>, options: PrefetchOptions): Promise<void> {
      const missing = new Map<string, string>()
      for (const text of texts) {
        const key = keyOf(text)
        if (!stored.has(key) && !used.has(key)) missing.set(key, text)
      }
      let size = 0
      for (const text of missing.values()) size += text.length
      if (options.threads < 2 || size < (options.minBytes ?? prefetchBytes)) return
      const keys = [...missing.keys()]
      const trees = await parseOnThreads(keys.map((key) => missing.get(key)!), options.threads)
      keys.forEach((key, index) => {
        if (trees[index] !== undefined) stored.set(key, trees[index]!)
      })
    },
    parse(text: string): ParseResult {
      const key = keyOf(text)
      const json = used.get(key) ?? stored.get(key)
      if (json !== undefined) {
        try {
          const result = JSON.parse(json) as ParseResult
          used.set(key, json)
          stats.reused++
          return result
        } catch {
          // A damaged line: parse the text again.
        }
      }
      const result = parseMarkdown(text)
      // Kept for the file only: a cache without one has nothing to write (and a text met again
      // is parsed again, as a new object).
      if (file !== undefined) used.set(key, JSON.stringify(result))
      stats.parsed++
      return result
    },
    async save(): Promise<void> {
      if (file === undefined) return
      if (used.size === inFile.size && [...used.keys()].every((key) => inFile.has(key))) return
      const lines = [header + ' ' + toolkit, ...[...used].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([key, json]) => key + '\t' + json)]
      await writeAtomic(file, new Uint8Array(await gzip(lines.join('\n') + '\n', {level: 1})))
    }
  }
}

/** Where the parse thread's code is: the bundle's own file, or the one tsc built. */
function parseWorkerUrl(): URL {
  const bundled = new URL('../parse-worker.mjs', import.meta.url)
  return existsSync(bundled) ? bundled : new URL('./parse-worker.js', import.meta.url)
}

/**
 * Parse `texts` on `threads` worker threads, a few at a time so that the threads finish together;
 * the trees as JSON, in the order of `texts`. What a thread could not parse (it stopped) is left
 * out, for the caller to parse itself.
 */
async function parseOnThreads(texts: ReadonlyArray<string>, threads: number): Promise<Array<string | undefined>> {
  const trees = new Array<string | undefined>(texts.length)
  // Largest first, in chunks of about 64 KB.
  const order = texts.map((_, index) => index).sort((a, b) => texts[b]!.length - texts[a]!.length || a - b)
  const chunks: number[][] = []
  let chunk: number[] = []
  let bytes = 0
  for (const index of order) {
    chunk.push(index)
    bytes += texts[index]!.length
    if (bytes >= 64 * 1024) {
      chunks.push(chunk)
      chunk = []
      bytes = 0
    }
  }
  if (chunk.length > 0) chunks.push(chunk)
  const url = parseWorkerUrl()
  await Promise.all(Array.from({length: Math.min(threads, chunks.length)}, () => new Promise<void>((resolve) => {
    const worker = new Worker(url)
    let current: number[] | undefined
    const next = (): void => {
      current = chunks.shift()
      if (current) worker.postMessage(current.map((index) => texts[index]!))
      else void worker.terminate().then(() => resolve())
    }
    worker.on('message', (results: string[]) => {
      current!.forEach((index, position) => (trees[index] = results[position]))
      next()
    })
    // A thread that fails leaves its chunk (and the rest) to the main thread.
    worker.on('error', () => void worker.terminate().then(() => resolve(), () => resolve()))
    worker.on('exit', () => resolve())
    next()
  })))
  return trees
}
