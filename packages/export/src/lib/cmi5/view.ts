import type {Course, Module} from '@coursemark/model'
import {activityIri, assessmentsOf} from '@coursemark/model'
import {languageTag} from '../lom/language.js'
import {normalizedMeasure} from '../scorm2004/view.js'
import {lineText} from '../xapi/text.js'

/** How a course becomes AUs: one per module (default), or one for the whole course. */
export type AuLayout = 'per-module' | 'single'

/** Values for `templates/cmi5/cmi5.xml.hbs`. */
export interface Cmi5View {
  readonly lang: string | null
  readonly course: {readonly id: string; readonly title: string; readonly description: string}
  readonly objectives: ReadonlyArray<{readonly id: string; readonly title: string; readonly description: string}>
  readonly aus: ReadonlyArray<{
    readonly id: string
    readonly title: string
    readonly description: string
    /** `CompletedAndPassed` when something is scored in the AU, else `Completed`. */
    readonly moveOn: 'Completed' | 'CompletedAndPassed'
    /** `course.mastery` (0–1, at most four decimals) when something is scored, else `null`. */
    readonly masteryScore: string | null
    /** Ids of the objectives the AU teaches or assesses. */
    readonly objectives: ReadonlyArray<string>
    /** Launch URL relative to `cmi5.xml`: `index.html` or `index.html?module=<module id>`. */
    readonly url: string
  }>
}

/**
 * The course structure of a cmi5 package: the course, one objective per learning outcome, and
 * the AUs with their objectives, `moveOn` and `masteryScore`. Ids are the activity IRIs the
 * runtime uses (`activityIri`): AU `<course id>/au/<module id>` (or `<course id>/au`),
 * objective `<course id>/objectives/<outcome id>`; they stay the same across versions.
 *
 * @param course
 *   The course (as learners get it).
 * @param layout
 *   AU layout (default: `'per-module'`).
 * @returns
 *   View for the template.
 */
export function cmi5View(course: Course, layout: AuLayout = 'per-module'): Cmi5View {
  const assessments = assessmentsOf(course)
  const mastery = normalizedMeasure(course.mastery)
  const objectivesOf = (modules: ReadonlyArray<Module>): string[] => {
    const wanted = new Set(modules.flatMap((module) => module.outcomes))
    for (const assessment of assessments) if (modules.includes(assessment.module)) wanted.add(assessment.outcome)
    return course.outcomes.filter((outcome) => wanted.has(outcome.id)).map((outcome) => activityIri(course.id, 'objectives', outcome.id))
  }
  const au = (id: string, title: string, description: string, modules: ReadonlyArray<Module>, url: string): Cmi5View['aus'][number] => {
    const scored = assessments.some((assessment) => modules.includes(assessment.module))
    return {id, title, description, moveOn: scored ? 'CompletedAndPassed' : 'Completed', masteryScore: scored ? mastery : null, objectives: objectivesOf(modules), url}
  }
  const title = lineText(course.title, course.slug)
  return {
    lang: languageTag(course.language) ?? null,
    course: {id: course.id, title, description: lineText(course.description, title)},
    objectives: course.outcomes.map((outcome) => ({
      id: activityIri(course.id, 'objectives', outcome.id),
      title: lineText(outcome.id, outcome.id),
      description: lineText(outcome.statement, outcome.id)
    })),
    aus: layout === 'single' || course.modules.length === 0
      ? [au(activityIri(course.id, 'au'), title, lineText(course.description, title), course.modules, 'index.html')]
      : course.modules.map((module) => au(
        activityIri(course.id, 'au', module.id),
        lineText(module.title, module.id),
        lineText(module.description, module.title || module.id),
        [module],
        'index.html?module=' + encodeURIComponent(module.id)
      ))
  }
}
