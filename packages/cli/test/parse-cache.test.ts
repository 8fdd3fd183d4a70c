import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import {afterEach, beforeEach, expect, test} from 'vitest'
import {parseMarkdown} from '@coursemark/syntax'
import {openParseCache} from '../src/lib/parse-cache.js'

// The parse cache of `build`: parsed Markdown kept between runs, keyed by the text and the toolkit.

let dir: string
let file: string
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'coursemark-parse-cache-'))
  file = path.join(dir, 'course.parse.gz')
})
afterEach(async () => {
  await fs.rm(dir, {recursive: true, force: true})
})

const text = '---\nid: m\ntitle: M\noutcomes: [LO1]\n---\n\n## Page\n\nSome *text* and :term[Word]{def="A word"}.\n\n:::note\nA note.\n:::\n'
const other = '## Another\n\nMore text, www.example.org.\n'
const fresh = (value: string): unknown => JSON.parse(JSON.stringify(parseMarkdown(value)))

test('a text parsed in one run is read back in the next, as parseMarkdown gives it', async () => {
  const first = await openParseCache(file, 'toolkit-1')
  expect(first.parse(text)).toEqual(parseMarkdown(text))
  await first.save()

  const second = await openParseCache(file, 'toolkit-1')
  const tree = second.parse(text)
  expect(tree).toEqual(fresh(text))
  expect(second.stats).toEqual({reused: 1, parsed: 0})
  // Every call gives a new object: the compiler changes the tree it is given.
  tree.tree.children.length = 0
  expect(second.parse(text)).toEqual(fresh(text))
})

test('another toolkit, a damaged file or a missing one count as empty', async () => {
  const first = await openParseCache(file, 'toolkit-1')
  first.parse(text)
  await first.save()
  const otherToolkit = await openParseCache(file, 'toolkit-2')
  expect(otherToolkit.parse(text)).toEqual(parseMarkdown(text))
  expect(otherToolkit.stats).toEqual({reused: 0, parsed: 1})

  const gz = await fs.readFile(file)
  for (const damaged of [gz.subarray(0, gz.length >> 1), Buffer.from('not gzip at all'), zlib.gzipSync('coursemark parse cache 1 toolkit-1\n' + 'a'.repeat(64) + '\t{"tree":\n')]) {
    await fs.writeFile(file, damaged)
    const cache = await openParseCache(file, 'toolkit-1')
    expect(cache.parse(text)).toEqual(parseMarkdown(text))
    expect(cache.stats.parsed).toBe(1)
  }
  const missing = await openParseCache(path.join(dir, 'none.parse.gz'), 'toolkit-1')
  expect(missing.parse(other)).toEqual(parseMarkdown(other))
})

test('a save keeps only the texts parsed since the cache was opened', async () => {
  const first = await openParseCache(file, 'toolkit-1')
  first.parse(text)
  first.parse(other)
  await first.save()
  const second = await openParseCache(file, 'toolkit-1')
  second.parse(other)
  await second.save()
  const third = await openParseCache(file, 'toolkit-1')
  third.parse(text)
  third.parse(other)
  expect(third.stats).toEqual({reused: 1, parsed: 1})
})

test('prefetch parses on worker threads what the cache lacks, and parse then reads it back', async () => {
  // The worker's code is the one tsc built (dist/), as the CLI runs it.
  const {openParseCache: open} = await import('../dist/lib/parse-cache.js')
  const texts = Array.from({length: 12}, (_, index) => text.replace('Some *text*', 'Text number ' + index))
  const cache = await open(undefined, 'toolkit-1')
  await cache.prefetch([...texts, texts[0]!], {threads: 2, minBytes: 0})
  for (const value of texts) expect(cache.parse(value)).toEqual(fresh(value))
  expect(cache.stats).toEqual({reused: 12, parsed: 0})
  // Below the threshold, or on one thread, nothing is parsed ahead.
  const small = await open(undefined, 'toolkit-1')
  await small.prefetch(texts, {threads: 2})
  await small.prefetch(texts, {threads: 1, minBytes: 0})
  small.parse(texts[0]!)
  expect(small.stats).toEqual({reused: 0, parsed: 1})
})

test('a save that would write the same texts again leaves the file as it is', async () => {
  const first = await openParseCache(file, 'toolkit-1')
  first.parse(text)
  await first.save()
  const written = (await fs.stat(file)).mtimeMs
  await new Promise((resolve) => setTimeout(resolve, 20))
  const second = await openParseCache(file, 'toolkit-1')
  second.parse(text)
  second.parse(text)
  await second.save()
  expect((await fs.stat(file)).mtimeMs).toBe(written)
  const third = await openParseCache(file, 'toolkit-1')
  third.parse(other)
  await third.save()
  expect((await fs.stat(file)).mtimeMs).toBeGreaterThan(written)
})

test('without a file, the cache parses each text it is asked for, as a new object each time', async () => {
  const cache = await openParseCache(undefined, 'toolkit-1')
  const first = cache.parse(text)
  first.tree.children.length = 0
  expect(cache.parse(text)).toEqual(parseMarkdown(text))
  expect(cache.stats).toEqual({reused: 0, parsed: 2})
  await cache.save()
  expect(await fs.readdir(dir)).toEqual([])
})
