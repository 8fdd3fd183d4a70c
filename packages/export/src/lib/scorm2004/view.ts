import type {Course} from '@coursemark/model'
import type {LomView} from '../lom/view.js'
import {lomView} from '../lom/view.js'
import {manifestTitle, maxTitleLength, xmlText} from '../lom/text.js'
import type {ScormLayout} from '../scorm-package.js'
import {createIdentifierSet} from '../identifiers.js'
import {launchPath} from '../scorm-package.js'

/** Values for `templates/scorm2004/imsmanifest.xml.hbs`. */
export interface Scorm2004View {
  readonly manifestId: string
  /** `version` attribute of `<manifest>`, or `null`. */
  readonly version: string | null
  readonly lom: LomView
  readonly organizationId: string
  readonly title: string
  readonly items: ReadonlyArray<{
    readonly id: string
    readonly resourceId: string
    readonly title: string
    /** `objectiveID` of the primary objective: the item identifier. */
    readonly primaryObjectiveId: string
    /** Pass mark (`course.mastery`, 0–1) when something is scored (the primary objective is then satisfied by measure), else `null`. */
    readonly minNormalizedMeasure: string | null
    /** `objectiveID` of each learning outcome of the SCO. */
    readonly objectives: ReadonlyArray<string>
  }>
  readonly resources: ReadonlyArray<{
    readonly id: string
    readonly scormType: 'sco' | 'asset'
    readonly href: string | null
    readonly files: ReadonlyArray<string>
    readonly dependencies: ReadonlyArray<string>
  }>
}

/**
 * Build the values of a SCORM 2004 4th edition manifest.
 *
 * @param course
 *   The course.
 * @param layout
 *   Its SCOs, identifiers and files.
 * @returns
 *   View for the template.
 */
export function scorm2004View(course: Course, layout: ScormLayout): Scorm2004View {
  const version = xmlText(course.version).trim()
  const measure = normalizedMeasure(course.mastery)
  const shared = layout.sharedResourceId
  return {
    manifestId: layout.manifestId,
    version: version === '' ? null : version,
    lom: lomView(course),
    organizationId: layout.organizationId,
    title: manifestTitle(layout.title, course.slug, maxTitleLength),
    items: layout.scos.map((sco) => {
      // Objective ids are unique per activity; outcomes keep theirs, the primary one gives way.
      const ids = createIdentifierSet()
      const objectives = sco.objectives.map((objective) => ids.take(objective.id))
      return {
        id: sco.itemId,
        resourceId: sco.resourceId,
        title: manifestTitle(sco.title, sco.fallbackTitle, maxTitleLength),
        primaryObjectiveId: ids.take(sco.itemId),
        minNormalizedMeasure: sco.scored ? measure : null,
        objectives
      }
    }),
    resources: [
      ...layout.scos.map((sco) => ({
        id: sco.resourceId,
        scormType: 'sco' as const,
        href: sco.href,
        files: shared ? [launchPath] : layout.files,
        dependencies: shared ? [shared] : []
      })),
      ...(shared ? [{id: shared, scormType: 'asset' as const, href: null, files: layout.files, dependencies: []}] : [])
    ]
  }
}

/**
 * Turn the scaled pass mark into an `imsss:minNormalizedMeasure` (decimal, 0–1, at most four
 * decimals, never in exponent notation).
 *
 * @param mastery
 *   `course.mastery`.
 * @returns
 *   The measure as text (`'0.8'`).
 */
export function normalizedMeasure(mastery: number): string {
  const value = Number.isFinite(mastery) ? Math.min(1, Math.max(0, mastery)) : 1
  return String(Math.round(value * 10000) / 10000)
}
