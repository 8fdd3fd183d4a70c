import fs from 'node:fs/promises'
import path from 'node:path'
import {formatDiagnostics, hasErrors, type Format} from '@coursemark/diagnostics'
import {exportCmi5, exportScorm12, exportScorm2004, exportWeb, exportXapi, loadLrsResources, loadScormResources, zip, type LrsResources, type ScormResources} from '@coursemark/export'
import {forLearners, type Course} from '@coursemark/model'
import {renderSite, type Target, type Theme} from '@coursemark/render'
import {createValidator} from '@coursemark/schema'
import type {Io} from '../lib/io.js'
import {readMedia} from '../lib/read-course.js'
import {loadRuntime, loadTheme} from '../lib/resources.js'
import {writeAtomic, writeFolderAtomic} from '../lib/write-atomic.js'
import {writeChecksums} from '../lib/checksums.js'
import {writeGuide} from '../lib/guide.js'
import {checkCourse, type CheckedCourse} from './check.js'

export const targets: ReadonlyArray<Target> = ['scorm12', 'scorm2004', 'xapi', 'cmi5', 'web']
/** Targets this version can build. */
export const supportedTargets: ReadonlyArray<Target | 'guide'> = ['scorm12', 'scorm2004', 'xapi', 'cmi5', 'web', 'guide']

export interface BuildOptions {
  readonly courses: ReadonlyArray<string>
  readonly targets: ReadonlyArray<Target | 'guide'>
  readonly out: string
  readonly format: Format
  readonly sco?: 'single' | 'per-module' | undefined
  /** cmi5: one AU per module (default), or one AU for the course. */
  readonly au?: 'single' | 'per-module' | undefined
  /** Only build these languages (default: the source and every translation). */
  readonly languages?: ReadonlyArray<string> | undefined
}

/** Build course folders into packages; returns whether every course built. */
export async function build(io: Io, options: BuildOptions): Promise<boolean> {
  const validator = createValidator()
  const out = path.resolve(io.cwd, options.out)
  let runtime: string | undefined
  const themes = new Map<string, Theme>()
  let scorm: ScormResources | undefined
  let lrs: LrsResources | undefined
  let ok = true
  const report: unknown[] = []
  const checkedList: CheckedCourse[] = []
  const zips: string[] = []
  for (const folder of options.courses) checkedList.push(...(await checkCourse(io.cwd, folder, validator)))
  for (const checked of checkedList) {
    const label = checked.display + (checked.translation ? ' (' + checked.translation + ')' : '')
    if (options.format === 'json') report.push(...(JSON.parse(formatDiagnostics(checked.diagnostics, 'json', {base: checked.display})) as unknown[]))
    else {
      const text = formatDiagnostics(checked.diagnostics, options.format, {base: checked.display, sources: checked.sources})
      if (options.format === 'github') io.stdout(text)
      else io.stderr(text)
    }
    const course = checked.result.course
    if (!course || hasErrors(checked.diagnostics)) {
      ok = false
      if (options.format === 'text') io.stderr(label + ': not built (errors above)\n')
      continue
    }
    if (options.languages && !options.languages.includes(course.language)) continue
    let theme = themes.get(checked.root + '\0' + course.theme)
    if (!theme) {
      try {
        theme = await loadTheme(course.theme, {courseRoot: checked.root})
      } catch (error) {
        ok = false
        io.stderr(label + ': not built: ' + (error instanceof Error ? error.message : String(error)) + '\n')
        continue
      }
      themes.set(checked.root + '\0' + course.theme, theme)
    }
    runtime ??= await loadRuntime()
    const learner = forLearners(course)
    const media = await readMedia(checked.root, learner.media.map((ref) => ref.path), checked.mediaRoot)
    for (const target of options.targets) {
      if (target === 'guide') {
        io.stdout(path.relative(io.cwd, await writeGuide(out, course, media)) + '\n')
        continue
      }
      const site = exportWeb(learner, renderSite({course: learner, theme, runtime, target}), media)
      const name = course.slug + '-' + course.version + '-' + course.language + '-' + target
      if (target === 'web') {
        await writeFolderAtomic(path.join(out, name), site)
        io.stdout(path.relative(io.cwd, path.join(out, name)) + '/\n')
        continue
      }
      const files = target === 'xapi' ? exportXapi(learner, site, lrs ??= await loadLrsResources())
        : target === 'cmi5' ? exportCmi5(learner, site, lrs ??= await loadLrsResources(), {au: options.au})
        : target === 'scorm12' ? exportScorm12(learner, site, scorm ??= await loadScormResources(), {sco: options.sco})
        : exportScorm2004(learner, site, scorm ??= await loadScormResources(), {sco: options.sco})
      const file = path.join(out, name + '.zip')
      await writeAtomic(file, await zip(files))
      zips.push(file)
      io.stdout(path.relative(io.cwd, file) + '\n')
    }
  }
  await writeChecksums(out, zips)
  if (options.format === 'json') io.stdout(JSON.stringify(report, undefined, 2) + '\n')
  return ok
}

/** Every course folder (holding a `course.yaml`) under `curricula/` and `examples/` of `root`. */
export async function discoverCourses(root: string): Promise<string[]> {
  const found: string[] = []
  for (const group of ['curricula', 'examples']) {
    const entries = await fs.readdir(path.join(root, group), {withFileTypes: true}).catch(() => [])
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (!entry.isDirectory()) continue
      const exists = await fs.stat(path.join(root, group, entry.name, 'course.yaml')).then(() => true, () => false)
      if (exists) found.push(path.join(group, entry.name))
    }
  }
  return found
}

export type {Course}
