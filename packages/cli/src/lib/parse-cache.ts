import {createHash} from 'node:crypto'
import fs from 'node:fs/promises'
import {promisify} from 'node:util'
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
  /** Write the trees used since opening (atomically). */
  readonly save: () => Promise<void>
  /** Texts read back from the file, and texts parsed, since opening. */
  readonly stats: {reused: number; parsed: number}
}

export async function openParseCache(file: string, toolkit: string): Promise<ParseCache> {
  const stored = new Map<string, string>()
  const bytes = await fs.readFile(file).catch(() => undefined)
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
  const used = new Map<string, string>()
  const stats = {reused: 0, parsed: 0}
  return {
    stats,
    parse(text: string): ParseResult {
      const key = createHash('sha256').update(text).digest('hex')
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
      used.set(key, JSON.stringify(result))
      stats.parsed++
      return result
    },
    async save(): Promise<void> {
      const lines = [header + ' ' + toolkit, ...[...used].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([key, json]) => key + '\t' + json)]
      await writeAtomic(file, new Uint8Array(await gzip(lines.join('\n') + '\n', {level: 1})))
    }
  }
}
