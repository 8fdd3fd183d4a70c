import {sourceHash, type CourseInput} from '@coursemark/compiler'
import type {Course} from '@coursemark/model'
import {alignCodes} from './align.js'
import {recordedSourceHash, segmentFile, textFiles} from './files.js'
import {inlineToMarkdown} from './inline.js'
import {writeXliff, type XliffFile, type XliffUnit} from './xliff.js'

/** What `extractXliff` needs. */
export interface ExtractOptions {
  /** The source course's files. */
  readonly input: CourseInput
  /** The compiled source course (for its modules and language). */
  readonly course: Course
  /** Language to translate into (BCP 47). */
  readonly language: string
  /** Files of an existing translation (`translations/<language>/`, paths relative to it): their text becomes the targets. */
  readonly translation?: ReadonlyMap<string, string> | null | undefined
}

export interface ExtractResult {
  readonly xliff: string
  readonly files: number
  readonly units: number
  /** Units whose target was taken from the existing translation. */
  readonly prefilled: number
}

/**
 * Every text of a course as an XLIFF 1.2 document: one `<file>` per course file, one unit per
 * heading, paragraph, table cell, option, feedback and text attribute, with stable ids, inline
 * Markdown as `<bpt>`/`<ept>`/`<ph>` codes, and a hash per unit and per file so that a later
 * merge can tell stale units. Pure.
 */
export function extractXliff(options: ExtractOptions): ExtractResult {
  const {input, course, language} = options
  let units = 0
  let prefilled = 0
  const files: XliffFile[] = textFiles(input, course).map((file) => {
    const text = input.files.get(file.path) ?? ''
    const segmented = segmentFile(file, text)
    const translated = options.translation?.get(file.path)
    const existing = translated === undefined ? undefined : new Map(segmentFile(file, translated).units.map((unit) => [unit.id, unit]))
    const current = sourceHash(text)
    const upToDate = translated !== undefined && recordedSourceHash(file, translated) === (file.kind === 'course' ? undefined : current)
    const list = segmented.units.map((unit): XliffUnit => {
      units++
      const other = existing?.get(unit.id)
      const base: XliffUnit = {id: unit.id, source: unit.source, hash: unit.hash, note: unit.note}
      if (!other || inlineToMarkdown(other.source) === inlineToMarkdown(unit.source)) return base
      prefilled++
      return {...base, target: alignCodes(unit.source, other.source), state: upToDate ? 'translated' : 'needs-review-translation'}
    })
    return {original: file.path, datatype: file.kind === 'course' ? 'x-yaml' : 'x-markdown', sourceHash: current, units: list}
  })
  return {xliff: writeXliff({sourceLanguage: course.language, targetLanguage: language, files}), files: files.length, units, prefilled}
}
