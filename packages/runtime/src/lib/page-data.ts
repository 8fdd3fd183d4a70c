import type {Course} from '@coursemark/model'

/** The JSON of a `<script type="application/json" id="…">` of the launch page, or `undefined`. */
export function readJson(doc: Document, id: string): unknown {
  const element = doc.getElementById(id)
  if (!element) return undefined
  try {
    return JSON.parse(element.textContent ?? '')
  } catch {
    return undefined
  }
}

/**
 * The course of the launch page: what `course.js` set (`window.coursemarkCourse`), else the
 * JSON of `<script id="coursemark-course">` (layouts that embed it), else `undefined` when
 * neither holds a course.
 */
export function readCourse(win: Window): Course | undefined {
  const value = (win as Window & {coursemarkCourse?: unknown}).coursemarkCourse ?? readJson(win.document, 'coursemark-course')
  return isCourse(value) ? value : undefined
}

function isCourse(value: unknown): value is Course {
  return typeof value === 'object' && value !== null && (value as {type?: unknown}).type === 'course' &&
    Array.isArray((value as {modules?: unknown}).modules)
}
