/**
 * `tincan.xml` and `cmi5.xml` of the export fixture courses against the XSDs in
 * `../shared/conformance/`, plus deliberately broken documents that must fail, so a validator
 * that accepts everything cannot pass.
 */

import {describe, expect, test} from 'vitest'
import {exportCmi5} from '../../packages/export/src/lib/cmi5/index.js'
import {exportXapi} from '../../packages/export/src/lib/xapi/index.js'
import {loadLrsResources} from '../../packages/export/src/lib/xapi/resources.js'
import {fixtureCourse, fixtureSite} from '../../packages/export/test/lib/site.js'
import {validateManifest, type Engine} from './lib/xsd.js'

const resources = await loadLrsResources()
const engines: ReadonlyArray<Engine> = ['native', 'wasm']
const courses = ['tricky-course', 'bare-course'].map((name) => [name, fixtureCourse(name)] as const)
const text = (files: Map<string, Uint8Array>, name: string): string => new TextDecoder().decode(files.get(name))

describe('tincan.xml', () => {
  for (const [name, course] of courses) {
    for (const engine of engines) {
      test(`${name}: valid (${engine} xmllint)`, async () => {
        const verdict = await validateManifest(text(exportXapi(course, fixtureSite(course), resources), 'tincan.xml'), 'tincan', engine)
        expect(verdict.errors).toEqual([])
        expect(verdict.valid).toBe(true)
      })
    }
  }

  const valid = text(exportXapi(courses[0]![1], fixtureSite(courses[0]![1]), resources), 'tincan.xml')
  const breakages: ReadonlyArray<readonly [string, string]> = [
    ['an activity without a name', valid.replace(/<name[^>]*>[^<]*<\/name>/, '')],
    ['an invalid language', valid.replace(/lang="[^"]+"/, 'lang="s l"')],
    ['launch after interactionType', valid.replace('</activities>', '<activity id="urn:x"><name>x</name><description>x</description><interactionType>choice</interactionType><launch>index.html</launch></activity></activities>')]
  ]
  for (const [what, broken] of breakages) {
    test(`rejects ${what}`, async () => {
      expect(broken).not.toBe(valid)
      for (const engine of engines) expect((await validateManifest(broken, 'tincan', engine)).valid, engine).toBe(false)
    })
  }
})

describe('cmi5.xml', () => {
  for (const [name, course] of courses) {
    for (const au of ['per-module', 'single'] as const) {
      for (const engine of engines) {
        test(`${name}, ${au} AU: valid (${engine} xmllint)`, async () => {
          const verdict = await validateManifest(text(exportCmi5(course, fixtureSite(course), resources, {au}), 'cmi5.xml'), 'cmi5', engine)
          expect(verdict.errors).toEqual([])
          expect(verdict.valid).toBe(true)
        })
      }
    }
  }

  const course = courses[0]![1]
  const valid = text(exportCmi5(course, fixtureSite(course), resources), 'cmi5.xml')
  const breakages: ReadonlyArray<readonly [string, string]> = [
    ['a masteryScore as a percentage', valid.replace(/masteryScore="[^"]+"/, 'masteryScore="80"')],
    ['an unknown moveOn', valid.replace(/moveOn="[^"]+"/, 'moveOn="PassedAndCompleted"')],
    ['an AU without url', valid.replace(/<url>[^<]*<\/url>/, '')],
    ['a course without description', valid.replace(/<description>\s*<langstring[^>]*>[^<]*<\/langstring>\s*<\/description>/, '')]
  ]
  for (const [what, broken] of breakages) {
    test(`rejects ${what}`, async () => {
      expect(broken).not.toBe(valid)
      for (const engine of engines) expect((await validateManifest(broken, 'cmi5', engine)).valid, engine).toBe(false)
    })
  }
})
