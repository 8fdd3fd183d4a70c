import {readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {Ajv2020} from 'ajv/dist/2020.js'
import {expect, test} from 'vitest'
import {schemas} from '../src/generated/schemas.js'
import {createValidator} from '../src/index.js'

// createValidator does not check the schemas against the JSON Schema meta-schema on every run
// (compiling the meta-schema was 40 ms of each build): they are fixed when the toolkit is built,
// and checked here instead.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

test('the generated schema module is schemas/ as it is', async () => {
  const {generateSchemaModule} = (await import('../../../scripts/generate-schemas.mjs')) as {generateSchemaModule: (root: string) => Promise<string>}
  expect(readFileSync(path.join(root, 'packages/schema/src/generated/schemas.ts'), 'utf8')).toBe(await generateSchemaModule(root))
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
