import fs from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, test} from 'vitest'
import {compileCourse} from '@coursemark/compiler'
import {guideLabels, guideLabelsFor, guideStrings, renderGuide} from '@coursemark/guide'

// The guide's labels: the same languages as the player's interface strings, each with exactly
// the keys of English and no empty or untranslated-looking text; the course language picks them.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const languages = Object.keys(guideStrings)

test('has labels for every language of the player’s interface strings, and no other', async () => {
  const player = (await fs.readdir(path.join(root, 'themes/default/strings'))).filter((file) => file.endsWith('.json')).map((file) => file.slice(0, -5))
  expect([...languages].sort()).toEqual([...player].sort())
  expect(guideStrings['en']).toBe(guideLabels)
})

describe.each(languages.filter((language) => language !== 'en'))('%s', (language) => {
  test('has exactly the keys of English, in its order, with no empty or untranslated-looking text', () => {
    const labels = guideStrings[language]! as unknown as Record<string, unknown>
    const english = guideLabels as unknown as Record<string, string>
    // A new label in English needs a translation here (and in every other language).
    expect(Object.keys(labels)).toEqual(Object.keys(english))
    for (const [key, text] of Object.entries(labels)) {
      expect(typeof text, key).toBe('string')
      expect((text as string).trim(), key).not.toBe('')
    }
    // Sentences are translated: only short words (“Version”, “min”) may equal English.
    expect(Object.keys(english).filter((key) => english[key] === labels[key] && english[key]!.length > 12)).toEqual([])
  })
})

test('the course language picks the labels (a regional variant its base language); English otherwise', () => {
  expect(guideLabelsFor('de').answers).toBe('Lösungen')
  expect(guideLabelsFor('pt-BR').guide).toBe(guideStrings['pt']!.guide)
  expect(guideLabelsFor('fi')).toBe(guideLabels)
  expect(guideLabelsFor('constructor')).toBe(guideLabels)
})

describe('renderGuide', () => {
  const yaml = (language: string): string => 'id: https://example.org/g\ntitle: G\nversion: 1.0.0\nlanguage: ' + language + '\ndescription: D.\noutcomes:\n  - {id: LO1, statement: S., bloom: apply, domain: skills, eqf: 4}\nmodules: [modules/m.md]\n'
  const module = '---\nid: m\ntitle: M\noutcomes: [LO1]\n---\n\n## P\n\n:::trainer\nNote.\n:::\n\n:::quiz{id=q}\n::::question{id=t type=true-false answer=true outcome=LO1}\nTrue?\n::::\n:::\n'
  const guideIn = (language: string): string => {
    const result = compileCourse({slug: 'g', files: new Map([['course.yaml', yaml(language)], ['modules/m.md', module]]), assets: new Set(['course.yaml', 'modules/m.md'])})
    expect(result.messages.filter((m) => m.fatal).map((m) => m.reason)).toEqual([])
    return renderGuide(result.course!)
  }

  test('a German course: German labels throughout', () => {
    const html = guideIn('de')
    expect(html).toContain('<html lang="de">')
    expect(html).toContain('<title>Trainerhandbuch: G</title>')
    expect(html).toContain('<p class="label">Hinweis für Trainer</p>')
    expect(html).toContain('<h2>Lösungen</h2>')
    expect(html).toMatch(/<span class="qnum">Frage 1<\/span> <code>t<\/code> · true-false · Lernergebnis LO1 · Punkte: 1/)
    expect(html).toContain('<strong>Antwort: Richtig</strong>')
    expect(html).toContain('Dieser Kurs definiert keine Glossarbegriffe.')
    for (const english of ['Trainer guide', 'Answer key', 'Trainer note', 'Session plan']) expect(html).not.toContain(english)
  })

  test('a course in a language without labels: English', () => {
    const html = guideIn('fi')
    expect(html).toContain('<title>Trainer guide: G</title>')
    expect(html).toContain('Points: 1')
  })
})
