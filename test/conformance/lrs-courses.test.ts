/**
 * Every course under `curricula/` and `examples/`, built with the CLI into xAPI and cmi5 zips
 * (one AU per module, and one AU): `tincan.xml` and `cmi5.xml` sit at the zip root, validate
 * against the XSDs in `../shared/conformance/` (Debian xmllint and xmllint-wasm), and pass the
 * checks no XSD makes: unique ids, objective references that resolve, launch URLs that exist,
 * the course's pass mark, and no endpoint or credential anywhere in the package.
 * Needs the packages built (`pnpm run build`), as CI does first.
 */

import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, describe, expect, test} from 'vitest'
import {discoverCourses, main} from '../../packages/cli/dist/index.js'
import {unzip} from './lib/unzip.js'
import {validateManifest, type Engine} from './lib/xsd.js'
import {courseOfScript} from '../helpers/course-script.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const out = await fs.mkdtemp(path.join(os.tmpdir(), 'coursemark-lrs-'))
afterAll(() => fs.rm(out, {recursive: true, force: true}))

const courses = await discoverCourses(root)
const layouts = ['per-module', 'single'] as const
const engines: ReadonlyArray<Engine> = ['native', 'wasm']

const builds = new Map<string, Promise<{code: number; stderr: string}>>()
function build(layout: (typeof layouts)[number]): Promise<{code: number; stderr: string}> {
  let running = builds.get(layout)
  if (!running) {
    let stderr = ''
    const io = {cwd: root, stdout: () => {}, stderr: (text: string) => void (stderr += text), isTty: false}
    running = main(['node', 'coursemark', 'build', '--all', '--target', 'xapi,cmi5', '--au', layout, '--out', path.join(out, layout)], io).then((code) => ({code, stderr}))
    builds.set(layout, running)
  }
  return running
}

async function packageOf(layout: string, course: string, target: string): Promise<Map<string, Uint8Array>> {
  const zips = (await fs.readdir(path.join(out, layout))).filter((name) => name.startsWith(path.basename(course) + '-') && name.endsWith('-' + target + '.zip'))
  expect(zips.length).toBeGreaterThanOrEqual(1)
  return unzip(await fs.readFile(path.join(out, layout, zips[0]!)))
}

function attributes(xml: string, element: string, name: string): string[] {
  return [...xml.matchAll(new RegExp('<' + element + '\\b[^>]*\\s' + name + '="([^"]*)"', 'g'))].map((match) => decode(match[1]!))
}

function decode(text: string): string {
  return text.replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16))).replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
}

/** No launch parameter or credential may be packed: the LMS gives them at launch. */
function expectNoCredentials(files: Map<string, Uint8Array>): void {
  for (const [name, bytes] of files) {
    if (name === 'assets/coursemark.js' || /\.(png|jpe?g|gif|webp|mp4|webm|mp3|woff2?)$/i.test(name)) continue
    const text = new TextDecoder().decode(bytes)
    expect(text, name).not.toMatch(/[?&](endpoint|auth|fetch|actor|registration|activity_?[iI]d)=/)
    expect(text, name).not.toMatch(/auth-token|Authorization|Basic [A-Za-z0-9+/=]{8,}/)
  }
}

test('there are courses to check', () => {
  expect(courses.length).toBeGreaterThanOrEqual(4)
})

describe.each(layouts)('%s AU', (layout) => {
  test('every course builds', async () => {
    const result = await build(layout)
    expect(result.code, result.stderr).toBe(0)
  }, 300_000)

  for (const course of courses) {
    test(`${course} → xapi: tincan.xml at the root, valid, ids unique, no credentials`, async () => {
      await build(layout)
      const files = await packageOf(layout, course, 'xapi')
      const bytes = files.get('tincan.xml')
      expect(bytes, 'tincan.xml at the zip root').toBeDefined()
      const xml = new TextDecoder().decode(bytes)
      for (const engine of engines) {
        const verdict = await validateManifest(xml, 'tincan', engine)
        expect(verdict.errors, engine).toEqual([])
        expect(verdict.valid, engine).toBe(true)
      }
      const ids = attributes(xml, 'activity', 'id')
      expect(new Set(ids).size).toBe(ids.length)
      expect([...xml.matchAll(/<launch[^>]*>([^<]*)<\/launch>/g)].map((match) => match[1])).toEqual(['index.html'])
      expect(files.has('index.html')).toBe(true)
      expect(new TextDecoder().decode(files.get('index.html'))).toContain('data-target="xapi"')
      expectNoCredentials(files)
    }, 120_000)

    test(`${course} → cmi5: cmi5.xml at the root, valid, AUs and objectives consistent, no credentials`, async () => {
      await build(layout)
      const files = await packageOf(layout, course, 'cmi5')
      const bytes = files.get('cmi5.xml')
      expect(bytes, 'cmi5.xml at the zip root').toBeDefined()
      const xml = new TextDecoder().decode(bytes)
      for (const engine of engines) {
        const verdict = await validateManifest(xml, 'cmi5', engine)
        expect(verdict.errors, engine).toEqual([])
        expect(verdict.valid, engine).toBe(true)
      }
      const courseId = attributes(xml, 'course', 'id')[0]
      const auIds = attributes(xml, 'au', 'id')
      const objectiveIds = attributes(xml, 'objective', 'id')
      const references = attributes(xml, 'objective', 'idref')
      expect(new Set([courseId, ...auIds, ...objectiveIds]).size).toBe(1 + auIds.length + objectiveIds.length)
      for (const reference of references) expect(objectiveIds).toContain(reference)
      const urls = [...xml.matchAll(/<url>([^<]*)<\/url>/g)].map((match) => decode(match[1]!))
      expect(urls).toHaveLength(auIds.length)
      if (layout === 'single') expect(urls).toEqual(['index.html'])
      else for (const url of urls) expect(url).toMatch(/^index\.html\?module=[^&]+$/)
      const html = new TextDecoder().decode(files.get('index.html'))
      expect(html).toContain('data-target="cmi5"')
      const moduleIds = (courseOfScript(files.get('course.js')!) as {modules: Array<{id: string}>}).modules.map((module) => module.id)
      for (const url of urls) {
        const module = new URL(url, 'http://x/').searchParams.get('module')
        if (module) expect(moduleIds).toContain(module)
      }
      for (const score of attributes(xml, 'au', 'masteryScore')) {
        expect(Number(score)).toBeGreaterThanOrEqual(0)
        expect(Number(score)).toBeLessThanOrEqual(1)
      }
      expectNoCredentials(files)
    }, 120_000)
  }
})
