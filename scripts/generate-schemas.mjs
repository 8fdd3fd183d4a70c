// Writes packages/schema/src/generated/schemas.ts from schemas/*.schema.json, and the validation
// code ajv compiles from them (generated/validators-strict.ts, generated/validators-coercing.ts:
// ajv's standalone code, so that a build does not compile schemas at run time).
// A test (packages/schema/test/schemas.test.ts) fails when a generated file drifts from schemas/.
import fs from 'node:fs/promises'
import {createRequire} from 'node:module'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

export async function generateSchemaModule(root) {
  let out = '// Generated from schemas/ by scripts/generate-schemas.mjs. Do not edit.\n\n'
  out += '/** Every JSON Schema of coursemark, by its path under `schemas/` without `.schema.json`. */\n'
  out += 'export const schemas: Readonly<Record<string, object>> = {\n'
  for (const [name, schema] of Object.entries(await readSchemas(root))) out += '  ' + JSON.stringify(name) + ': ' + JSON.stringify(schema) + ',\n'
  out += '}\n'
  return out
}

/** The export name of a schema's validate function: `directives/quiz` → `directives_quiz`. */
export function validatorName(schemaName) {
  return schemaName.replace(/[^A-Za-z0-9]/g, '_')
}

/**
 * ajv's standalone code for every schema (`coerce`: only the directive schemas, with the
 * coercion of directive attributes), as a module that imports ajv's run-time helpers.
 */
export async function generateValidatorModule(root, coerce) {
  const require = createRequire(path.join(root, 'packages/schema/package.json'))
  const {Ajv2020} = require('ajv/dist/2020.js')
  const standaloneCode = require('ajv/dist/standalone/index.js').default
  const schemas = await readSchemas(root)
  // The options of createValidator in packages/schema/src/lib/validator.ts.
  const ajv = new Ajv2020({allErrors: true, strict: false, coerceTypes: coerce, validateSchema: false, code: {source: true, esm: true}})
  for (const schema of Object.values(schemas)) ajv.addSchema(schema)
  const exported = Object.fromEntries(Object.entries(schemas).filter(([name]) => !coerce || name.startsWith('directives/')).map(([name, schema]) => [validatorName(name), schema.$id]))
  let code = standaloneCode(ajv, exported)
  // ajv's helpers are CommonJS modules it require()s; this module is ESM.
  const helpers = new Map()
  code = code.replace(/require\("(ajv\/dist\/runtime\/[a-z0-9_]+)"\)/g, (_, helper) => {
    if (!helpers.has(helper)) helpers.set(helper, '__helper' + helpers.size)
    return helpers.get(helper)
  })
  // Node gives a CommonJS module's exports as the default import, bundlers and Vite its
  // `exports.default`: either way, the helper ends up as `name.default`, as ajv's code reads it.
  const imports = [...helpers].map(([helper, name]) => 'import * as ' + name + "Module from '" + helper + ".js'\nconst " + name + ' = ' + name + 'Module.default?.default ? ' + name + 'Module.default : {default: ' + name + 'Module.default}\n').join('')
  return '// @ts-nocheck\n// Generated from schemas/ by scripts/generate-schemas.mjs (ajv standalone code). Do not edit.\n' + imports + code.replace(/^"use strict";/, '') + '\n'
}

/** Every schema of schemas/, by its path there without `.schema.json`, in path order. */
async function readSchemas(root) {
  const base = path.join(root, 'schemas')
  const files = (await fs.readdir(base, {recursive: true})).filter((entry) => entry.endsWith('.schema.json')).map((entry) => entry.split(path.sep).join('/')).sort()
  return Object.fromEntries(await Promise.all(files.map(async (file) => [file.replace(/\.schema\.json$/, ''), JSON.parse(await fs.readFile(path.join(base, file), 'utf8'))])))
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
  const generated = path.join(root, 'packages/schema/src/generated')
  await fs.writeFile(path.join(generated, 'schemas.ts'), await generateSchemaModule(root))
  await fs.writeFile(path.join(generated, 'validators-strict.ts'), await generateValidatorModule(root, false))
  await fs.writeFile(path.join(generated, 'validators-coercing.ts'), await generateValidatorModule(root, true))
}
