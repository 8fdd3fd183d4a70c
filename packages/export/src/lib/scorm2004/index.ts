import type {Course} from '@coursemark/model'
import {renderManifest} from '../manifest-template.js'
import type {ScormResources} from '../resources.js'
import type {FileSet, ScormOptions} from '../scorm-package.js'
import {packageFiles, scormLayout} from '../scorm-package.js'
import {scorm2004View} from './view.js'

/**
 * Turn the web build of a course into a SCORM 2004 4th edition package: add `imsmanifest.xml`
 * and the schema files ADL ships with content packages (`imscp_v1p1.xsd`, `adlcp_v1p3.xsd`,
 * `adlseq_v1p3.xsd`, `adlnav_v1p3.xsd`, `imsss_v1p0*.xsd`, `lom.xsd` with `common/`, `extend/`,
 * `unique/`, `vocab/`, `xml.xsd`, `XMLSchema.dtd`, `datatypes.dtd`) at the root.
 *
 * The manifest has `<schemaversion>2004 4th Edition</schemaversion>`, LOM metadata, one default
 * organization (`choice` and `flow` navigation) whose items are SCOs (`adlcp:scormType="sco"`),
 * each with a primary objective (satisfied by measure against `course.mastery` when something is
 * scored) and one objective per learning outcome, and lists every site file. Same input, same
 * bytes.
 *
 * @param course
 *   The course (as learners get it).
 * @param site
 *   Files of the web build (`index.html`, `assets/…`, media); not changed.
 * @param resources
 *   Templates and schema files (`loadScormResources()`).
 * @param options
 *   Configuration (optional).
 * @returns
 *   The package files, in path order.
 */
export function exportScorm2004(
  course: Course,
  site: FileSet,
  resources: ScormResources,
  options?: ScormOptions | null
): FileSet {
  const layout = scormLayout(course, site, options)
  const manifest = renderManifest(resources.scorm2004, scorm2004View(course, layout))
  return packageFiles(site, manifest, resources.scorm2004.schemas)
}

export type {FileSet, ScormOptions} from '../scorm-package.js'
export type {ScormResources} from '../resources.js'
