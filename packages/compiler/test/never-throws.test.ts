import fs from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import fc from 'fast-check'
import {describe, expect, test} from 'vitest'
import {compileCourse} from '@coursemark/compiler'
import {createValidator} from '@coursemark/schema'

// The compiler must never throw on any input: every problem is a positioned message.
const validator = createValidator()
const fixture = fileURLToPath(new URL('fixtures/all-question-types/input/', import.meta.url))
const courseYaml = await fs.readFile(path.join(fixture, 'course.yaml'), 'utf8')
const moduleMd = await fs.readFile(path.join(fixture, 'modules/01-rules.md'), 'utf8')
const assets = new Set(['course.yaml', 'modules/01-rules.md', 'media/gate.svg'])

function compile(yaml: string, markdown: string) {
  return compileCourse({slug: 'fuzz', files: new Map([['course.yaml', yaml], ['modules/01-rules.md', markdown]]), assets}, {validator})
}

function assertWellFormed(result: ReturnType<typeof compile>): void {
  for (const message of result.messages) {
    expect(message.ruleId).toMatch(/^[a-z][a-z-]+$/)
    // Every message is positioned: a line and a column in its file.
    expect(message.line).toBeGreaterThanOrEqual(1)
    expect(message.column).toBeGreaterThanOrEqual(1)
    expect(typeof message.reason).toBe('string')
  }
  if (result.ok) expect(result.course).toBeDefined()
  else expect(result.messages.some((message) => message.fatal)).toBe(true)
}

// Pieces authors type, to mutate valid sources with.
const tokens = [':::', '::::', ':::quiz{id=x}', '::::question{id=y type=single outcome=LO1}', '- [x] ', '- [ ] ', '> ', '## ', '# ', '{', '}', '[', ']', '(', ')', '![', '](', '---\n', '\n', '\t', '|', '| --- |', '1. ', ':term[', ']{def="', '"', "'", '&', '<', '<script>', 'javascript:', '../', '::include{src=', '::video{src=', 'http://x/', '\u0000', '\uFEFF', '\r\n', 'é', '🙂', '*', '`', '```', '~~~', 'id: ', 'outcomes: ', '&anchor ', '*anchor', '- ', ': ', '? ']

const mutation = fc.array(fc.tuple(fc.nat(), fc.nat(5), fc.oneof(fc.constantFrom(...tokens), fc.string({maxLength: 8}))), {maxLength: 12})

function mutate(source: string, edits: ReadonlyArray<[number, number, string]>): string {
  let text = source
  for (const [at, remove, insert] of edits) {
    const index = at % (text.length + 1)
    text = text.slice(0, index) + insert + text.slice(index + remove)
  }
  return text
}

describe('compileCourse never throws', () => {
  test('on mutated module Markdown', () => {
    fc.assert(fc.property(mutation, (edits) => assertWellFormed(compile(courseYaml, mutate(moduleMd, edits)))), {numRuns: 400})
  })

  test('on mutated course.yaml', () => {
    fc.assert(fc.property(mutation, (edits) => assertWellFormed(compile(mutate(courseYaml, edits), moduleMd))), {numRuns: 400})
  })

  test('on random text', () => {
    fc.assert(fc.property(fc.string({maxLength: 400, unit: 'grapheme'}), fc.string({maxLength: 200}), (markdown, yaml) => {
      assertWellFormed(compile(yaml, markdown))
      assertWellFormed(compile(courseYaml, '---\nid: a\ntitle: b\noutcomes: [LO1]\n---\n' + markdown))
    }), {numRuns: 300})
  })

  test('on deeply nested directives and lists', () => {
    const deep = ':::note\n'.repeat(200) + 'text\n' + ':::\n'.repeat(200) + '- a\n'.padStart(1).repeat(1) + Array.from({length: 200}, (_, i) => '  '.repeat(i) + '- item').join('\n')
    assertWellFormed(compile(courseYaml, '---\nid: a\ntitle: b\noutcomes: [LO1]\n---\n## P\n' + deep))
  })

  test('on a YAML alias bomb', () => {
    const bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n'
    const result = compile(bomb, moduleMd)
    assertWellFormed(result)
    expect(result.ok).toBe(false)
    expect(result.messages.map((message) => message.ruleId)).toContain('yaml-syntax')
  })
})
