/** The schema files SCORM packages carry are the official ones, byte for byte, and only those. */

import fs from 'node:fs/promises'
import path from 'node:path'
import {expect, test} from 'vitest'
import {loadScormResources} from '../../packages/export/src/lib/resources.js'
import {conformanceRoot} from './lib/xsd.js'

const resources = await loadScormResources()

test('SCORM 1.2 packages carry the four ADL SCORM 1.2 schemas', async () => {
  const files = resources.scorm12.schemas
  expect([...files.keys()]).toEqual(['adlcp_rootv1p2.xsd', 'ims_xml.xsd', 'imscp_rootv1p1p2.xsd', 'imsmd_rootv1p2p1.xsd'])
  for (const [name, bytes] of files) {
    expect(Buffer.from(bytes).equals(await fs.readFile(path.join(conformanceRoot, 'scorm12', name))), name).toBe(true)
  }
})

test('SCORM 2004 packages carry the 4th edition set ADL ships with content packages', async () => {
  const files = resources.scorm2004.schemas
  const official = (await fs.readdir(path.join(conformanceRoot, 'scorm2004-4th'), {recursive: true, withFileTypes: true}))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(path.join(conformanceRoot, 'scorm2004-4th'), path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
  // Everything but the kit's own wrapper, the SCORM 1.2 leftover and the alternative LOM composites.
  const expected = official
    .filter((name) => !['_kit_wrapper.xsd', 'bdlcp_rootv1p2.xsd', 'lomCustom.xsd', 'lomLoose.xsd', 'lomStrict.xsd'].includes(name))
    .sort()
  expect([...files.keys()]).toEqual(expected)
  expect(expected).toHaveLength(33)
  for (const [name, bytes] of files) {
    expect(Buffer.from(bytes).equals(await fs.readFile(path.join(conformanceRoot, 'scorm2004-4th', name))), name).toBe(true)
  }
})
