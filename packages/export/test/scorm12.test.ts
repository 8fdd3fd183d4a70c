import fc from 'fast-check'
import Handlebars from 'handlebars'
import {describe, expect, test} from 'vitest'
import type {Course} from '@coursemark/model'
import {loadScormResources} from '../src/lib/resources.js'
import {exportScorm12} from '../src/lib/scorm12/index.js'
import {masteryScore} from '../src/lib/scorm12/view.js'
import {checkScormPackage} from './lib/manifest-checks.js'
import {fixtureCourse, fixtureSite} from './lib/site.js'
import type {XmlElement} from './lib/xml.js'
import {all, childrenNamed, parseXml} from './lib/xml.js'

const resources = await loadScormResources()
const course = fixtureCourse('tricky-course')
const schemaPaths = ['adlcp_rootv1p2.xsd', 'ims_xml.xsd', 'imscp_rootv1p1p2.xsd', 'imsmd_rootv1p2p1.xsd']

function manifestText(files: ReadonlyMap<string, Uint8Array>): string {
  return new TextDecoder().decode(files.get('imsmanifest.xml'))
}

function manifestOf(input: Course, options?: Parameters<typeof exportScorm12>[3]): XmlElement {
  return parseXml(manifestText(exportScorm12(input, fixtureSite(input), resources, options)))
}

function text(element: XmlElement | undefined): string | undefined {
  return element?.text
}

describe('exportScorm12', () => {
  test('adds imsmanifest.xml and the four SCORM 1.2 schemas at the root, site files unchanged', () => {
    const site = fixtureSite(course)
    const before = new Map(site)
    const files = exportScorm12(course, site, resources)
    expect([...files.keys()].sort()).toEqual([...site.keys(), 'imsmanifest.xml', ...schemaPaths].sort())
    for (const [path, bytes] of site) expect(files.get(path)).toBe(bytes)
    expect(site).toEqual(before)
    expect([...resources.scorm12.schemas.keys()]).toEqual(schemaPaths)
    expect(checkScormPackage(files, '1.2', schemaPaths)).toEqual([])
  })

  test('manifest: schemaversion 1.2, literal adlcp prefix, default organization, one SCO', () => {
    const root = manifestOf(course)
    expect(root.attributes.get('xmlns')).toBe('http://www.imsproject.org/xsd/imscp_rootv1p1p2')
    expect(root.attributes.get('xmlns:adlcp')).toBe('http://www.adlnet.org/xsd/adlcp_rootv1p2')
    expect(root.attributes.get('identifier')).toBe('tricky-course')
    expect(root.attributes.get('version')).toBe('2.1.0')
    const metadata = childrenNamed(root, 'metadata')[0]!
    expect(text(childrenNamed(metadata, 'schema')[0])).toBe('ADL SCORM')
    expect(text(childrenNamed(metadata, 'schemaversion')[0])).toBe('1.2')

    const organizations = childrenNamed(root, 'organizations')[0]!
    expect(organizations.attributes.get('default')).toBe('tricky-course-org')
    const items = all(root, 'item')
    expect(items).toHaveLength(1)
    expect(items[0]!.attributes.get('identifier')).toBe('tricky-course-sco')
    expect(items[0]!.attributes.get('identifierref')).toBe('tricky-course-sco-res')
    expect(text(all(items[0]!, 'adlcp:masteryscore')[0])).toBe('75')

    const resource = all(root, 'resource')
    expect(resource).toHaveLength(1)
    expect(resource[0]!.attributes.get('adlcp:scormtype')).toBe('sco')
    expect(resource[0]!.attributes.get('href')).toBe('index.html')
    expect(all(resource[0]!, 'file').map((file) => file.attributes.get('href'))).toEqual([
      'assets/coursemark.css',
      'assets/coursemark.js',
      'index.html',
      'media/gate.svg',
      'media/%C3%9Cbung%201%20%26%202.png'
    ])
  })

  test('escapes & < > " \' and keeps non-ASCII text as it is', () => {
    const source = manifestText(exportScorm12(course, fixtureSite(course), resources))
    expect(source).toContain('Safety &amp; &lt;Security&gt; &quot;First&quot; – it&#x27;s Zaključni preizkus – Übung')
    const root = parseXml(source)
    const organization = all(root, 'organization')[0]!
    expect(text(childrenNamed(organization, 'title')[0])).toBe(course.title)
    expect(text(all(root, 'imsmd:title')[0]!.children[0])).toBe(course.title)
    expect(all(root, 'imsmd:title')[0]!.children[0]!.attributes.get('xml:lang')).toBe('sl')
    expect(text(all(root, 'imsmd:description')[0]!.children[0])).toBe(course.description)
    expect(all(root, 'imsmd:keyword').map((keyword) => keyword.children[0]!.text)).toEqual(['prison & probation', '<security>', 'Übung'])
    expect(text(all(root, 'imsmd:language')[0])).toBe('sl')
    expect(text(all(root, 'imsmd:version')[0]!.children[0])).toBe('2.1.0')
    expect(text(all(root, 'imsmd:identifier')[0])).toBe(course.id)
  })

  test('per-module: one SCO per module, launched with ?module=<id>, files in one shared asset', () => {
    const files = exportScorm12(course, fixtureSite(course), resources, {sco: 'per-module'})
    expect(checkScormPackage(files, '1.2', schemaPaths)).toEqual([])
    const root = parseXml(manifestText(files))
    const items = all(root, 'item')
    expect(items.map((item) => item.attributes.get('identifier'))).toEqual([
      'tricky-course-intro',
      expect.stringMatching(/^tricky-course-zakljucni-preizkus-ubung-[0-9a-z]+$/),
      'tricky-course-final'
    ])
    const resourcesById = new Map(all(root, 'resource').map((resource) => [resource.attributes.get('identifier'), resource]))
    const launched = items.map((item) => resourcesById.get(item.attributes.get('identifierref'))!)
    expect(launched.map((resource) => new URL(resource.attributes.get('href')!, 'https://lms.test/').searchParams.get('module'))).toEqual(
      course.modules.map((module) => module.id)
    )
    for (const resource of launched) {
      expect(resource.attributes.get('adlcp:scormtype')).toBe('sco')
      expect(all(resource, 'dependency').map((dependency) => dependency.attributes.get('identifierref'))).toEqual(['tricky-course-files'])
    }
    const shared = resourcesById.get('tricky-course-files')!
    expect(shared.attributes.get('adlcp:scormtype')).toBe('asset')
    expect(all(shared, 'file')).toHaveLength(5)

    // Only modules with something scored get a mastery score.
    expect(items.map((item) => text(all(item, 'adlcp:masteryscore')[0]) ?? null)).toEqual(['75', null, '75'])
  })

  test('titles are one line, at most 200 characters (the SCORM 1.2 limit), ending in … when cut', () => {
    const long = course.modules[1]!.title
    expect([...long].length).toBeGreaterThan(255)
    const root = manifestOf({...course, title: long + '\n second line'}, {sco: 'per-module'})
    for (const title of all(root, 'title')) {
      expect([...title.text].length).toBeLessThanOrEqual(200)
      expect(title.text).not.toContain('\n')
    }
    const organizationTitle = childrenNamed(all(root, 'organization')[0]!, 'title')[0]!.text
    expect([...organizationTitle].length).toBeGreaterThan(190)
    expect(organizationTitle.endsWith('…')).toBe(true)
    expect(long.startsWith(organizationTitle.slice(0, -1))).toBe(true)
    // The LOM title is not cut (only made one line).
    expect(text(all(root, 'imsmd:title')[0]!.children[0])).toBe((long + '\n second line').replace(/\s+/g, ' '))
  })

  test('identifiers do not change with the version, the title or added modules', () => {
    const ids = (root: XmlElement) =>
      [root, ...all(root, 'organization'), ...all(root, 'item'), ...all(root, 'resource')].map((element) => element.attributes.get('identifier'))
    const before = ids(manifestOf(course, {sco: 'per-module'}))
    const next: Course = {
      ...course,
      version: '3.0.0',
      title: 'Renamed',
      modules: [
        // Named like the resource of the module after it: item identifiers still do not move.
        {...course.modules[0]!, id: 'intro-res', title: 'New'},
        course.modules[0]!,
        {...course.modules[0]!, id: 'new-module', title: 'New'},
        ...course.modules.slice(1)
      ]
    }
    const after = ids(manifestOf(next, {sco: 'per-module'}))
    const items = (root: XmlElement) => all(root, 'item').map((item) => item.attributes.get('identifier'))
    expect(items(manifestOf(next, {sco: 'per-module'}))).toEqual([
      'tricky-course-intro-res',
      ...items(manifestOf(course, {sco: 'per-module'})).slice(0, 1),
      'tricky-course-new-module',
      ...items(manifestOf(course, {sco: 'per-module'})).slice(1)
    ])
    expect(new Set(after).size).toBe(after.length)
    for (const id of before.filter((id) => !id?.endsWith('-res'))) expect(after).toContain(id)
    expect(ids(manifestOf({...course, version: '9.9.9'}))).toEqual(ids(manifestOf(course)))
  })

  test('is byte-deterministic, whatever the order of the site map', () => {
    const site = fixtureSite(course)
    const reversed = new Map([...site].reverse())
    const a = exportScorm12(course, site, resources, {sco: 'per-module'})
    const b = exportScorm12(course, reversed, resources, {sco: 'per-module'})
    expect(manifestText(b)).toBe(manifestText(a))
    expect([...b.keys()]).toEqual([...a.keys()])
    expect([...a.keys()]).toEqual([...a.keys()].sort())
  })

  test('no mastery score when nothing is scored; invalid language left out; long version left out', () => {
    const bare = fixtureCourse('bare-course')
    const files = exportScorm12(bare, fixtureSite(bare), resources)
    expect(checkScormPackage(files, '1.2', schemaPaths)).toEqual([])
    const source = manifestText(files)
    expect(source).not.toContain('masteryscore')
    expect(source).not.toContain('xml:lang="en US"')
    const root = parseXml(source)
    expect(root.attributes.has('version')).toBe(false)
    expect(root.attributes.get('identifier')).toMatch(/^_1-bare-course-[0-9a-z]+$/)
    expect(text(childrenNamed(all(root, 'organization')[0]!, 'title')[0])).toBe('1 bare course')
  })

  test('characters XML cannot carry are dropped', () => {
    const source = manifestText(exportScorm12({...course, title: 'Bell\u0007 and \uFFFF nul\u0000'}, fixtureSite(course), resources))
    expect(text(childrenNamed(all(parseXml(source), 'organization')[0]!, 'title')[0])).toBe('Bell and nul')
  })

  test('global Handlebars helpers and partials cannot change the manifest', () => {
    const clean = manifestText(exportScorm12(course, fixtureSite(course), resources))
    Handlebars.registerPartial('lom', '<broken>')
    Handlebars.registerHelper('each', () => 'broken')
    try {
      expect(manifestText(exportScorm12(course, fixtureSite(course), resources))).toBe(clean)
    } finally {
      Handlebars.unregisterPartial('lom')
      Handlebars.unregisterHelper('each')
    }
  })

  test('rejects a site without index.html', () => {
    expect(() => exportScorm12(course, new Map(), resources)).toThrow(/index\.html/)
  })
})

describe('masteryScore', () => {
  test('turns the scaled pass mark into an integer 0–100', () => {
    expect(masteryScore(0.8)).toBe('80')
    expect(masteryScore(0)).toBe('0')
    expect(masteryScore(1)).toBe('100')
    expect(masteryScore(0.755)).toBe('76')
    expect(masteryScore(0.5049)).toBe('50')
    fc.assert(
      fc.property(fc.double({min: 0, max: 1, noNaN: true}), (mastery) => {
        const score = masteryScore(mastery)
        expect(score).toMatch(/^(?:100|[1-9]?\d)$/)
        expect(Math.abs(Number(score) - mastery * 100)).toBeLessThanOrEqual(0.5)
      })
    )
  })
})
