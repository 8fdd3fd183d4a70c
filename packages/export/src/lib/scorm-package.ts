/**
 * What SCORM 1.2 and SCORM 2004 packages share: the SCOs a course becomes, their identifiers,
 * the file list, and the assembly of the package files. The manifests themselves differ and live
 * in `scorm12/` and `scorm2004/`.
 */

import type {Course, Module} from '@coursemark/model'
import {assessmentsOf} from '@coursemark/model'
import {createIdentifierSet, toNcName} from './identifiers.js'

/** Files of a package: path inside the package (`/`-separated) → bytes. */
export type FileSet = Map<string, Uint8Array>

/** Configuration for the SCORM exporters (optional). */
export interface ScormOptions {
  /**
   * How the course is split into SCOs (default: `'single'`).
   * `'single'`: one SCO launching `index.html`.
   * `'per-module'`: one SCO per module launching `index.html?module=<module id>`, all sharing
   * one asset resource that lists the files.
   */
  readonly sco?: 'single' | 'per-module' | null | undefined
}

/** An objective of a SCO: a learning outcome. */
export interface ScormObjective {
  /** Outcome id as in the course (`LO1`). */
  readonly outcome: string
  /** Objective identifier in the manifest: `toNcName(outcome)`, the outcome id itself when it is an NCName. */
  readonly id: string
}

/** One SCO: an item of the default organization and the resource it launches. */
export interface ScormSco {
  /** `identifier` of the `<item>`. */
  readonly itemId: string
  /** `identifier` of its `<resource>`. */
  readonly resourceId: string
  /** Title as written (module or course title); manifests shorten it with `manifestTitle`. */
  readonly title: string
  /** Title to use when `title` is empty (module id or course slug). */
  readonly fallbackTitle: string
  /** Launch URL relative to the package root: `index.html` or `index.html?module=<module id>`. */
  readonly href: string
  /** Id of the module this SCO plays, or `null` when it plays the whole course. */
  readonly module: string | null
  /** Learning outcomes taught or assessed in this SCO, in the course's order. */
  readonly objectives: ReadonlyArray<ScormObjective>
  /** Whether something is scored in this SCO (only then does the pass mark apply). */
  readonly scored: boolean
}

/** The shape of a SCORM package, the same for 1.2 and 2004. */
export interface ScormLayout {
  /** `identifier` of the `<manifest>`: the course slug as an NCName. */
  readonly manifestId: string
  /** `identifier` of the only `<organization>`, also the `default` of `<organizations>`. */
  readonly organizationId: string
  /** Title of the course as written; manifests shorten it with `manifestTitle`. */
  readonly title: string
  /** The SCOs, in course order. */
  readonly scos: ReadonlyArray<ScormSco>
  /** Identifier of the asset resource holding the files (`'per-module'`), or `null` (`'single'`: the SCO lists them). */
  readonly sharedResourceId: string | null
  /** Every file of the site as a URI reference (`href`), sorted by path. */
  readonly files: ReadonlyArray<string>
}

/** Name of the manifest at the package root. */
export const manifestPath = 'imsmanifest.xml'

/** Launch page every package has at its root. */
export const launchPath = 'index.html'

const emptyOptions: ScormOptions = {}

/**
 * Work out the SCOs, identifiers and file list of a SCORM package.
 *
 * Identifiers are derived from the course slug and module ids only, so they stay the same when
 * the course gets a new version:
 * manifest `<slug>`, organization `<slug>-org`, the single SCO `<slug>-sco` with resource
 * `<slug>-sco-res`, or per module `<slug>-<module id>` with resource `<slug>-<module id>-res` and
 * the shared files `<slug>-files`.
 *
 * @param course
 *   The course (as learners get it).
 * @param site
 *   Files of the web build; must contain `index.html`.
 * @param options
 *   Configuration (optional).
 * @returns
 *   The layout.
 */
export function scormLayout(course: Course, site: ReadonlyMap<string, Uint8Array>, options?: ScormOptions | null): ScormLayout {
  const settings = options ?? emptyOptions
  if (!site.has(launchPath)) {
    throw new Error('Unexpected site without `' + launchPath + '`, expected the launch page at the root')
  }

  const ids = createIdentifierSet()
  const slug = course.slug
  const manifestId = ids.take(slug)
  const organizationId = ids.take(slug + '-org')
  const scored = new Set(assessmentsOf(course).map((assessment) => assessment.module.id))
  let scos: Array<ScormSco>
  let sharedResourceId: string | null = null

  if (settings.sco === 'per-module') {
    // Sanitize each module id on its own, so an item and its resource share a stem, and hand out
    // every item identifier before any resource one: item identifiers (what LMSs track learners
    // by) then depend on their module id alone.
    const bases = course.modules.map((module) => slug + '-' + toNcName(module.id))
    const itemIds = bases.map((base) => ids.take(base))
    scos = course.modules.map((module, index) => ({
      itemId: itemIds[index]!,
      resourceId: ids.take(bases[index]! + '-res'),
      title: module.title,
      fallbackTitle: module.id,
      href: launchPath + '?module=' + encodeURIComponent(module.id),
      module: module.id,
      objectives: objectivesOf(course, [module]),
      scored: scored.has(module.id)
    }))
    sharedResourceId = ids.take(slug + '-files')
  } else {
    scos = [
      {
        itemId: ids.take(slug + '-sco'),
        resourceId: ids.take(slug + '-sco-res'),
        title: course.title,
        fallbackTitle: slug,
        href: launchPath,
        module: null,
        objectives: objectivesOf(course, undefined),
        scored: scored.size > 0
      }
    ]
  }

  const files = [...site.keys()]
    .filter((path) => path !== manifestPath)
    .sort(compare)
    .map((path) => toHref(path))

  return {manifestId, organizationId, title: course.title, scos, sharedResourceId, files}
}

/**
 * Put the manifest and the schema files next to the site files.
 *
 * @param site
 *   Files of the web build.
 * @param manifest
 *   Text of `imsmanifest.xml`.
 * @param schemas
 *   Schema files for the package root (path → bytes).
 * @returns
 *   A new file set with entries in path order (the inputs are not changed).
 */
export function packageFiles(
  site: ReadonlyMap<string, Uint8Array>,
  manifest: string,
  schemas: ReadonlyMap<string, Uint8Array>
): FileSet {
  const all = new Map<string, Uint8Array>(site)
  for (const [path, bytes] of schemas) all.set(path, bytes)
  all.set(manifestPath, new TextEncoder().encode(manifest))
  return new Map([...all.keys()].sort(compare).map((path) => [path, all.get(path)!]))
}

/**
 * Turn a package path into a URI reference: each segment percent-encoded.
 *
 * @param path
 *   `/`-separated path inside the package (`media/Übung 1.png`).
 * @returns
 *   URI reference (`media/%C3%9Cbung%201.png`).
 */
export function toHref(path: string): string {
  return path.split('/').map((segment) => encodeURIComponent(segment)).join('/')
}

/** Objectives of the given modules (all of the course when `modules` is undefined), in course order. */
function objectivesOf(course: Course, modules: ReadonlyArray<Module> | undefined): Array<ScormObjective> {
  let wanted: Set<string> | undefined
  if (modules) {
    const ids = new Set(modules.map((module) => module.id))
    wanted = new Set(modules.flatMap((module) => module.outcomes))
    for (const assessment of assessmentsOf(course)) {
      if (ids.has(assessment.module.id)) wanted.add(assessment.outcome)
    }
  }

  const ids = createIdentifierSet()
  return course.outcomes
    .filter((outcome) => wanted === undefined || wanted.has(outcome.id))
    .map((outcome) => ({outcome: outcome.id, id: ids.take(outcome.id)}))
}

/** Compare strings by code unit: the same order in every locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
