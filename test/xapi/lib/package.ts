// xAPI and cmi5 packages of the runtime's fixture course, made as `coursemark build` makes them
// (default theme, real launch page and Content-Security-Policy, the built runtime), unpacked
// into a folder to serve.
import fs from 'node:fs/promises'
import path from 'node:path'
import type {Course} from '@coursemark/model'
import {exportCmi5, exportXapi, loadLrsResources} from '@coursemark/export'
import {renderSite} from '@coursemark/render'
import {loadTheme} from '../../../packages/cli/dist/lib/resources.js'
import {fixtureCourse} from '../../runtime/course-fixture.js'
import {buildRuntime} from '../../runtime/package-fixture.js'

/** Write the package of `target` into `folder` (files as in the zip); returns the course. */
export async function writePackage(folder: string, target: 'xapi' | 'cmi5', options?: {readonly au?: 'per-module' | 'single'; readonly course?: Course}): Promise<Course> {
  const course = options?.course ?? fixtureCourse()
  const [runtime, theme, resources] = await Promise.all([buildRuntime(), loadTheme('default'), loadLrsResources()])
  const site = renderSite({course, theme, runtime, target})
  const files = target === 'xapi' ? exportXapi(course, site, resources) : exportCmi5(course, site, resources, {au: options?.au ?? 'per-module'})
  for (const [name, bytes] of files) {
    await fs.mkdir(path.dirname(path.join(folder, name)), {recursive: true})
    await fs.writeFile(path.join(folder, name), bytes)
  }
  return course
}
