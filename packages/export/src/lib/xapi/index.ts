import type {Course} from '@coursemark/model'
import {renderManifest} from '../manifest-template.js'
import type {FileSet} from '../scorm-package.js'
import type {LrsResources} from './resources.js'
import {tinCanView} from './view.js'

/** Name of the package description at the package root. */
export const tinCanPath = 'tincan.xml'

/**
 * Turn the web build of a course into an xAPI package (“Tin Can” launch): add `tincan.xml`,
 * which lists the course (launched with `index.html`), its modules, learning outcomes, questions
 * and scored scenarios as activities. No endpoint or credential is in the package: the LMS puts
 * them in the launch URL. Same input, same bytes.
 *
 * @param course
 *   The course (as learners get it).
 * @param site
 *   Files of the web build; not changed.
 * @param resources
 *   Templates (`loadLrsResources()`).
 * @returns
 *   The package files, in path order.
 */
export function exportXapi(course: Course, site: ReadonlyMap<string, Uint8Array>, resources: LrsResources): FileSet {
  if (!site.has('index.html')) throw new Error('Unexpected site without `index.html`, expected the launch page at the root')
  return withFile(site, tinCanPath, renderManifest(resources.xapi, tinCanView(course)))
}

/** The site plus one generated file, in path order (code-unit order, the same in every locale). */
export function withFile(site: ReadonlyMap<string, Uint8Array>, name: string, text: string): FileSet {
  const all = new Map<string, Uint8Array>(site)
  all.set(name, new TextEncoder().encode(text))
  return new Map([...all.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((path) => [path, all.get(path)!]))
}
