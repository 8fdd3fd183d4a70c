import fs from 'node:fs/promises'
import path from 'node:path'
import {compileCourse} from '@coursemark/compiler'
import {compareDiagnostics, formatDiagnostics, hasErrors, toDiagnostics, type Diagnostic, type Format} from '@coursemark/diagnostics'
import {extractXliff, mergeXliff} from '@coursemark/xliff'
import {ExitError, type Io} from '../lib/io.js'
import {readCourse, type ReadCourse} from '../lib/read-course.js'
import {writeAtomic} from '../lib/write-atomic.js'
import {checkCourse} from './check.js'

const encoder = new TextEncoder()

/** Read and compile a course; print its errors and exit 1 when it has any. */
async function sourceCourse(io: Io, folder: string, format: Format = 'text') {
  const read: ReadCourse = await readCourse(path.resolve(io.cwd, folder))
  const display = path.relative(io.cwd, read.root) || '.'
  const result = compileCourse(read.input)
  const diagnostics = [...read.diagnostics, ...toDiagnostics(result.messages)].sort(compareDiagnostics)
  if (!result.course || hasErrors(diagnostics)) {
    if (format === 'text') io.stderr(formatDiagnostics(diagnostics, 'text', {base: display, sources: read.input.files}))
    else print(io, format, diagnostics.map((d) => located(display, d)))
    io.stderr(display + ': fix the errors above first.\n')
    throw new ExitError(1)
  }
  return {read, display, course: result.course}
}

/** A diagnostic with its path from the working directory. */
function located(base: string, diagnostic: Diagnostic): Diagnostic {
  return base === '.' || base === '' ? diagnostic : {...diagnostic, file: base.replace(/\/+$/, '') + '/' + diagnostic.file}
}

/** Print diagnostics as `validate` does: text (with code frames from `sources`) on stderr, JSON and GitHub annotations on stdout. */
function print(io: Io, format: Format, diagnostics: ReadonlyArray<Diagnostic>, sources?: ReadonlyMap<string, string>): void {
  const text = formatDiagnostics(diagnostics, format, {sources})
  if (format === 'text') io.stderr(text)
  else io.stdout(text)
}

export interface ExtractCommandOptions {
  readonly course: string
  readonly language: string
  /** Default: `<course>.<language>.xlf` in the current folder. */
  readonly out?: string | undefined
}

/** `coursemark xliff extract`: write the course's text as XLIFF 1.2 for a CAT tool. */
export async function xliffExtract(io: Io, options: ExtractCommandOptions): Promise<void> {
  const {read, course} = await sourceCourse(io, options.course)
  if (options.language === course.language) {
    io.stderr('The course is written in `' + course.language + '`: name the language to translate into, e.g. --lang de.\n')
    throw new ExitError(2)
  }
  const prefix = 'translations/' + options.language + '/'
  const translation = new Map([...read.input.files].filter(([file]) => file.startsWith(prefix)).map(([file, text]) => [file.slice(prefix.length), text]))
  const result = extractXliff({input: read.input, course, language: options.language, translation: translation.size > 0 ? translation : undefined})
  const out = path.resolve(io.cwd, options.out ?? course.slug + '.' + options.language + '.xlf')
  await writeAtomic(out, encoder.encode(result.xliff))
  io.stderr('Wrote ' + path.relative(io.cwd, out) + ': ' + result.units + ' units in ' + result.files + ' files, ' + course.language + ' → ' + options.language +
    (result.prefilled > 0 ? ', ' + result.prefilled + ' already translated (from ' + prefix + ')' : '') + '.\n')
}

export interface MergeCommandOptions {
  readonly course: string
  readonly file: string
  /** Default: the file's `target-language`. */
  readonly language?: string | undefined
  /** How to print diagnostics (default `text`). */
  readonly format?: Format | undefined
}

/** `coursemark xliff merge`: write `translations/<language>/` from a translated XLIFF file, then check it. */
export async function xliffMerge(io: Io, options: MergeCommandOptions): Promise<void> {
  const format = options.format ?? 'text'
  const {read, display, course} = await sourceCourse(io, options.course, format)
  const file = path.resolve(io.cwd, options.file)
  const xliff = await fs.readFile(file, 'utf8').catch(() => undefined)
  if (xliff === undefined) {
    io.stderr('Cannot read ' + options.file + '.\n')
    throw new ExitError(2)
  }
  const shown = path.relative(io.cwd, file)
  const result = mergeXliff({input: read.input, course, xliff, xliffPath: shown, language: options.language})
  const sources = new Map([[shown, xliff]])
  // Text: the problems of the XLIFF file now, those of the merged translation after its check.
  // JSON and GitHub: both together, once the translation is checked.
  if (format === 'text') print(io, format, result.diagnostics, sources)
  if (!result.ok) {
    if (format !== 'text') print(io, format, result.diagnostics, sources)
    io.stderr('Nothing was written.\n')
    throw new ExitError(1)
  }
  for (const [name, text] of result.files) await writeAtomic(path.join(read.root, ...name.split('/')), encoder.encode(text))
  const {summary} = result
  io.stderr('Merged ' + shown + ' into ' + path.join(display, 'translations', result.language!) + '/: ' + summary.translated + ' of ' + summary.units + ' units translated' +
    (summary.untranslated > 0 ? ', ' + summary.untranslated + ' without a translation (kept as they were)' : '') +
    (summary.stale > 0 ? ', ' + summary.stale + ' stale (source changed since extraction; not merged)' : '') +
    (summary.unknown > 0 ? ', ' + summary.unknown + ' no longer in the course' : '') + '.\n')
  if (result.files.has(read.input.manifest ?? 'course.yaml')) io.stderr('Added `' + result.language + '` to `translations:` in ' + path.join(display, 'course.yaml') + '.\n')
  // Check the merged translation as `validate` would.
  const checked = (await checkCourse(io.cwd, options.course)).find((item) => item.translation === result.language)
  if (format === 'text') {
    if (checked) io.stderr(formatDiagnostics(checked.diagnostics, 'text', {base: checked.display, sources: checked.sources}) || display + ' (' + result.language + '): no problems\n')
  } else {
    print(io, format, [...result.diagnostics, ...(checked?.diagnostics ?? []).map((d) => located(checked!.display, d))], sources)
  }
  if (checked && hasErrors(checked.diagnostics)) throw new ExitError(1)
}
