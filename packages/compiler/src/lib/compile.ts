import type {Position} from 'unist'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {quoteList, report, rules} from '@coursemark/diagnostics'
import {MODEL_VERSION, type Course, type GlossaryTerm, type MediaRef, type Module, type Outcome} from '@coursemark/model'
import {createValidator, describeErrors, type Validator} from '@coursemark/schema'
import type {ParseResult} from '@coursemark/syntax'
import {createContext, vfileOf, type Context} from './context.js'
import {buildModule, loadModule} from './module.js'
import {buildCached, definitionsKey, loadCached, sharedKey, type CachedLoad, type CompileCache} from './cache.js'
import {collectDefinitions, definitionsIn} from './terms.js'
import {resolvePath} from './paths.js'
import {parseYaml} from './yaml.js'

/** What the compiler reads: plain values, never the file system. */
export interface CourseInput {
  /** Folder name of the course (used in package names and SCORM identifiers). */
  readonly slug: string
  /** Text of every Markdown and YAML file of the course folder, by `/`-separated relative path. */
  readonly files: ReadonlyMap<string, string>
  /** Every file present in the course folder (any type), by relative path. */
  readonly assets: ReadonlySet<string>
  /** Files present but not readable as text (too large, not UTF-8): already reported by the reader. */
  readonly unreadable?: ReadonlySet<string> | null | undefined
  /** Paths inside the course folder that lead outside it (symbolic links): never read, never packed. */
  readonly outside?: ReadonlySet<string> | null | undefined
  /** Name of the course file (default: `course.yaml`). */
  readonly manifest?: string | null | undefined
  /** Size in bytes of files of the course folder, by path, for the media size limit (optional: unknown sizes are not checked). */
  readonly sizes?: ReadonlyMap<string, number> | null | undefined
}

/** Configuration for `compileCourse` (optional). */
export interface CompileOptions {
  /** Report warnings as errors (default: `false`). */
  readonly strict?: boolean | null | undefined
  /** A validator to reuse across courses (default: a new one). */
  readonly validator?: Validator | null | undefined
  /** Largest file, in bytes, a package may carry (default: `maxMediaBytes`, 100 MiB). */
  readonly maxMediaBytes?: number | null | undefined
  /** Modules compiled before, to reuse when unchanged (see `createCompileCache`; default: none). */
  readonly cache?: CompileCache | null | undefined
  /**
   * How Markdown files are parsed (default: `parseMarkdown` of @coursemark/syntax). A caller may
   * put a cache in front of it: it must give what `parseMarkdown` gives for the same text, as a
   * new object on every call (compiling changes the tree).
   */
  readonly parse?: ((text: string) => ParseResult) | null | undefined
}

export interface CompileResult {
  /** The course model, or `undefined` when errors make it unusable. Only use it when `ok`. */
  readonly course: Course | undefined
  /** `true` when there are no errors. */
  readonly ok: boolean
  /** Every message, errors and warnings, in file order. */
  readonly messages: ReadonlyArray<VFileMessage>
  /** The files messages refer to, with their text (for code frames). */
  readonly files: ReadonlyArray<VFile>
}

interface CourseData {
  id: string
  title: string
  version: string
  language: string
  description: string
  keywords?: string[]
  authors?: string[]
  license?: string
  mastery?: number
  completion?: 'pages' | 'assessed'
  theme?: string
  externalLinks?: 'warn' | 'allow'
  translation?: {source: string; status: 'draft' | 'reviewed'; sourceHash?: string}
  translations?: string[]
  outcomes: Array<Omit<Outcome, 'source'>>
  modules: string[]
}

/** Compile a course folder's text into the course model and positioned messages. Never throws for author input. */
export function compileCourse(input: CourseInput, options?: CompileOptions | null): CompileResult {
  const context = createContext(options?.validator ?? createValidator(), input.files, input.assets, input.outside ?? new Set(), {sizes: input.sizes, maxMediaBytes: options?.maxMediaBytes, parse: options?.parse})
  const unreadable = input.unreadable ?? new Set<string>()
  const manifest = input.manifest ?? 'course.yaml'
  const course = compile(context, input.slug, manifest, unreadable, options?.cache ?? undefined)
  const files = [...context.vfiles.values()].sort((a, b) => String(a.path).localeCompare(String(b.path)))
  const messages = files.flatMap((file) => file.messages)
  if (options?.strict) for (const message of messages) message.fatal = true
  const ok = !messages.some((message) => message.fatal === true)
  return {course: ok ? course : undefined, ok, messages, files}
}

function compile(context: Context, slug: string, manifest: string, unreadable: ReadonlySet<string>, cache: CompileCache | undefined): Course | undefined {
  const file = vfileOf(context, manifest)
  if (unreadable.has(manifest)) return undefined
  if (!context.files.has(manifest)) {
    report(file, {line: 1, column: 1}, rules.missingModule, 'Unexpected folder without `' + manifest + '`, expected the course file there')
    return undefined
  }
  const located = parseYaml(file, context.files.get(manifest)!)
  if (located.value === undefined) return undefined
  const {errors} = context.validator.validate('course', located.value)
  const allowedCourse = Object.keys(context.validator.schema('course')?.properties ?? {})
  const allowedOutcome = Object.keys(context.validator.schema('outcome')?.properties ?? {})
  for (const description of describeErrors(errors, {allowed: (pointer) => (pointer === '' ? allowedCourse : /^\/outcomes\/\d+$/.test(pointer) ? allowedOutcome : undefined)})) {
    const place = located.locate(description.pointer, description.rule === rules.unknownField)
    report(file, place, description.rule, description.reason, {expected: description.expected, actual: description.actual})
  }
  // Go on after schema errors when the structure allows it, so authors see every problem at once.
  const data = usable(located.value)
  if (!data) return undefined
  context.externalLinks = data.externalLinks ?? 'warn'
  context.language = data.language

  if (data.id && !/^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/.test(data.id)) {
    report(file, located.locate('/id'), rules.invalidCourseId, 'Unexpected course id `' + data.id + '`, expected an absolute IRI such as `https://example.org/courses/' + slug + '`')
  }

  const outcomes: Outcome[] = data.outcomes.map((outcome, index) => ({
    id: outcome.id, statement: outcome.statement, bloom: outcome.bloom, domain: outcome.domain, eqf: outcome.eqf,
    source: {path: manifest, start: pointOf(located.locate('/outcomes/' + index + '/id'))}
  }))
  outcomes.forEach((outcome, index) => context.ids.push({id: outcome.id, kind: 'outcome', file: manifest, place: located.locate('/outcomes/' + index + '/id')}))

  const paths: string[] = []
  data.modules.forEach((modulePath, index) => {
    if (!modulePath) return
    const place = located.locate('/modules/' + index)
    const resolved = resolvePath(manifest, modulePath)
    if (resolved.kind !== 'inside') {
      report(file, place, rules.assetOutsideCourse, 'Unexpected module path `' + modulePath + '` outside the course folder, expected a file inside it')
      return
    }
    if (unreadable.has(resolved.path)) {
      context.incomplete = true
      return
    }
    if (context.outside.has(resolved.path)) {
      report(file, place, rules.assetOutsideCourse, 'Unexpected module `' + modulePath + '` that links outside the course folder, expected a file inside it')
      return
    }
    if (!context.files.has(resolved.path)) {
      report(file, place, rules.missingModule, 'Unexpected missing module file `' + resolved.path + '`, expected it next to course.yaml')
      return
    }
    paths.push(resolved.path)
  })
  const shared = cache ? sharedKey(context, new Set(paths)) : ''
  const loaded: CachedLoad[] = paths.map((path) => loadCached(cache, context, path, shared, () => loadModule(context, path), (module) => definitionsIn(module.tree)))
  // Terms can be defined anywhere in the course and used bare everywhere else.
  collectDefinitions(context, loaded.map((load) => load.definitions))
  const definitions = cache ? definitionsKey(context.definitions) : ''
  const modules: Module[] = loaded.flatMap((load) => buildCached(cache, load, context, definitions, (module) => buildModule(context, module)) ?? [])

  checkIds(context)
  checkOutcomes(context, manifest, outcomes, located.locate)
  const glossary = checkTerms(context)
  const media: MediaRef[] = [...context.media].map(([path, kind]) => ({path, kind})).sort((a, b) => a.path.localeCompare(b.path))

  return {
    type: 'course',
    modelVersion: MODEL_VERSION,
    id: data.id,
    slug,
    title: data.title,
    version: data.version,
    language: data.language,
    description: data.description,
    keywords: data.keywords ?? [],
    authors: data.authors ?? [],
    license: data.license,
    mastery: data.mastery ?? 0.8,
    completion: data.completion ?? 'pages',
    theme: data.theme ?? 'default',
    outcomes,
    modules,
    glossary,
    media,
    translation: data.translation ? {sourceLanguage: data.translation.source, status: data.translation.status, sourceHash: data.translation.sourceHash} : undefined,
    translations: data.translations ?? []
  }
}

function checkIds(context: Context): void {
  const first = new Map<string, (typeof context.ids)[number]>()
  for (const declared of context.ids) {
    const previous = first.get(declared.id)
    if (!previous) {
      first.set(declared.id, declared)
      continue
    }
    const where = previous.file + (previous.place ? ':' + previous.place.start.line + ':' + previous.place.start.column : '')
    report(vfileOf(context, declared.file), declared.place, rules.duplicateId,
      'Unexpected duplicate id `' + declared.id + '` (' + declared.kind + '), expected a new id: it is already used by a ' + previous.kind + ' at ' + where)
  }
}

function checkOutcomes(context: Context, manifest: string, outcomes: ReadonlyArray<Outcome>, locate: (pointer: string) => Position | undefined): void {
  const ids = outcomes.map((outcome) => outcome.id)
  for (const ref of context.outcomeRefs) {
    if (!ids.includes(ref.id)) {
      report(vfileOf(context, ref.file), ref.place, rules.unknownOutcome, 'Unexpected outcome `' + ref.id + '`, expected one of ' + quoteList(ids), {actual: ref.id, expected: ids})
    }
  }
  outcomes.forEach((outcome, index) => {
    const place = locate('/outcomes/' + index + '/id')
    if (context.incomplete) return
    if (!context.outcomeRefs.some((ref) => ref.taught && ref.id === outcome.id)) {
      report(vfileOf(context, manifest), place, rules.outcomeNotTaught, 'Unexpected outcome `' + outcome.id + '` that no module teaches, expected it in the `outcomes` of a module')
    }
    if (!context.outcomeRefs.some((ref) => !ref.taught && ref.id === outcome.id)) {
      report(vfileOf(context, manifest), place, rules.outcomeNotAssessed, 'Unexpected outcome `' + outcome.id + '` that no question or scenario assesses, expected `outcome=' + outcome.id + '` on one')
    }
  })
}

function checkTerms(context: Context): GlossaryTerm[] {
  const byKey = new Map<string, Array<(typeof context.terms)[number]>>()
  for (const use of context.terms) {
    const key = use.term.toLowerCase()
    byKey.set(key, [...(byKey.get(key) ?? []), use])
  }
  const glossary: GlossaryTerm[] = []
  for (const uses of byKey.values()) {
    const defined = uses.filter((use) => use.definition !== undefined)
    if (defined.length === 0) {
      const use = uses[0]!
      report(vfileOf(context, use.file), use.place, rules.undefinedTerm, 'Unexpected term `' + use.term + '` without a definition, expected `{def="…"}` on one use')
      continue
    }
    const first = defined[0]!
    for (const other of defined.slice(1)) {
      if (other.definition !== first.definition) {
        report(vfileOf(context, other.file), other.place, rules.conflictingTerm, 'Unexpected second definition of `' + other.term + '`, expected one definition per term (first at ' + first.file + ':' + (first.place?.start.line ?? 1) + ')')
      }
    }
    glossary.push({term: first.term, definition: first.definition!, source: {path: first.file, start: pointOf(first.place)}})
  }
  return glossary.sort((a, b) => a.term.localeCompare(b.term))
}

function pointOf(place: Position | undefined): {line: number; column: number} | undefined {
  return place ? {line: place.start.line, column: place.start.column} : undefined
}

/** The parts of course.yaml the compiler can still work with after schema errors. */
function usable(value: unknown): CourseData | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined
  const data = value as Partial<CourseData>
  const outcomes = Array.isArray(data.outcomes) ? data.outcomes.filter((outcome) => outcome && typeof outcome === 'object' && typeof outcome.id === 'string') : []
  const modules = Array.isArray(data.modules) ? data.modules.map((module) => (typeof module === 'string' ? module : '')) : []
  return {
    ...data,
    id: typeof data.id === 'string' ? data.id : '',
    title: String(data.title ?? ''),
    version: String(data.version ?? ''),
    language: typeof data.language === 'string' ? data.language : 'en',
    description: String(data.description ?? ''),
    externalLinks: data.externalLinks === 'allow' ? 'allow' : 'warn',
    outcomes,
    modules
  } as CourseData
}
