import type {Course} from '@coursemark/model'
import {renderManifest} from '../manifest-template.js'
import type {ScormResources} from '../resources.js'
import type {FileSet, ScormOptions} from '../scorm-package.js'
import {packageFiles, scormLayout} from '../scorm-package.js'
import {scorm12View} from './view.js'

/**
 * Turn the web build of a course into a SCORM 1.2 package: add `imsmanifest.xml` and the SCORM
 * 1.2 schema files (`imscp_rootv1p1p2.xsd`, `adlcp_rootv1p2.xsd`, `imsmd_rootv1p2p1.xsd`,
 * `ims_xml.xsd`) at the root.
 *
 * The manifest has `<schemaversion>1.2</schemaversion>`, LOM metadata, one default organization
 * whose items are SCOs (`adlcp:scormtype="sco"`) with `adlcp:masteryscore` (0–100) when something
 * is scored, and lists every site file. Same input, same bytes.
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
export function exportScorm12(
  course: Course,
  site: FileSet,
  resources: ScormResources,
  options?: ScormOptions | null
): FileSet {
  const layout = scormLayout(course, site, options)
  const manifest = renderManifest(resources.scorm12, scorm12View(course, layout))
  return packageFiles(site, manifest, resources.scorm12.schemas)
}

export type {FileSet, ScormOptions} from '../scorm-package.js'
export type {ScormResources} from '../resources.js'
