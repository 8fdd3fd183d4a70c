import fs from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, test} from 'vitest'
import {compileCourse} from '@coursemark/compiler'
import {bestPath, renderGuide} from '@coursemark/guide'
import type {Course, ScenarioBlock} from '@coursemark/model'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

async function compileFolder(folder: string): Promise<Course> {
  const files = new Map<string, string>()
  const assets = new Set<string>()
  for (const entry of await fs.readdir(path.join(root, folder), {recursive: true, withFileTypes: true})) {
    if (!entry.isFile()) continue
    const rel = path.relative(path.join(root, folder), path.join(entry.parentPath, entry.name)).split(path.sep).join('/')
    assets.add(rel)
    if (/\.(md|ya?ml)$/.test(rel)) files.set(rel, await fs.readFile(path.join(root, folder, rel), 'utf8'))
  }
  const result = compileCourse({slug: path.basename(folder), files, assets})
  expect(result.ok).toBe(true)
  return result.course!
}

function compileText(module: string): Course {
  const yaml = 'id: https://example.org/g\ntitle: G\nversion: 1.0.0\nlanguage: en\ndescription: D.\noutcomes:\n  - {id: LO1, statement: S., bloom: apply, domain: skills, eqf: 4}\nmodules: [modules/m.md]\n'
  const result = compileCourse({slug: 'g', files: new Map([['course.yaml', yaml], ['modules/m.md', module]]), assets: new Set(['course.yaml', 'modules/m.md', 'media/p.svg'])})
  expect(result.messages.filter((m) => m.fatal).map((m) => m.reason)).toEqual([])
  return result.course!
}

describe('renderGuide', () => {
  test('directives-tour: trainer notes, activities with durations, outcomes, answer key, glossary', async () => {
    const course = await compileFolder('examples/directives-tour')
    const html = renderGuide(course)
    expect(html).toContain('Start the session by asking who has been inside a prison before')
    expect(html).toContain('Watch for volunteers who say yes')
    expect(html).toMatch(/Activity: <strong>Role play: the persistent request<\/strong> <span class="time">20 min<\/span>/)
    for (const outcome of course.outcomes) expect(html).toContain(outcome.statement)
    // Answer key: the true-false answer, the right option of the single question.
    expect(html).toMatch(/<code>items-rule<\/code>[\s\S]*?<strong>Answer: False<\/strong>/)
    expect(html).toMatch(/<li class="right"><span class="mark"[^>]*>✔<\/span> Dynamic security/)
    expect(html).toMatch(/<li class="wrong"><span class="mark"[^>]*>✗<\/span> Static security/)
    // Scenario: the best path and every ending's result.
    expect(html).toContain('<strong>Best path:</strong> <code>start</code> → <code>distance</code> → <code>officer</code>')
    expect(html.match(/class="result (good|partial|poor)"/g)).toHaveLength(4)
    // Glossary, sorted.
    expect(html.indexOf('<dt>dynamic security</dt>')).toBeLessThan(html.indexOf('<dt>static security</dt>'))
    expect(html).toContain('<dd>Security provided by walls, fences, locks, cameras and searches.</dd>')
  })

  test('all-question-types: an answer for every question type', async () => {
    const course = await compileFolder('examples/all-question-types')
    const html = renderGuide(course)
    for (const id of ['rules-apply', 'gate-steps', 'letter', 'private-info', 'services', 'security-term', 'notice-days']) expect(html).toContain('<code>' + id + '</code>')
    expect(html).toMatch(/<ol class="order"><li>Show your identity card at the gate\.<\/li><li>Put your phone/)
    expect(html).toContain('<tr><td>Debts piling up</td><td>Debt counselling</td></tr>')
    expect(html).toContain('<span class="accepted">dynamic security</span> <span class="accepted">relational security</span>')
    expect(html).toContain('<strong>Answer: 14</strong>')
    expect(html.match(/<li class="right">/g)).toHaveLength(4) // letter: 1, private-info: 3
  })

  test('one offline page with a print stylesheet and no scripts', async () => {
    const html = renderGuide(await compileFolder('examples/directives-tour'))
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:`)
    expect(html).toContain('@media print{')
    expect(html).toContain('@page{size:A4')
    expect(html).not.toMatch(/<script|<link|@import/i)
    // Video and audio cannot be printed: they are named instead.
    expect(html).not.toMatch(/<video|<audio/)
  })

  test('embeds pictures as data URLs; escapes course text; labels can be replaced', () => {
    const course = compileText('---\nid: m\ntitle: "M <b>&"\noutcomes: [LO1]\n---\n\n## P\n\n:::trainer\nShow this: ![A plan](../media/p.svg)\n:::\n\n:::quiz{id=q}\n::::question{id=t type=true-false answer=true outcome=LO1}\nTrue?\n::::\n:::\n')
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')
    const html = renderGuide(course, {media: new Map([['media/p.svg', svg]]), labels: {guide: 'Trainerhandbuch', trueLabel: 'Wahr'}})
    expect(html).toContain('src="data:image/svg+xml;base64,' + Buffer.from(svg).toString('base64') + '"')
    expect(html).toContain('M &lt;b&gt;&amp;')
    expect(html).toContain('<title>Trainerhandbuch: G</title>')
    expect(html).toContain('<strong>Answer: Wahr</strong>')
    expect(renderGuide(course)).toContain('src="media/p.svg"')
  })

  test('is deterministic', async () => {
    const course = await compileFolder('examples/directives-tour')
    expect(renderGuide(course)).toBe(renderGuide(structuredClone(course)))
  })
})

describe('bestPath', () => {
  const step = (id: string, next: string[], result?: 'good' | 'partial' | 'poor') => ({id, html: '', source: {path: 'm.md'}, result, choices: next.map((n, i) => ({id: String.fromCharCode(97 + i), html: n, text: n, next: n}))})
  const scenario = (steps: ReturnType<typeof step>[]): ScenarioBlock => ({type: 'scenario', id: 's', points: 1, steps, source: {path: 'm.md'}})

  test('takes the shortest path to a good ending', () => {
    expect(bestPath(scenario([step('a', ['b', 'c']), step('b', ['d']), step('c', ['e']), step('d', [], 'poor'), step('e', ['f']), step('f', [], 'good')]))).toEqual(['a', 'c', 'e', 'f'])
  })

  test('falls back to the best ending there is, and copes with loops and missing steps', () => {
    expect(bestPath(scenario([step('a', ['b', 'a', 'zz']), step('b', ['a', 'c']), step('c', [], 'partial')]))).toEqual(['a', 'b', 'c'])
    expect(bestPath(scenario([step('a', ['a'])]))).toEqual([])
    expect(bestPath(scenario([]))).toEqual([])
  })
})
