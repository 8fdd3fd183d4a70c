import {describe, expect, test} from 'vitest'
import type {Course} from '@coursemark/model'
import {activityIri} from '@coursemark/model'
import {exportCmi5} from '../src/lib/cmi5/index.js'
import {exportXapi} from '../src/lib/xapi/index.js'
import {loadLrsResources} from '../src/lib/xapi/resources.js'
import {fixtureCourse, fixtureSite} from './lib/site.js'
import {all, parseXml, type XmlElement} from './lib/xml.js'

const resources = await loadLrsResources()
const course = fixtureCourse('tricky-course')
const bare = fixtureCourse('bare-course')

function documentOf(files: ReadonlyMap<string, Uint8Array>, name: string): XmlElement {
  return parseXml(new TextDecoder().decode(files.get(name)))
}

function aus(input: Course, au?: 'per-module' | 'single'): Array<Record<string, unknown>> {
  return all(documentOf(exportCmi5(input, fixtureSite(input), resources, {au}), 'cmi5.xml'), 'au').map((element) => ({
    id: element.attributes.get('id'),
    moveOn: element.attributes.get('moveOn'),
    masteryScore: element.attributes.get('masteryScore'),
    url: all(element, 'url')[0]?.text,
    objectives: all(element, 'objective').map((objective) => objective.attributes.get('idref'))
  }))
}

describe('exportCmi5', () => {
  test('one AU per module by default: its module, its outcomes, moveOn and masteryScore when scored', () => {
    const list = aus(course)
    expect(list.map((au) => au['id'])).toEqual(course.modules.map((module) => activityIri(course.id, 'au', module.id)))
    expect(list.map((au) => au['url'])).toEqual(course.modules.map((module) => 'index.html?module=' + encodeURIComponent(module.id)))
    for (const au of list) {
      expect(au['moveOn'] === 'CompletedAndPassed' ? au['masteryScore'] : undefined).toBe(au['moveOn'] === 'CompletedAndPassed' ? '0.75' : undefined)
      for (const reference of au['objectives'] as string[]) expect(reference.startsWith(course.id.replace(/\/+$/, '') + '/objectives/')).toBe(true)
    }
  })

  test('one AU for the course as an option', () => {
    expect(aus(course, 'single')).toEqual([expect.objectContaining({id: activityIri(course.id, 'au'), url: 'index.html', masteryScore: '0.75'})])
  })

  test('an unscored course: moveOn Completed, no masteryScore, no objectives element', () => {
    const files = exportCmi5(bare, fixtureSite(bare), resources)
    expect(aus(bare)).toEqual([{id: activityIri(bare.id, 'au', 'only'), moveOn: 'Completed', masteryScore: undefined, url: 'index.html?module=only', objectives: []}])
    expect(all(documentOf(files, 'cmi5.xml'), 'objectives')).toEqual([])
  })

  test('ids stay the same in a new version of the course', () => {
    expect(aus({...course, version: '9.9.9', title: 'Renamed'})).toEqual(aus(course))
  })

  test('the site is packed as it is, with cmi5.xml beside it; same input, same bytes', () => {
    const site = fixtureSite(course)
    const files = exportCmi5(course, site, resources)
    expect([...files.keys()]).toEqual([...[...site.keys()], 'cmi5.xml'].sort())
    expect(exportCmi5(course, fixtureSite(course), resources)).toEqual(files)
  })
})

describe('exportXapi', () => {
  test('tincan.xml: the course launched with index.html, then modules, objectives, questions', () => {
    const root = documentOf(exportXapi(course, fixtureSite(course), resources), 'tincan.xml')
    const activities = all(root, 'activity')
    expect(activities[0]?.attributes.get('id')).toBe(course.id)
    expect(all(activities[0]!, 'launch').map((launch) => launch.text)).toEqual(['index.html'])
    expect(activities.slice(1).every((activity) => all(activity, 'launch').length === 0)).toBe(true)
    const ids = activities.map((activity) => activity.attributes.get('id'))
    expect(new Set(ids).size).toBe(ids.length)
    for (const module of course.modules) expect(ids).toContain(activityIri(course.id, 'modules', module.id))
    for (const outcome of course.outcomes) expect(ids).toContain(activityIri(course.id, 'objectives', outcome.id))
    const questions = activities.filter((activity) => activity.attributes.get('type') === 'http://adlnet.gov/expapi/activities/cmi.interaction')
    expect(questions.length).toBeGreaterThan(0)
    for (const question of questions) expect(all(question, 'interactionType')).toHaveLength(1)
  })

  test('no launch parameter or credential is packed', () => {
    for (const files of [exportXapi(course, fixtureSite(course), resources), exportCmi5(course, fixtureSite(course), resources)]) {
      for (const [name, bytes] of files) expect(new TextDecoder().decode(bytes), name).not.toMatch(/endpoint|auth=|fetch=|registration=|Authorization/)
    }
  })
})
