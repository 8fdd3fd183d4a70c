/** The package checks used by the SCORM tests catch what they claim to catch. */

import {describe, expect, test} from 'vitest'
import {loadScormResources} from '../src/lib/resources.js'
import {exportScorm12} from '../src/lib/scorm12/index.js'
import {exportScorm2004} from '../src/lib/scorm2004/index.js'
import type {ScormVersion} from './lib/manifest-checks.js'
import {checkScormPackage} from './lib/manifest-checks.js'
import {fixtureCourse, fixtureSite} from './lib/site.js'

const resources = await loadScormResources()
const course = fixtureCourse('tricky-course')

const packages = {
  '1.2': {files: exportScorm12(course, fixtureSite(course), resources, {sco: 'per-module'}), schemas: [...resources.scorm12.schemas.keys()]},
  '2004': {files: exportScorm2004(course, fixtureSite(course), resources, {sco: 'per-module'}), schemas: [...resources.scorm2004.schemas.keys()]}
} as const

function edit(version: ScormVersion, change: (manifest: string) => string): Map<string, Uint8Array> {
  const files = new Map(packages[version].files)
  const manifest = new TextDecoder().decode(files.get('imsmanifest.xml'))
  const changed = change(manifest)
  expect(changed).not.toBe(manifest)
  files.set('imsmanifest.xml', new TextEncoder().encode(changed))
  return files
}

describe.each(['1.2', '2004'] as const)('checkScormPackage (%s)', (version) => {
  const check = (files: ReadonlyMap<string, Uint8Array>) => checkScormPackage(files, version, packages[version].schemas)

  test('passes the exported package', () => {
    expect(check(packages[version].files)).toEqual([])
  })

  const cases: Array<[string, (files: Map<string, Uint8Array>) => Map<string, Uint8Array>, RegExp]> = [
    ['manifest not at the root', (files) => {
      const bytes = files.get('imsmanifest.xml')!
      files.delete('imsmanifest.xml')
      files.set('course/imsmanifest.xml', bytes)
      return files
    }, /no imsmanifest\.xml/],
    ['a listed file missing', (files) => {
      files.delete('media/gate.svg')
      return files
    }, /file `media\/gate\.svg` is not in the package/],
    ['a file not listed', (files) => files.set('media/extra.png', new Uint8Array()), /not listed/],
    ['a schema file missing', (files) => {
      files.delete(packages[version].schemas[0]!)
      return files
    }, /schema file/],
    ['a dangling identifierref', () => edit(version, (m) => m.replace(/identifierref="([^"]+)-files"/, 'identifierref="$1-gone"')), /does not resolve/],
    ['a duplicate identifier', () => edit(version, (m) => m.replace('identifier="tricky-course-final"', 'identifier="tricky-course-intro"')), /appears twice/],
    ['a dangling default organization', () => edit(version, (m) => m.replace('default="tricky-course-org"', 'default="nope"')), /@default/],
    ['an inexact schemaversion', () => edit(version, (m) => m.replace(/<schemaversion>[^<]+</, '<schemaversion>2004 3rd Edition<')), /schemaversion/],
    ['another prefix than adlcp:', () => edit(version, (m) => m.replaceAll('adlcp:', 'adl:').replace('xmlns:adlcp=', 'xmlns:adl=')), /adlcp/],
    ['the other version’s scormType spelling', () => edit(version, (m) => m.replace(/adlcp:scorm[tT]ype="sco"/, version === '1.2' ? 'adlcp:scormType="sco"' : 'adlcp:scormtype="sco"')), /uses `adlcp:scorm/],
    ['an unsorted file list', () => edit(version, (m) => m.replace('<file href="assets/coursemark.css"/>', '<file href="media/gate.svg"/><file href="assets/coursemark.css"/>')), /not sorted/],
    ['a title too long', () => edit(version, (m) => m.replace('<title>Final check</title>', '<title>' + 'x'.repeat(256) + '</title>')), /title of 256/]
  ]
  if (version === '1.2') {
    cases.push(['a mastery score in percent', () => edit(version, (m) => m.replace(/<adlcp:masteryscore>\d+</, '<adlcp:masteryscore>80%<')), /masteryscore/])
    cases.push(['a scaled mastery score', () => edit(version, (m) => m.replace(/<adlcp:masteryscore>\d+</, '<adlcp:masteryscore>0.8<')), /masteryscore/])
    cases.push(['a title over 200 characters', () => edit(version, (m) => m.replace('<title>Final check</title>', '<title>' + 'x'.repeat(201) + '</title>')), /title of 201/])
  } else {
    cases.push(['a repeated objective id', () => edit(version, (m) => m.replace('objectiveID="LO3"', 'objectiveID="LO2"')), /repeats an objectiveID/])
  }

  test.each(cases)('finds %s', (_, breakIt, expected) => {
    const problems = check(breakIt(new Map(packages[version].files)))
    expect(problems.join('\n')).toMatch(expected)
  })
})
