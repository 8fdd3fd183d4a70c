import type {Course} from '@coursemark/model'
import {assessmentsOf} from '@coursemark/model'

/**
 * The part of a course one launch plays: the whole course, or one module when the package
 * launches one SCO or AU per module (`index.html?module=<module id>`). The module keeps the
 * outcomes it teaches or assesses, in course order; an unknown module id plays the whole course.
 *
 * @param course
 *   The course of the launch page.
 * @param module
 *   The `module` parameter of the launch URL, if any.
 * @returns
 *   The course to play.
 */
export function scopeCourse(course: Course, module: string | null | undefined): Course {
  const found = module ? course.modules.find((item) => item.id === module) : undefined
  if (!found) return course
  const wanted = new Set(found.outcomes)
  for (const assessment of assessmentsOf(course)) if (assessment.module === found) wanted.add(assessment.outcome)
  return {...course, modules: [found], outcomes: course.outcomes.filter((outcome) => wanted.has(outcome.id))}
}
