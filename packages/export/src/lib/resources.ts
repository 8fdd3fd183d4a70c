/**
 * Load the manifest templates and schema files of the SCORM exporters from the export package
 * itself (`templates/`, `schemas/`). This is the only file of the exporters that reads files: the
 * exporters take what it returns as a value.
 */

import fs from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

/** Templates and schema files for one SCORM version. */
export interface ScormVersionResources {
  /** Handlebars source of `imsmanifest.xml` (`imsmanifest.xml.hbs`). */
  readonly template: string
  /** Handlebars partials by name: every other `*.hbs` of the folder, named without `.hbs`. */
  readonly partials: Readonly<Record<string, string>>
  /** Schema files the package carries at its root: path (`/`-separated) → bytes, in path order. */
  readonly schemas: ReadonlyMap<string, Uint8Array>
}

/** Everything the SCORM exporters need besides the course and the site. */
export interface ScormResources {
  readonly scorm12: ScormVersionResources
  readonly scorm2004: ScormVersionResources
}

/** Root of the export package (`src/lib/` and `dist/lib/` are both two levels down). */
const packageRoot = new URL('../../', import.meta.url)

/**
 * Read the SCORM templates and schema files.
 *
 * @returns
 *   Resources for `exportScorm12` and `exportScorm2004`.
 */
export async function loadScormResources(): Promise<ScormResources> {
  const [scorm12, scorm2004] = await Promise.all([loadVersion('scorm12'), loadVersion('scorm2004')])
  return {scorm12, scorm2004}
}

async function loadVersion(name: 'scorm12' | 'scorm2004'): Promise<ScormVersionResources> {
  const templates = new URL('templates/' + name + '/', packageRoot)
  const schemas = new URL('schemas/' + name + '/', packageRoot)
  const templateNames = (await fs.readdir(templates)).filter((file) => file.endsWith('.hbs')).sort()
  let template: string | undefined
  const partials: Record<string, string> = {}

  for (const file of templateNames) {
    // Normalise line endings so the manifest is byte-identical whatever the checkout did.
    const source = (await fs.readFile(new URL(file, templates), 'utf8')).replace(/\r\n?/g, '\n')
    if (file === 'imsmanifest.xml.hbs') template = source
    else partials[file.slice(0, -'.hbs'.length)] = source
  }

  if (template === undefined) {
    throw new Error('Missing `templates/' + name + '/imsmanifest.xml.hbs` in the export package')
  }

  const schemaRoot = fileURLToPath(schemas)
  const paths = (await fs.readdir(schemaRoot, {recursive: true, withFileTypes: true}))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(schemaRoot, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort()
  const files = new Map<string, Uint8Array>()
  for (const file of paths) {
    files.set(file, new Uint8Array(await fs.readFile(path.join(schemaRoot, ...file.split('/')))))
  }

  return {template, partials, schemas: files}
}
