// Writes packages/schema/src/generated/schemas.ts from schemas/*.schema.json.
// A test (packages/schema/test/schemas.test.ts) fails when the generated file drifts from schemas/.
import fs from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

export async function generateSchemaModule(root) {
  const base = path.join(root, 'schemas')
  const files = []
  for (const entry of await fs.readdir(base, {recursive: true})) {
    if (entry.endsWith('.schema.json')) files.push(entry.split(path.sep).join('/'))
  }
  files.sort()
  let out = '// Generated from schemas/ by scripts/generate-schemas.mjs. Do not edit.\n\n'
  out += '/** Every JSON Schema of coursemark, by its path under `schemas/` without `.schema.json`. */\n'
  out += 'export const schemas: Readonly<Record<string, object>> = {\n'
  for (const file of files) {
    const json = JSON.parse(await fs.readFile(path.join(base, file), 'utf8'))
    out += '  ' + JSON.stringify(file.replace(/\.schema\.json$/, '')) + ': ' + JSON.stringify(json) + ',\n'
  }
  out += '}\n'
  return out
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
  await fs.writeFile(path.join(root, 'packages/schema/src/generated/schemas.ts'), await generateSchemaModule(root))
}
