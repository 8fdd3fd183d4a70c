import fs from 'node:fs/promises'
import path from 'node:path'
import {uiStrings, type Theme} from '@coursemark/render'
import {describe, expect, test} from 'vitest'
import {repoRoot} from '../helpers/cli.js'

// Interface strings: every partner language has exactly the keys of English, with the same
// placeholders and no empty text; every key the runtime asks for exists; the course language
// picks its strings and English fills in.
const languages = ['en', 'de', 'sl', 'cs', 'hr', 'ro', 'pt', 'el', 'tr', 'es', 'ca']
const folder = path.join(repoRoot, 'themes/default/strings')

async function read(language: string): Promise<Record<string, string>> {
  return JSON.parse(await fs.readFile(path.join(folder, language + '.json'), 'utf8')) as Record<string, string>
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{([\w. ]+)\}/g)].map((match) => match[1]!).sort()

test('every partner language has a strings file, and no other file is there', async () => {
  const files = (await fs.readdir(folder)).filter((file) => file.endsWith('.json')).map((file) => file.slice(0, -5)).sort()
  expect(files).toEqual([...languages].sort())
})

describe.each(languages.filter((language) => language !== 'en'))('%s.json', (language) => {
  test('has exactly the keys of en.json, in its order, with the same placeholders and no empty or untranslated-looking text', async () => {
    const english = await read('en')
    const strings = await read(language)
    // A new key in en.json needs a translation here (and in every other language).
    expect(Object.keys(strings)).toEqual(Object.keys(english))
    for (const [key, text] of Object.entries(strings)) {
      expect(typeof text, key).toBe('string')
      expect(text.trim(), key).not.toBe('')
      expect(placeholders(text), key).toEqual(placeholders(english[key]!))
    }
    // Sentences are translated: at most a handful of short words (names, "Tip", "Status") may equal English.
    const same = Object.keys(english).filter((key) => english[key] === strings[key] && english[key]!.length > 12 && !/^\{[\w.]+\}: \{[\w.]+\}$/.test(english[key]!))
    expect(same).toEqual([])
  })
})

test('every key the runtime asks for is in en.json', async () => {
  const english = await read('en')
  const sources: string[] = []
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await fs.readdir(dir, {withFileTypes: true})) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) await walk(full)
      else if (entry.name.endsWith('.ts')) sources.push(await fs.readFile(full, 'utf8'))
    }
  }
  await walk(path.join(repoRoot, 'packages/runtime/src'))
  const text = sources.join('\n')
  const literal = [...text.matchAll(/\bt\('([a-zA-Z0-9.]+)'/g), ...text.matchAll(/key: '([a-zA-Z0-9]+\.[a-zA-Z0-9.]+)'/g)].map((match) => match[1]!)
  const keys = [...new Set(literal)].filter((key) => !key.endsWith('.')).sort()
  expect(keys.length).toBeGreaterThan(40)
  expect(keys.filter((key) => !(key in english))).toEqual([])
  // Keys built from a prefix: note kinds, scenario endings, outcome statuses.
  for (const kind of ['info', 'tip', 'important', 'warning', 'safety']) expect(english).toHaveProperty(['note.' + kind])
  for (const ending of ['good', 'partial', 'poor']) expect(english).toHaveProperty(['scenario.' + ending])
  for (const status of ['passed', 'failed', 'incomplete', 'completed', 'not attempted']) expect(english).toHaveProperty(['results.status.' + status])
})

test('the course language picks its strings (a regional variant its base language); English fills in', async () => {
  const strings: Record<string, Record<string, string>> = {}
  for (const language of languages) strings[language] = await read(language)
  strings['de'] = {...strings['de']}
  delete strings['de']!['quiz.check']
  const theme: Theme = {name: 'default', layout: '', partials: {}, css: '', strings}
  expect(uiStrings(theme, 'sl')['pager.next']).toBe('Naprej')
  expect(uiStrings(theme, 'pt-PT')['pager.next']).toBe('Seguinte')
  expect(uiStrings(theme, 'de')['pager.next']).toBe('Weiter')
  expect(uiStrings(theme, 'de')['quiz.check']).toBe('Check answer')
  expect(uiStrings(theme, 'fi')['pager.next']).toBe('Next')
})
