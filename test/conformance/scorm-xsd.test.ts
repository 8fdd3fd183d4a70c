/**
 * SCORM manifests of the fixture courses against the official XSDs (through the kit's wrappers),
 * plus deliberately broken manifests that must fail, so a validator that accepts everything
 * cannot pass.
 */

import {describe, expect, test} from 'vitest'
import {loadScormResources} from '../../packages/export/src/lib/resources.js'
import type {ScormResources} from '../../packages/export/src/lib/resources.js'
import {exportScorm12} from '../../packages/export/src/lib/scorm12/index.js'
import {exportScorm2004} from '../../packages/export/src/lib/scorm2004/index.js'
import {checkScormPackage} from '../../packages/export/test/lib/manifest-checks.js'
import {fixtureCourse, fixtureSite} from '../../packages/export/test/lib/site.js'
import type {Engine, SchemaSet} from './lib/xsd.js'
import {validateManifest} from './lib/xsd.js'

/** Engines able to compile each schema set (libxml2 ≥ 2.10 rejects the SCORM 1.2 LOM schema). */
const engines: Record<SchemaSet, ReadonlyArray<Engine>> = {scorm12: ['native'], scorm2004: ['native', 'wasm']}

type Course = Parameters<typeof exportScorm12>[0]

const resources: ScormResources = await loadScormResources()
const courses = ['tricky-course', 'bare-course'].map((name) => [name, fixtureCourse(name)] as const)
const scoModes = ['single', 'per-module'] as const

function manifestOf(set: SchemaSet, course: Course, sco: 'single' | 'per-module'): {files: Map<string, Uint8Array>; manifest: string} {
  const files = set === 'scorm12'
    ? exportScorm12(course, fixtureSite(course), resources, {sco})
    : exportScorm2004(course, fixtureSite(course), resources, {sco})
  return {files, manifest: new TextDecoder().decode(files.get('imsmanifest.xml'))}
}

describe.each(['scorm12', 'scorm2004'] as const)('%s', (set) => {
  const schemaPaths = [...resources[set].schemas.keys()]

  for (const [name, course] of courses) {
    for (const sco of scoModes) {
      for (const engine of engines[set]) {
        test(`${name}, ${sco} SCO: valid against the official XSDs (${engine} xmllint)`, async () => {
          const {manifest} = manifestOf(set, course, sco)
          const verdict = await validateManifest(manifest, set, engine)
          expect(verdict.errors).toEqual([])
          expect(verdict.valid).toBe(true)
        })
      }

      test(`${name}, ${sco} SCO: what the XSD cannot check`, () => {
        const {files} = manifestOf(set, course, sco)
        expect(checkScormPackage(files, set === 'scorm12' ? '1.2' : '2004', schemaPaths)).toEqual([])
      })
    }
  }
})

/** Break a valid manifest in one way each; every one must be rejected. */
const breakages: Record<SchemaSet, ReadonlyArray<readonly [string, (manifest: string) => string]>> = {
  scorm12: [
    ['2004 spelling `adlcp:scormType`', (m) => m.replace('adlcp:scormtype="sco"', 'adlcp:scormType="sco"')],
    ['duplicate identifier', (m) => m.replace(/identifierref="([^"]+)"/, 'identifierref="$1"').replace(/<resource identifier="[^"]+"/, (tag) => tag.replace(/identifier="[^"]+"/, 'identifier="tricky-course-org"'))],
    ['invalid xml:lang', (m) => m.replace('xml:lang="sl"', 'xml:lang="s l"')],
    ['unknown element in the LOM', (m) => m.replace('<imsmd:language>', '<imsmd:tongue>sl</imsmd:tongue><imsmd:language>')],
    ['masteryscore before the title', (m) => m.replace(/(<title>[^<]*<\/title>)(\s*)(<adlcp:masteryscore>\d+<\/adlcp:masteryscore>)/, '$3$2$1')]
  ],
  scorm2004: [
    ['identifier that is not an NCName', (m) => m.replace('identifier="tricky-course-org"', 'identifier="1 org"')],
    ['minNormalizedMeasure above 1', (m) => m.replace(/<imsss:minNormalizedMeasure>[^<]+</, '<imsss:minNormalizedMeasure>1.5<')],
    ['LOM value outside the strict vocabulary', (m) => m.replace('<language>sl</language>', '<language>sl</language><structure><source>LOMv1.0</source><value>tangled</value></structure>')],
    ['imsss element in the wrong order', (m) => m.replace(/(<imsss:objectives>[\s\S]*?<\/imsss:objectives>)(\s*)(<imsss:deliveryControls[^>]*\/>)/, '$3$2$1')],
    ['unknown adlcp scormType value', (m) => m.replace('adlcp:scormType="sco"', 'adlcp:scormType="lesson"')]
  ]
}

describe.each(['scorm12', 'scorm2004'] as const)('%s: broken manifests fail', (set) => {
  const course = fixtureCourse('tricky-course')
  const {manifest} = manifestOf(set, course, 'single')

  for (const [name, breakIt] of breakages[set]) {
    for (const engine of engines[set]) {
      test(`${name} (${engine} xmllint)`, async () => {
        const broken = breakIt(manifest)
        expect(broken).not.toBe(manifest)
        const verdict = await validateManifest(broken, set, engine)
        expect(verdict.valid).toBe(false)
        expect(verdict.errors.length).toBeGreaterThan(0)
      })
    }
  }
})
