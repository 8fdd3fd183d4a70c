/**
 * Validate manifests against the official XSDs in `../shared/conformance/` (next to the repo),
 * always through the kit's wrapper schemas (see that folder's README for why), with libxml2:
 *
 * - `native`: `xmllint` from Debian `libxml2-utils` (libxml2 2.9), the validator the kit was
 *   tested with. It is the only one that compiles the official SCORM 1.2 schemas:
 *   `imsmd_rootv1p2p1.xsd` has content models that libxml2 ≥ 2.10 rejects as not
 *   deterministic, so the schema set does not compile there.
 * - `wasm`: `xmllint-wasm` from npm (libxml2 2.13 compiled to WebAssembly), used for SCORM 2004
 *   as a second, independent build of the validator.
 */

import {spawn} from 'node:child_process'
import fs from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {validateXML} from 'xmllint-wasm'
import type {XMLFileInfo} from 'xmllint-wasm'

/** `shared/conformance/` beside the repository. */
export const conformanceRoot = fileURLToPath(new URL('../../../../shared/conformance/', import.meta.url))

/** Folder of each schema set in `shared/conformance/`. */
export const schemaFolders = {scorm12: 'scorm12', scorm2004: 'scorm2004-4th', tincan: 'tincan', cmi5: 'cmi5'} as const

/** The schema to validate against in each folder: the kit's wrapper for SCORM, the one XSD for xAPI and cmi5. */
export const schemaEntry: Readonly<Record<keyof typeof schemaFolders, string>> = {
  scorm12: '_kit_wrapper.xsd',
  scorm2004: '_kit_wrapper.xsd',
  tincan: 'tincan.xsd',
  cmi5: 'CourseStructure.xsd'
}

export type SchemaSet = keyof typeof schemaFolders

export type Engine = 'native' | 'wasm'

/** What a validator said. */
export interface Verdict {
  readonly valid: boolean
  /** Validity errors (empty when valid). */
  readonly errors: ReadonlyArray<string>
}

/**
 * Validate one manifest like `xmllint --noout --nonet --schema <set>/_kit_wrapper.xsd` (SCORM),
 * `tincan/tincan.xsd` (xAPI) or `cmi5/CourseStructure.xsd` (cmi5).
 *
 * @param manifest
 *   Text of `imsmanifest.xml`, `tincan.xml` or `cmi5.xml`.
 * @param set
 *   Which schemas: `scorm12`, `scorm2004` (4th edition), `tincan` or `cmi5`.
 * @param engine
 *   Which build of libxml2.
 * @returns
 *   The verdict. A schema that does not compile, or a missing `xmllint`, rejects.
 */
export async function validateManifest(manifest: string, set: SchemaSet, engine: Engine): Promise<Verdict> {
  return engine === 'native' ? validateNative(manifest, set) : validateWasm(manifest, set)
}

async function validateWasm(manifest: string, set: SchemaSet): Promise<Verdict> {
  const files = await schemaFiles(set)
  const wrapper = files.find((file) => file.fileName === schemaEntry[set])
  if (!wrapper) throw new Error('No ' + schemaEntry[set] + ' in ' + path.join(conformanceRoot, schemaFolders[set]))
  const result = await validateXML({
    xml: [{fileName: 'imsmanifest.xml', contents: manifest}],
    schema: [wrapper],
    preload: files.filter((file) => file !== wrapper),
    modifyArguments: (args) => ['--nonet', ...args],
    initialMemoryPages: 512,
    maxMemoryPages: 4096
  })
  return {valid: result.valid, errors: result.errors.map((error) => error.rawMessage)}
}

function validateNative(manifest: string, set: SchemaSet): Promise<Verdict> {
  const wrapper = path.join(conformanceRoot, schemaFolders[set], schemaEntry[set])
  return new Promise((resolve, reject) => {
    const child = spawn('xmllint', ['--noout', '--nonet', '--schema', wrapper, '-'], {stdio: ['pipe', 'ignore', 'pipe']})
    let stderr = ''
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk
    })
    child.on('error', (error) => {
      reject(new Error('Cannot run `xmllint` (install Debian `libxml2-utils`): ' + error.message))
    })
    child.on('close', (code) => {
      if (code === 0) resolve({valid: true, errors: []})
      else if (code === 3 || code === 4) resolve({valid: false, errors: stderr.split('\n').filter((line) => /validity error|fails to validate/.test(line))})
      else reject(new Error('xmllint exited with ' + String(code) + ':\n' + stderr))
    })
    child.stdin.end(manifest)
  })
}

/** Every file of a schema folder, as xmllint-wasm input files (paths relative to the folder). */
async function schemaFiles(set: SchemaSet): Promise<XMLFileInfo[]> {
  const root = path.join(conformanceRoot, schemaFolders[set])
  const entries = await fs.readdir(root, {recursive: true, withFileTypes: true})
  const names = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort()
  return Promise.all(names.map(async (fileName) => ({fileName, contents: await fs.readFile(path.join(root, fileName), 'utf8')})))
}
