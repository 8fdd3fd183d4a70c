import {sourceHash, type CourseInput} from '@coursemark/compiler'
import {rules, type Diagnostic, type RuleData} from '@coursemark/diagnostics'
import type {Course} from '@coursemark/model'
import {parseDocument} from 'yaml'
import {alignCodes} from './align.js'
import {translatedCourseYaml, withTranslationListed} from './course-yaml.js'
import {recordedSourceHash, segmentFile, textFiles} from './files.js'
import {inlineToMarkdown, type Inline} from './inline.js'
import {applyTranslations} from './segment.js'
import {locate, readXliff, type XliffUnit} from './xliff.js'

/** What `mergeXliff` needs. */
export interface MergeOptions {
  /** The source course's files (also `translations/…`, for an existing translation). */
  readonly input: CourseInput
  /** The compiled source course. */
  readonly course: Course
  /** The XLIFF file's text. */
  readonly xliff: string
  /** Its path, for messages (default `translation.xlf`). */
  readonly xliffPath?: string | null | undefined
  /** Language of the translation (default: the file's `target-language`). */
  readonly language?: string | null | undefined
}

export interface MergeSummary {
  readonly units: number
  /** Units whose target was put in. */
  readonly translated: number
  /** Units without a target: the source text (or the existing translation) stays. */
  readonly untranslated: number
  /** Units whose source changed since extraction (or that are new): not merged, flagged. */
  readonly stale: number
  /** Units of the XLIFF file that the course no longer has. */
  readonly unknown: number
}

export interface MergeResult {
  /** `false` when nothing may be written (the file cannot be read, wrong languages). */
  readonly ok: boolean
  readonly language?: string | undefined
  /** Files to write, by course-relative path (`translations/<language>/…`, and `course.yaml` when the language had to be listed). */
  readonly files: ReadonlyMap<string, string>
  readonly summary: MergeSummary
  /** Problems, positioned in the XLIFF file (stale and unknown units as warnings). */
  readonly diagnostics: ReadonlyArray<Diagnostic>
}

const emptySummary: MergeSummary = {units: 0, translated: 0, untranslated: 0, stale: 0, unknown: 0}

/**
 * Put the targets of an XLIFF file into the course: writes the translation's files from the
 * source's text (so ids, attributes, answers and structure stay exactly as in the source), with
 * `sourceHash` set to the source the translation matches. A unit whose source changed since it
 * was extracted is stale: it is not merged (the existing translation, else the source, stays),
 * it is reported, and its file keeps the hash of the source it was extracted from, so that
 * `validate` reports the file as outdated until it is translated again. Pure.
 */
export function mergeXliff(options: MergeOptions): MergeResult {
  const {input, course} = options
  const xlf = options.xliffPath ?? 'translation.xlf'
  const diagnostics: Diagnostic[] = []
  const problem = (rule: RuleData, message: string, at: {line: number; column: number} = {line: 1, column: 1}): void => {
    diagnostics.push({file: xlf, line: at.line, column: at.column, severity: rule.severity, rule: rule.id, message, hint: rule.hint})
  }
  const read = readXliff(options.xliff)
  for (const item of read.problems) problem(rules.xliffInvalid, item.message, item)
  const document = read.document
  const language = options.language ?? document?.targetLanguage
  if (document && !language) problem(rules.xliffLanguage, 'Unexpected file without `target-language`, expected the language of the translation (or name it with --lang)', locate(options.xliff, '<file'))
  if (document && language === course.language) problem(rules.xliffLanguage, 'Unexpected target language `' + language + '`, expected a language other than the course’s own', locate(options.xliff, 'target-language'))
  if (document && document.sourceLanguage && document.sourceLanguage !== course.language) {
    problem(rules.xliffLanguage, 'Unexpected source language `' + document.sourceLanguage + '`, expected `' + course.language + '` as in course.yaml', locate(options.xliff, 'source-language'))
  }
  if (!document || !language || diagnostics.some((d) => d.severity === 'error')) return {ok: false, language: language ?? undefined, files: new Map(), summary: emptySummary, diagnostics}

  const prefix = 'translations/' + language + '/'
  const byFile = new Map(document.files.map((file) => [file.original, file]))
  const seen = new Set<string>()
  const output = new Map<string, string>()
  let translated = 0
  let untranslated = 0
  let stale = 0
  let total = 0

  const manifest = input.manifest ?? 'course.yaml'
  const listed = withTranslationListed(input.files.get(manifest) ?? '', language)
  if (listed !== input.files.get(manifest)) output.set(manifest, listed)

  for (const file of textFiles(input, course)) {
    const text = input.files.get(file.path) ?? ''
    const segmented = segmentFile(file, text)
    const xliffFile = byFile.get(file.path)
    const units = new Map<string, XliffUnit>((xliffFile?.units ?? []).map((unit) => [unit.id, unit]))
    const existingText = input.files.get(prefix + file.path)
    const existing = existingText === undefined ? undefined : new Map(segmentFile(file, existingText).units.map((unit) => [unit.id, unit]))
    const targets = new Map<string, ReadonlyArray<Inline>>()
    let fileStale = false
    for (const unit of segmented.units) {
      total++
      const entry = units.get(unit.id)
      if (entry) seen.add(file.path + '\0' + unit.id)
      const fresh = entry !== undefined && (entry.hash ? entry.hash === unit.hash : inlineToMarkdown(entry.source) === inlineToMarkdown(unit.source))
      const fallback = (): void => {
        const other = existing?.get(unit.id)
        if (other) targets.set(unit.id, alignCodes(unit.source, other.source))
      }
      if (!fresh) {
        stale++
        fileStale = true
        problem(rules.xliffStaleUnit, entry
          ? 'Unexpected stale unit `' + unit.id + '`: its source text changed since the file was extracted; not merged, extract and translate it again'
          : 'Unexpected unit `' + unit.id + '` missing from the file (new since extraction); not merged, extract and translate it again',
        entry ? locate(options.xliff, 'id="' + unit.id + '"') : locate(options.xliff, 'original="' + file.path + '"'))
        fallback()
        continue
      }
      if (!entry.target || !/\S/.test(inlineToMarkdown(entry.target))) {
        untranslated++
        fallback()
        continue
      }
      translated++
      targets.set(unit.id, entry.target)
    }
    const current = sourceHash(text)
    // The hash of the source this translation matches: the current one, unless units are stale.
    const matched = !fileStale ? current : (xliffFile?.sourceHash && xliffFile.sourceHash !== current ? xliffFile.sourceHash : existingText === undefined ? undefined : recordedSourceHash(file, existingText))
    if (file.kind === 'course') {
      const status = existingText === undefined ? 'draft' : parseDocument(existingText).getIn(['translation', 'status']) === 'reviewed' ? 'reviewed' : 'draft'
      const hash = fileStale ? (matched ?? '000000000000') : sourceHash(listed)
      output.set(prefix + file.path, translatedCourseYaml(text, targets, {language, sourceLanguage: course.language, status, sourceHash: hash}))
    } else {
      output.set(prefix + file.path, applyTranslations(segmented, targets, {sourceHash: file.kind === 'module' ? matched ?? null : null}))
    }
  }
  let unknown = 0
  for (const file of document.files) {
    for (const unit of file.units) {
      if (seen.has(file.original + '\0' + unit.id)) continue
      unknown++
      problem(rules.xliffUnknownUnit, 'Unexpected unit `' + unit.id + '` of `' + file.original + '` that the course no longer has; ignored', locate(options.xliff, 'id="' + unit.id + '"'))
    }
  }
  return {ok: true, language, files: output, summary: {units: total, translated, untranslated, stale, unknown}, diagnostics}
}
