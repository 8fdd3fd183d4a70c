import zlib from 'node:zlib'
import {describe, expect, test} from 'vitest'
import {createZipper, zip, ZipLimitError} from '../src/index.js'
import {unzip} from '../../../test/conformance/lib/unzip.js'

const encoder = new TextEncoder()

/** Text that compresses like a course (to about a third): words from a list, in a seeded order. */
function prose(length: number, seed: number): Uint8Array {
  const words = 'the a of and to in learner officer volunteer prison probation boundary calm voice space risk de-escalation restorative trust listen wing cell visit family reintegration support plan session trainer module page question answer outcome'.split(' ')
  let state = seed >>> 0
  const next = (): number => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0
    let value = Math.imul(state ^ (state >>> 15), 1 | state)
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296
  }
  let text = ''
  while (text.length < length) text += words[Math.floor(next() * words.length)] + (next() < 0.08 ? '.\n' : next() < 0.02 ? ' ' + Math.floor(next() * 1000) + ' ' : ' ')
  return encoder.encode(text.slice(0, length))
}

/** What every target's `index.html` looks like: its own head, then the same course. */
function launchPage(target: string, course: Uint8Array): Uint8Array {
  const head = encoder.encode('<!doctype html><meta content="default-src \'self\'"><body data-target="' + target + '"><script type="application/json">')
  const page = new Uint8Array(head.length + course.length)
  page.set(head)
  page.set(course, head.length)
  return page
}

describe('zip', () => {
  test('every file comes back whole: sizes and CRC-32 checked, names sorted, UTF-8 names kept', async () => {
    const files = new Map<string, Uint8Array>([
      ['index.html', prose(3000, 1)],
      ['media/Übung 1.svg', prose(700, 2)],
      ['assets/empty.css', new Uint8Array()],
      ['assets/coursemark.js', prose(40_000, 3)],
      ['big.json', prose(1_300_000, 4)]
    ])
    const back = unzip(await zip(files))
    expect([...back.keys()]).toEqual(['assets/coursemark.js', 'assets/empty.css', 'big.json', 'index.html', 'media/Übung 1.svg'])
    for (const [name, bytes] of files) expect(Buffer.from(back.get(name)!).equals(Buffer.from(bytes)), name).toBe(true)
  })

  test('the same files give the same bytes, whatever the order they are given in', async () => {
    const files = new Map<string, Uint8Array>([['b.txt', prose(500, 5)], ['a.txt', prose(600_000, 6)]])
    const first = await zip(files)
    const second = await zip(new Map([...files].reverse()))
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true)
  })

  test('a zipper that deflated other packages before writes what a fresh one does', async () => {
    const course = prose(900_000, 7)
    const media = prose(2000, 8)
    const zipper = createZipper()
    for (const target of ['scorm12', 'scorm2004', 'xapi']) {
      const files = new Map([['index.html', launchPage(target, course)], ['media/a.svg', media]])
      const shared = await zipper(files)
      const fresh = await createZipper()(files)
      expect(Buffer.from(shared).equals(Buffer.from(fresh)), target).toBe(true)
      expect(new TextDecoder().decode(unzip(shared).get('index.html')!.subarray(0, 90))).toContain('data-target="' + target + '"')
    }
  })

  test('a large file deflated in pieces is as small as one deflate stream, within 1 %', async () => {
    const big = prose(2_000_000, 9)
    const packed = await zip(new Map([['course.json', big]]))
    const stream = zlib.deflateRawSync(big, {level: 9})
    const view = Buffer.from(packed)
    const central = view.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]))
    const compressedSize = view.readUInt32LE(central + 20)
    expect(compressedSize).toBeGreaterThan(stream.length * 0.99)
    expect(compressedSize).toBeLessThanOrEqual(stream.length * 1.01)
    expect(Buffer.from(unzip(packed).get('course.json')!).equals(Buffer.from(big))).toBe(true)
  })

  test('entries carry fixed dates and modes: 1980-01-01, -rw-r--r--', async () => {
    const view = Buffer.from(await zip(new Map([['a.txt', prose(100, 10)]])))
    const central = view.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]))
    const dosDate = view.readUInt16LE(central + 14)
    const dosTime = view.readUInt16LE(central + 12)
    expect({year: (dosDate >> 9) + 1980, month: (dosDate >> 5) & 15, day: dosDate & 31, time: dosTime}).toEqual({year: 1980, month: 1, day: 1, time: 0})
    expect((view.readUInt32LE(central + 38) >>> 16) & 0o777).toBe(0o644)
    expect(view.readUInt8(central + 5)).toBe(3)
  })

  test('a package beyond what a zip without ZIP64 holds is refused with a reason, not written wrong', async () => {
    const empty = new Uint8Array()
    const files = new Map(Array.from({length: 65_536}, (_, index) => ['media/' + index + '.txt', empty] as const))
    const refused = zip(files)
    await expect(refused).rejects.toBeInstanceOf(ZipLimitError)
    await expect(refused).rejects.toThrow('Unexpected package of 65536 files, expected at most 65535')
  })
})
