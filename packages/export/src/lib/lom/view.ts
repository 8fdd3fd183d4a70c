import type {Course} from '@coursemark/model'
import {languageTag} from './language.js'
import {xmlText} from './text.js'

/** What both manifest templates put in their LOM metadata. */
export interface LomView {
  /** Catalogue entry of the course: its IRI (`course.id`). */
  readonly identifier: string
  /** Full title (LOM allows 1000 characters, so it is not cut). */
  readonly title: string
  /** `xs:language` of the course, or `null` when the tag is not one. */
  readonly language: string | null
  /** Description, or `null` when empty. */
  readonly description: string | null
  /** Keywords, trimmed, without empty ones and duplicates, in the author's order. */
  readonly keywords: ReadonlyArray<string>
  /** Version of the course, or `null` when empty. */
  readonly version: string | null
}

/**
 * Collect the LOM metadata of a course (title, description, language, version, keywords).
 *
 * @param course
 *   The course.
 * @returns
 *   Values ready for a template (text still needs escaping, which Handlebars does).
 */
export function lomView(course: Course): LomView {
  const keywords = [...new Set(course.keywords.map((keyword) => xmlText(keyword).replace(/\s+/g, ' ').trim()))]
  return {
    identifier: xmlText(course.id).trim(),
    title: xmlText(course.title).replace(/\s+/g, ' ').trim() || course.slug,
    language: languageTag(course.language) ?? null,
    description: xmlText(course.description).trim() || null,
    keywords: keywords.filter((keyword) => keyword !== ''),
    version: xmlText(course.version).trim() || null
  }
}
