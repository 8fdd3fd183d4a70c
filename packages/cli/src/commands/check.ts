import fs from 'node:fs/promises'
import path from 'node:path'
import {compileCourse, compileTranslation, type CompileCache, type CompileOptions, type CompileResult, type CourseInput} from '@coursemark/compiler'
import {compareDiagnostics, rules, toDiagnostics, type Diagnostic} from '@coursemark/diagnostics'
import type {Course} from '@coursemark/model'
import type {Validator} from '@coursemark/schema'
import {readCourse, type ReadCourse} from '../lib/read-course.js'

/** One language of a course, read and compiled, with every diagnostic in file order. */
export interface CheckedCourse {
  /** The course folder (the source's, also for translations). */
  readonly root: string
  /** Text of the files, by the paths diagnostics use, for code frames. */
  readonly sources: ReadonlyMap<string, string>
  readonly result: CompileResult
  readonly diagnostics: ReadonlyArray<Diagnostic>
  /** The course folder as the user named it, for printing paths. */
  readonly display: string
  /** For a translation: its language; the media it uses are read from `media`. */
  readonly translation?: string | undefined
  /** Where each media path of the compiled course lives on disk, relative to `root`. */
  readonly mediaRoot: (file: string) => string
}

const translationsFolder = 'translations'

/** Configuration for `checkCourse` (optional). */
export interface CheckOptions {
  /** How Markdown is parsed (default: `parseMarkdown`; `build` puts its parse cache here). */
  readonly parse?: CompileOptions['parse']
  /** Called with the text of every file of the course folder before anything is compiled. */
  readonly prepare?: ((files: ReadonlyMap<string, string>) => Promise<void>) | undefined
}

/** Read and compile a course folder and every translation it lists. */
export async function checkCourse(cwd: string, folder: string, validator?: Validator, options?: CheckOptions | null): Promise<CheckedCourse[]> {
  const root = path.resolve(cwd, folder)
  const stat = await fs.stat(root).catch(() => undefined)
  if (!stat?.isDirectory()) {
    const diagnostic: Diagnostic = {file: 'course.yaml', line: 1, column: 1, severity: 'error', rule: rules.missingModule.id,
      message: 'Unexpected path `' + folder + '`: ' + (stat ? 'it is a file' : 'it does not exist') + ', expected a course folder holding a course.yaml', hint: 'Name the folder that holds course.yaml, e.g. `curricula/my-course`.'}
    return [{root, sources: new Map(), result: {course: undefined, ok: false, messages: [], files: []}, diagnostics: [diagnostic], display: path.relative(cwd, root) || '.', mediaRoot: (file) => file}]
  }
  const read = await readCourse(root)
  await options?.prepare?.(read.input.files)
  const display = path.relative(cwd, read.root) || '.'
  const result = compileCourse(read.input, {validator, parse: options?.parse})
  const diagnostics = [...read.diagnostics, ...toDiagnostics(result.messages)].sort(compareDiagnostics)
  const checked: CheckedCourse[] = [{root: read.root, sources: read.input.files, result, diagnostics, display, mediaRoot: (file) => file}]
  const course = result.course
  if (!course) return checked
  for (const language of course.translations) {
    checked.push(await checkTranslation(read, course, display, language, validator, undefined, options?.parse))
  }
  return checked
}

/** Compile the translation `language` of a compiled course, with its diagnostics (paths from the course folder). */
export async function checkTranslation(source: ReadCourse, sourceCourse: Course, display: string, language: string, validator: Validator | undefined, cache?: CompileCache, parse?: CompileOptions['parse']): Promise<CheckedCourse> {
  const prefix = translationsFolder + '/' + language + '/'
  const files = new Map<string, string>()
  const assets = new Set<string>()
  const own = new Set<string>()
  const sizes = new Map<string, number>()
  for (const [file, text] of source.input.files) if (file.startsWith(prefix)) files.set(file.slice(prefix.length), text)
  for (const file of source.input.assets) {
    if (file.startsWith(prefix)) {
      assets.add(file.slice(prefix.length))
      own.add(file.slice(prefix.length))
    } else if (!file.startsWith(translationsFolder + '/') && !/\.(md|ya?ml)$/i.test(file)) {
      assets.add(file)
    }
  }
  for (const file of assets) {
    const size = source.input.sizes?.get(own.has(file) ? prefix + file : file)
    if (size !== undefined) sizes.set(file, size)
  }
  const mediaRoot = (file: string): string => (own.has(file) ? prefix + file : file)
  if (!files.has('course.yaml')) {
    const text = source.input.files.get('course.yaml') ?? ''
    const lines = text.split(/\r?\n/)
    const listStart = lines.findIndex((line) => /^translations\s*:/.test(line))
    let line = listStart + 1
    let column = 1
    for (let index = Math.max(0, listStart); index < lines.length; index++) {
      const match = new RegExp('(^|[\\s\\[,-])' + language + '(?=[\\s\\],]|$)').exec(lines[index]!.replace(/^translations\s*:/, (prefix) => ' '.repeat(prefix.length)))
      if (match) {
        line = index + 1
        column = match.index + match[1]!.length + 1
        break
      }
    }
    const diagnostic: Diagnostic = {file: 'course.yaml', line: Math.max(1, line), column, severity: 'error', rule: rules.translationMissing.id,
      message: 'Unexpected missing translation `' + language + '`, expected `' + prefix + 'course.yaml` and the translated modules', hint: rules.translationMissing.hint}
    return {root: source.root, sources: source.input.files, result: {course: undefined, ok: false, messages: [], files: []}, diagnostics: [diagnostic], display, translation: language, mediaRoot}
  }
  const input: CourseInput = {slug: source.input.slug, files, assets, sizes}
  const result = compileTranslation({input: source.input, course: sourceCourse}, language, input, {validator, cache, parse})
  const diagnostics = toDiagnostics(result.messages).map((d) => (files.has(d.file) ? {...d, file: prefix + d.file} : d)).sort(compareDiagnostics)
  return {root: source.root, sources: source.input.files, result, diagnostics, display, translation: language, mediaRoot}
}
