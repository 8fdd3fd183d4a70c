import type {Course} from '@coursemark/model'
import {renderManifest} from '../manifest-template.js'
import type {FileSet} from '../scorm-package.js'
import {withFile} from '../xapi/index.js'
import type {LrsResources} from '../xapi/resources.js'
import {cmi5View, type AuLayout} from './view.js'

/** Name of the course structure at the package root. */
export const cmi5Path = 'cmi5.xml'

/** Configuration for `exportCmi5` (optional). */
export interface Cmi5Options {
  /** One AU per module (default), or one AU for the whole course. */
  readonly au?: AuLayout | null | undefined
}

/**
 * Turn the web build of a course into a cmi5 package: add `cmi5.xml` (course structure) at the
 * root. No endpoint or credential is in the package: the LMS puts them in the launch URL.
 * Same input, same bytes.
 *
 * @param course
 *   The course (as learners get it).
 * @param site
 *   Files of the web build; not changed.
 * @param resources
 *   Templates (`loadLrsResources()`).
 * @param options
 *   Configuration (optional).
 * @returns
 *   The package files, in path order.
 */
export function exportCmi5(course: Course, site: ReadonlyMap<string, Uint8Array>, resources: LrsResources, options?: Cmi5Options | null): FileSet {
  if (!site.has('index.html')) throw new Error('Unexpected site without `index.html`, expected the launch page at the root')
  return withFile(site, cmi5Path, renderManifest(resources.cmi5, cmi5View(course, options?.au ?? 'per-module')))
}

export type {AuLayout} from './view.js'
