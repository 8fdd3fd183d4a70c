import type {Course} from '@coursemark/model'
import type {LomView} from '../lom/view.js'
import {lomView} from '../lom/view.js'
import {manifestTitle, maxTitleLength12, xmlText} from '../lom/text.js'
import type {ScormLayout} from '../scorm-package.js'
import {launchPath} from '../scorm-package.js'

/** Values for `templates/scorm12/imsmanifest.xml.hbs`. */
export interface Scorm12View {
  readonly manifestId: string
  /** `version` attribute of `<manifest>` (at most 20 characters in SCORM 1.2), or `null`. */
  readonly version: string | null
  readonly lom: LomView
  readonly organizationId: string
  readonly title: string
  readonly items: ReadonlyArray<{
    readonly id: string
    readonly resourceId: string
    readonly title: string
    /** `adlcp:masteryscore`: integer 0–100 as text, or `null` when nothing is scored. */
    readonly masteryScore: string | null
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
 * Build the values of a SCORM 1.2 manifest.
 *
 * @param course
 *   The course.
 * @param layout
 *   Its SCOs, identifiers and files.
 * @returns
 *   View for the template.
 */
export function scorm12View(course: Course, layout: ScormLayout): Scorm12View {
  const version = xmlText(course.version).trim()
  const mastery = masteryScore(course.mastery)
  const shared = layout.sharedResourceId
  return {
    manifestId: layout.manifestId,
    version: version !== '' && version.length <= 20 ? version : null,
    lom: lomView(course),
    organizationId: layout.organizationId,
    title: manifestTitle(layout.title, course.slug, maxTitleLength12),
    items: layout.scos.map((sco) => ({
      id: sco.itemId,
      resourceId: sco.resourceId,
      title: manifestTitle(sco.title, sco.fallbackTitle, maxTitleLength12),
      masteryScore: sco.scored ? mastery : null
    })),
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
 * Turn the scaled pass mark (0–1) into a SCORM 1.2 mastery score: an integer from 0 to 100.
 *
 * @param mastery
 *   `course.mastery`.
 * @returns
 *   The mastery score as text (`'80'`).
 */
export function masteryScore(mastery: number): string {
  const value = Number.isFinite(mastery) ? Math.min(1, Math.max(0, mastery)) : 1
  return String(Math.round(value * 100))
}
