import {readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {Ajv2020} from 'ajv/dist/2020.js'
import {expect, test} from 'vitest'
import {schemas} from '../src/generated/schemas.js'
import {createValidator} from '../src/index.js'

// createValidator neither checks the schemas against the JSON Schema meta-schema nor compiles
// them on every run (that was 40-80 ms of each build): they are fixed when the toolkit is built,
// ajv's code for them is generated then (scripts/generate-schemas.mjs), and both are checked here.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

test('the generated modules are schemas/ as it is (run scripts/generate-schemas.mjs after changing a schema)', async () => {
  const generator = (await import('../../../scripts/generate-schemas.mjs')) as {
    generateSchemaModule: (root: string) => Promise<string>
    generateValidatorModule: (root: string, coerce: boolean) => Promise<string>
  }
  const generated = (file: string): string => readFileSync(path.join(root, 'packages/schema/src/generated', file), 'utf8')
  expect(generated('schemas.ts')).toBe(await generator.generateSchemaModule(root))
  expect(generated('validators-strict.ts')).toBe(await generator.generateValidatorModule(root, false))
  expect(generated('validators-coercing.ts')).toBe(await generator.generateValidatorModule(root, true))
})

test('the generated validators give what ajv compiling the schemas at run time gives', () => {
  const strict = new Ajv2020({allErrors: true, strict: false})
  const coercing = new Ajv2020({allErrors: true, strict: false, coerceTypes: true})
  for (const schema of Object.values(schemas)) {
    strict.addSchema(schema)
    coercing.addSchema(schema)
  }
  const validator = createValidator()
  const values: unknown[] = [
    {}, null, 'text', 3, [], {id: 'x'}, {id: 'm1', title: 'T', outcomes: ['LO1'], duration: '5'}, {id: '1', title: '', outcomes: 'LO1', extra: true},
    {id: 'q', type: 'single', outcome: 'LO1', points: '2', answer: 'true'}, {id: 'q', type: 'other', points: '-1', tolerance: 'x'}, {src: ''}, {kind: 'tip', title: 'x'},
    {summary: 'S'}, {title: 'A', duration: '601'}, {attempts: '0', id: 'q'}, {def: 'A definition'}, {def: ''},
    {id: 'c', title: 'C', version: '1.0.0', language: 'en', description: 'D', outcomes: [{id: 'LO1', statement: 'S', bloom: 'apply', domain: 'skills', eqf: 4}], modules: ['m.md'], translations: ['de', 'de']}
  ]
  let checked = 0
  for (const name of validator.names) {
    const directive = name.startsWith('directives/')
    const reference = (directive ? coercing : strict).getSchema((schemas[name] as {$id: string}).$id)!
    for (const value of values) {
      const copy = directive && value && typeof value === 'object' ? {...value} : value
      const ok = reference(copy)
      expect(validator.validate(name, value), name + ' ' + JSON.stringify(value)).toEqual({value: copy, errors: ok ? [] : reference.errors})
      checked++
    }
  }
  expect(checked).toBeGreaterThan(200)
})

test('every schema is valid against the JSON Schema 2020-12 meta-schema', () => {
  const ajv = new Ajv2020({strict: false})
  expect(Object.keys(schemas).length).toBeGreaterThan(10)
  for (const [name, schema] of Object.entries(schemas)) expect(ajv.validateSchema(schema), name + ': ' + ajv.errorsText(ajv.errors)).toBe(true)
  // The check has teeth: a schema with a type that does not exist fails it.
  expect(ajv.validateSchema({...schemas['module'], type: 'record'})).toBe(false)
})

test('the validator validates and coerces with every schema', () => {
  const validator = createValidator()
  expect(validator.names).toEqual(Object.keys(schemas).sort())
  expect(validator.validate('module', {id: 'm1', title: 'A module', outcomes: ['LO1']}).errors).toEqual([])
  expect(validator.validate('module', {id: '1 bad', title: '', outcomes: ['LO1']}).errors.map((error) => error.instancePath).sort()).toEqual(['/id', '/title'])
  // Directive attributes are strings in Markdown, coerced where the schema says so.
  expect(validator.validate('directives/quiz', {id: 'q', attempts: '2'})).toEqual({value: {id: 'q', attempts: 2}, errors: []})
})
