/**
 * Every course under `curricula/` and `examples/`, built with the CLI into SCORM 1.2 and SCORM
 * 2004 zips (one SCO, and one SCO per module): each manifest sits at the zip root, validates
 * against the official XSDs, and passes the checks no XSD makes.
 * Needs the packages built (`pnpm run build`), as CI does first.
 */

import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, describe, expect, test} from 'vitest'
import {discoverCourses, main} from '../../packages/cli/dist/index.js'
import {checkScormPackage} from '../../packages/export/test/lib/manifest-checks.js'
import {unzip} from './lib/unzip.js'
import type {Engine, SchemaSet} from './lib/xsd.js'
import {validateManifest} from './lib/xsd.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const out = await fs.mkdtemp(path.join(os.tmpdir(), 'coursemark-scorm-'))
afterAll(() => fs.rm(out, {recursive: true, force: true}))

const courses = await discoverCourses(root)
const layouts = ['single', 'per-module'] as const
const targets = [
  {target: 'scorm12', set: 'scorm12', version: '1.2', engines: ['native']},
  {target: 'scorm2004', set: 'scorm2004', version: '2004', engines: ['native', 'wasm']}
] as const satisfies ReadonlyArray<{target: string; set: SchemaSet; version: '1.2' | '2004'; engines: ReadonlyArray<Engine>}>

/** Build every course once per SCO layout, into `<out>/<layout>/`. */
const builds = new Map<string, Promise<{code: number; stderr: string}>>()
function build(layout: (typeof layouts)[number]): Promise<{code: number; stderr: string}> {
  let running = builds.get(layout)
  if (!running) {
    let stderr = ''
    const io = {cwd: root, stdout: () => {}, stderr: (text: string) => void (stderr += text), isTty: false}
    running = main(['node', 'coursemark', 'build', '--all', '--target', 'scorm12,scorm2004', '--sco', layout, '--out', path.join(out, layout)], io).then(
      (code) => ({code, stderr})
    )
    builds.set(layout, running)
  }
  return running
}

test('there are courses to check', () => {
  expect(courses.length).toBeGreaterThanOrEqual(4)
  expect(courses.some((course) => course.startsWith('curricula'))).toBe(true)
  expect(courses.some((course) => course.startsWith('examples'))).toBe(true)
})

describe.each(layouts)('%s SCO', (layout) => {
  test('every course builds', async () => {
    const result = await build(layout)
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).not.toMatch(/not built/)
  }, 300_000)

  for (const course of courses) {
    for (const {target, set, version, engines} of targets) {
      test(`${course} → ${target}: manifest at the root, valid, every check passes`, async () => {
        await build(layout)
        const zips = (await fs.readdir(path.join(out, layout))).filter(
          (name) => name.startsWith(path.basename(course) + '-') && name.endsWith('-' + target + '.zip')
        )
        // One package per language: the source and each translation.
        expect(zips.length).toBeGreaterThanOrEqual(1)
        const schemas = [...(await fs.readdir(path.join(root, 'packages/export/schemas', set), {recursive: true, withFileTypes: true}))]
          .filter((entry) => entry.isFile())
          .map((entry) => path.relative(path.join(root, 'packages/export/schemas', set), path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
        for (const zip of zips) {
          const files = unzip(await fs.readFile(path.join(out, layout, zip)))
          const manifest = files.get('imsmanifest.xml')
          expect(manifest, zip + ': imsmanifest.xml at the zip root').toBeDefined()
          expect(checkScormPackage(files, version, schemas), zip).toEqual([])
          const language = /-([A-Za-z-]+)-scorm(?:12|2004)\.zip$/.exec(zip)![1]!
          expect(new TextDecoder().decode(manifest), zip + ': the course language in the manifest').toMatch(new RegExp('<(?:imsmd:)?language>' + language + '</(?:imsmd:)?language>'))

          for (const engine of engines) {
            const verdict = await validateManifest(new TextDecoder().decode(manifest), set, engine)
            expect(verdict.errors, zip + ' ' + engine).toEqual([])
            expect(verdict.valid, zip + ' ' + engine).toBe(true)
          }
        }
      }, 300_000)
    }
  }
})
