// Inputs found by `node scripts/fuzz.mjs` (and minimal forms of them) that crashed or hung the
// compiler. A case is `"status": "open"` when saved (a known bug, not fixed yet): it is listed as
// a todo and not run (a hang would stall the suite). Once the compiler is fixed, set
// `"status": "fixed"`: the case is then replayed on every run and must compile without throwing,
// within 2 s of CPU time, with every message positioned.
import fs from 'node:fs'
import {compileCourse} from '@coursemark/compiler'
import {createValidator} from '@coursemark/schema'
import {describe, expect, test} from 'vitest'

interface Case {
  readonly kind: 'crash' | 'hang'
  readonly detail: string
  readonly status?: 'open' | 'fixed' | undefined
  readonly issue?: string | undefined
  readonly input: {readonly slug: string; readonly files: Readonly<Record<string, string>>; readonly assets: ReadonlyArray<string>}
}

const folder = new URL('fuzz-cases/', import.meta.url)
const names = fs.existsSync(folder) ? fs.readdirSync(folder).filter((name) => name.endsWith('.json')).sort() : []
const validator = createValidator()

describe('fuzz regressions', () => {
  test('the cases are readable', () => {
    for (const name of names) {
      const value = JSON.parse(fs.readFileSync(new URL(name, folder), 'utf8')) as Case
      expect(['crash', 'hang'], name).toContain(value.kind)
      expect(typeof value.input.files['course.yaml'], name).toBe('string')
    }
  })

  for (const name of names) {
    const value = JSON.parse(fs.readFileSync(new URL(name, folder), 'utf8')) as Case
    const title = name + ': ' + value.kind + (value.issue ? ' (' + value.issue + ')' : '')
    if (value.status !== 'fixed') {
      test.todo(title)
      continue
    }
    test(title, () => {
      const before = process.cpuUsage()
      const result = compileCourse({slug: value.input.slug, files: new Map(Object.entries(value.input.files)), assets: new Set(value.input.assets)}, {validator})
      const used = process.cpuUsage(before)
      expect((used.user + used.system) / 1000).toBeLessThan(2000)
      for (const message of result.messages) {
        expect(message.ruleId).toMatch(/^[a-z][a-z0-9-]*$/)
        expect(message.line).toBeGreaterThanOrEqual(1)
        expect(message.column).toBeGreaterThanOrEqual(1)
      }
      expect(result.ok).toBe(!result.messages.some((message) => message.fatal))
    })
  }
})
