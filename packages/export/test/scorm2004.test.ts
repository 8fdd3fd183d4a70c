import fc from 'fast-check'
import {describe, expect, test} from 'vitest'
import type {Course} from '@coursemark/model'
import {loadScormResources} from '../src/lib/resources.js'
import {exportScorm2004} from '../src/lib/scorm2004/index.js'
import {normalizedMeasure} from '../src/lib/scorm2004/view.js'
import {checkScormPackage} from './lib/manifest-checks.js'
import {fixtureCourse, fixtureSite} from './lib/site.js'
import type {XmlElement} from './lib/xml.js'
import {all, childrenNamed, parseXml} from './lib/xml.js'

const resources = await loadScormResources()
const course = fixtureCourse('tricky-course')
const schemaPaths = [...resources.scorm2004.schemas.keys()]

function manifestText(files: ReadonlyMap<string, Uint8Array>): string {
  return new TextDecoder().decode(files.get('imsmanifest.xml'))
}

function manifestOf(input: Course, options?: Parameters<typeof exportScorm2004>[3]): XmlElement {
  return parseXml(manifestText(exportScorm2004(input, fixtureSite(input), resources, options)))
}

/** The objectives of an item: primary first, as `[objectiveID, minNormalizedMeasure | null]`. */
function objectives(item: XmlElement): Array<[string | undefined, string | null]> {
  const primary = all(item, 'imsss:primaryObjective')
  expect(primary).toHaveLength(1)
  return [...primary, ...all(item, 'imsss:objective')].map((objective) => [
    objective.attributes.get('objectiveID'),
    all(objective, 'imsss:minNormalizedMeasure')[0]?.text ?? null
  ])
}

describe('exportScorm2004', () => {
  test('adds imsmanifest.xml and the ADL schema set at the root, site files unchanged', () => {
    const site = fixtureSite(course)
    const files = exportScorm2004(course, site, resources)
    for (const [path, bytes] of site) expect(files.get(path)).toBe(bytes)
    expect([...files.keys()].sort()).toEqual([...site.keys(), 'imsmanifest.xml', ...schemaPaths].sort())
    expect(schemaPaths).toEqual(
      expect.arrayContaining([
        'imscp_v1p1.xsd', 'adlcp_v1p3.xsd', 'adlseq_v1p3.xsd', 'adlnav_v1p3.xsd', 'imsss_v1p0.xsd', 'imsss_v1p0objective.xsd',
        'lom.xsd', 'common/elementTypes.xsd', 'extend/strict.xsd', 'unique/strict.xsd', 'vocab/strict.xsd', 'xml.xsd',
        'XMLSchema.dtd', 'datatypes.dtd'
      ])
    )
    expect(schemaPaths.some((path) => path.includes('_kit_wrapper'))).toBe(false)
    expect(checkScormPackage(files, '2004', schemaPaths)).toEqual([])
  })

  test('manifest: schemaversion 2004 4th Edition, adlcp:scormType, choice and flow, LOM', () => {
    const root = manifestOf(course)
    expect(root.attributes.get('xmlns')).toBe('http://www.imsglobal.org/xsd/imscp_v1p1')
    expect(root.attributes.get('xmlns:adlcp')).toBe('http://www.adlnet.org/xsd/adlcp_v1p3')
    expect(root.attributes.get('xmlns:imsss')).toBe('http://www.imsglobal.org/xsd/imsss')
    const metadata = childrenNamed(root, 'metadata')[0]!
    expect(childrenNamed(metadata, 'schemaversion')[0]!.text).toBe('2004 4th Edition')

    const lom = childrenNamed(metadata, 'lom')[0]!
    expect(lom.attributes.get('xmlns')).toBe('http://ltsc.ieee.org/xsd/LOM')
    const general = childrenNamed(lom, 'general')[0]!
    expect(childrenNamed(childrenNamed(general, 'title')[0]!, 'string')[0]!.text).toBe(course.title)
    expect(childrenNamed(childrenNamed(general, 'title')[0]!, 'string')[0]!.attributes.get('language')).toBe('sl')
    expect(childrenNamed(general, 'language')[0]!.text).toBe('sl')
    expect(childrenNamed(childrenNamed(general, 'description')[0]!, 'string')[0]!.text).toBe(course.description)
    expect(childrenNamed(general, 'keyword').map((keyword) => keyword.children[0]!.text)).toEqual(['prison & probation', '<security>', 'Übung'])
    expect(all(childrenNamed(lom, 'lifeCycle')[0]!, 'string')[0]!.text).toBe('2.1.0')
    expect(all(general, 'entry')[0]!.text).toBe(course.id)

    const resource = all(root, 'resource')
    expect(resource).toHaveLength(1)
    expect(resource[0]!.attributes.get('adlcp:scormType')).toBe('sco')
    expect(resource[0]!.attributes.has('adlcp:scormtype')).toBe(false)

    const organization = all(root, 'organization')[0]!
    const control = all(childrenNamed(organization, 'imsss:sequencing')[0]!, 'imsss:controlMode')[0]!
    expect(control.attributes.get('choice')).toBe('true')
    expect(control.attributes.get('flow')).toBe('true')
  })

  test('single SCO: primary objective satisfied by measure at the pass mark, one objective per outcome', () => {
    const item = all(manifestOf(course), 'item')[0]!
    expect(item.attributes.get('identifier')).toBe('tricky-course-sco')
    expect(objectives(item)).toEqual([['tricky-course-sco', '0.75'], ['LO1', null], ['LO2', null], ['LO3', null]])
    expect(all(item, 'imsss:primaryObjective')[0]!.attributes.get('satisfiedByMeasure')).toBe('true')
    const delivery = all(item, 'imsss:deliveryControls')[0]!
    expect(delivery.attributes.get('completionSetByContent')).toBe('true')
    expect(delivery.attributes.get('objectiveSetByContent')).toBe('true')
  })

  test('per-module: each SCO has the outcomes its module teaches or assesses; pass mark only where scored', () => {
    const files = exportScorm2004(course, fixtureSite(course), resources, {sco: 'per-module'})
    expect(checkScormPackage(files, '2004', schemaPaths)).toEqual([])
    const items = all(parseXml(manifestText(files)), 'item')
    expect(items).toHaveLength(3)
    expect(objectives(items[0]!)).toEqual([['tricky-course-intro', '0.75'], ['LO1', null]])
    expect(objectives(items[1]!)).toEqual([[items[1]!.attributes.get('identifier'), null], ['LO2', null]])
    expect(all(items[1]!, 'imsss:primaryObjective')[0]!.attributes.has('satisfiedByMeasure')).toBe(false)
    // The scenario of the last module is scored on LO1.
    expect(objectives(items[2]!)).toEqual([['tricky-course-final', '0.75'], ['LO1', null], ['LO2', null], ['LO3', null]])
  })

  test('titles are at most 255 characters', () => {
    const long = course.modules[1]!.title
    const root = manifestOf({...course, title: long}, {sco: 'per-module'})
    const titles = all(root, 'title').map((title) => title.text)
    const cut = titles.filter((title) => title.endsWith('…'))
    expect(cut).toHaveLength(2)
    for (const title of cut) {
      expect([...title].length).toBeGreaterThan(245)
      expect(long.startsWith(title.slice(0, -1))).toBe(true)
    }
    for (const title of titles) expect([...title].length).toBeLessThanOrEqual(255)
  })

  test('objective ids stay unique even when an outcome is named like the item', () => {
    const clash: Course = {...course, outcomes: [...course.outcomes, {...course.outcomes[0]!, id: 'tricky-course-sco'}]}
    const item = all(manifestOf(clash), 'item')[0]!
    const ids = objectives(item).map(([id]) => id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toContain('tricky-course-sco')
  })

  test('is byte-deterministic and identical in identifiers to the SCORM 1.2 package', async () => {
    const a = manifestText(exportScorm2004(course, fixtureSite(course), resources, {sco: 'per-module'}))
    const b = manifestText(exportScorm2004(course, new Map([...fixtureSite(course)].reverse()), resources, {sco: 'per-module'}))
    expect(b).toBe(a)
    const {exportScorm12} = await import('../src/lib/scorm12/index.js')
    const ids = (root: XmlElement) => [root, ...all(root, 'organization'), ...all(root, 'item')].map((element) => element.attributes.get('identifier'))
    expect(ids(parseXml(manifestText(exportScorm12(course, fixtureSite(course), resources, {sco: 'per-module'}))))).toEqual(ids(parseXml(a)))
  })

  test('no pass mark when nothing is scored', () => {
    const bare = fixtureCourse('bare-course')
    const files = exportScorm2004(bare, fixtureSite(bare), resources)
    expect(checkScormPackage(files, '2004', schemaPaths)).toEqual([])
    const item = all(parseXml(manifestText(files)), 'item')[0]!
    expect(objectives(item)).toEqual([[item.attributes.get('identifier'), null]])
  })
})

describe('normalizedMeasure', () => {
  test('is a plain decimal from 0 to 1', () => {
    expect(normalizedMeasure(0.8)).toBe('0.8')
    expect(normalizedMeasure(0)).toBe('0')
    expect(normalizedMeasure(1)).toBe('1')
    expect(normalizedMeasure(0.000001)).toBe('0')
    fc.assert(
      fc.property(fc.double({min: 0, max: 1, noNaN: true}), (mastery) => {
        const measure = normalizedMeasure(mastery)
        expect(measure).toMatch(/^(?:0(?:\.\d{1,4})?|1)$/)
        expect(Math.abs(Number(measure) - mastery)).toBeLessThanOrEqual(0.00005)
      })
    )
  })
})
