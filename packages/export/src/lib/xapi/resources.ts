/**
 * Load the templates of the xAPI and cmi5 exporters from the export package itself
 * (`templates/xapi/`, `templates/cmi5/`). Like `resources.ts` for SCORM, this is the only file of
 * these exporters that reads files: the exporters take what it returns as a value.
 */

import fs from 'node:fs/promises'
import type {ManifestTemplate} from '../manifest-template.js'

/** Templates of `tincan.xml` and `cmi5.xml`. */
export interface LrsResources {
  readonly xapi: ManifestTemplate
  readonly cmi5: ManifestTemplate
}

/** Root of the export package (`src/lib/xapi/` and `dist/lib/xapi/` are both three levels down). */
const packageRoot = new URL('../../../', import.meta.url)

/**
 * Read the `tincan.xml` and `cmi5.xml` templates.
 *
 * @returns
 *   Resources for `exportXapi` and `exportCmi5`.
 */
export async function loadLrsResources(): Promise<LrsResources> {
  const [xapi, cmi5] = await Promise.all([load('xapi', 'tincan.xml.hbs'), load('cmi5', 'cmi5.xml.hbs')])
  return {xapi, cmi5}
}

async function load(folder: string, name: string): Promise<ManifestTemplate> {
  const base = new URL('templates/' + folder + '/', packageRoot)
  const files = (await fs.readdir(base)).filter((file) => file.endsWith('.hbs')).sort()
  if (!files.includes(name)) throw new Error('Missing `templates/' + folder + '/' + name + '` in the export package')
  const partials: Record<string, string> = {}
  let template = ''
  for (const file of files) {
    // Normalise line endings so the document is byte-identical whatever the checkout did.
    const source = (await fs.readFile(new URL(file, base), 'utf8')).replace(/\r\n?/g, '\n')
    if (file === name) template = source
    else partials[file.slice(0, -'.hbs'.length)] = source
  }
  return {template, partials}
}
