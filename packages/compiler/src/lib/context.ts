import type {Nodes as MdastNodes} from 'mdast'
import type {Point, Position} from 'unist'
import {VFile} from 'vfile'
import {describeErrors, type Validator} from '@coursemark/schema'
import {report, type RuleData, type ReportExtra} from '@coursemark/diagnostics'
import type {MediaRef, SourceRef} from '@coursemark/model'
import {parseMarkdown, type ParseResult} from '@coursemark/syntax'

/** An id declared somewhere in the course, for the duplicate check. */
export interface DeclaredId {
  readonly id: string
  readonly kind: string
  readonly file: string
  readonly place: Position | undefined
}

/** A reference to an outcome, for the unknown-outcome check. */
export interface OutcomeRef {
  readonly id: string
  readonly file: string
  readonly place: Position | Point | undefined
  readonly taught: boolean
}

/** A glossary term as used in the text. */
export interface TermUse {
  readonly term: string
  readonly definition: string | undefined
  readonly file: string
  readonly place: Position | undefined
}

/** State shared by the whole compilation of one course. Created per run; never module-level. */
export interface Context {
  readonly validator: Validator
  /** Text of every Markdown and YAML file of the course, by course-relative path. */
  readonly files: ReadonlyMap<string, string>
  /** Every file present in the course folder, by course-relative path. */
  readonly assets: ReadonlySet<string>
  externalLinks: 'warn' | 'allow'
  /** Course language, for caption tracks. */
  language: string
  readonly vfiles: Map<string, VFile>
  readonly media: Map<string, MediaRef['kind']>
  readonly ids: DeclaredId[]
  readonly outcomeRefs: OutcomeRef[]
  readonly terms: TermUse[]
  /** Paths inside the course folder that lead outside it: never read, never packed. */
  readonly outside: ReadonlySet<string>
  /** Set when a module could not be read: course-wide coverage checks would only add noise. */
  incomplete: boolean
  /** First definition of every term in the course, by lower-case term. */
  readonly definitions: Map<string, string>
  /** Size in bytes of files of the course folder, by path (files missing here are not checked). */
  readonly sizes: ReadonlyMap<string, number>
  /** Largest file a package may carry, in bytes. */
  readonly maxMediaBytes: number
  /** Parses Markdown files (`parseMarkdown`, or a cache in front of it). */
  readonly parse: (text: string) => ParseResult
}

/** Largest picture, video, audio or other file a package may carry by default: 100 MiB. */
export const maxMediaBytes = 100 * 1024 * 1024

/** Configuration of a compilation (optional): its limits, and how Markdown is parsed. */
export interface ContextOptions {
  /** Size in bytes of files of the course folder, by path (default: none known, none checked). */
  readonly sizes?: ReadonlyMap<string, number> | null | undefined
  /** Largest file a package may carry, in bytes (default: `maxMediaBytes`). */
  readonly maxMediaBytes?: number | null | undefined
  /** Parses Markdown files (default: `parseMarkdown`). */
  readonly parse?: ((text: string) => ParseResult) | null | undefined
}

export function createContext(validator: Validator, files: ReadonlyMap<string, string>, assets: ReadonlySet<string>, outside: ReadonlySet<string>, options?: ContextOptions | null): Context {
  return {validator, files, assets, outside, incomplete: false, externalLinks: 'warn', language: 'en', vfiles: new Map(), media: new Map(), ids: [], outcomeRefs: [], terms: [], definitions: new Map(),
    sizes: options?.sizes ?? new Map(), maxMediaBytes: options?.maxMediaBytes ?? maxMediaBytes, parse: options?.parse ?? parseMarkdown}
}

/** The vfile for `path` (created on first use, holding the file's text for code frames). */
export function vfileOf(context: Context, path: string): VFile {
  let file = context.vfiles.get(path)
  if (!file) {
    file = new VFile({path, value: context.files.get(path) ?? ''})
    context.vfiles.set(path, file)
  }
  return file
}

/** The course-relative file a node came from: its include file, or the module. */
export function pathOf(node: MdastNodes, fallback: string): string {
  const data = node.data as {coursemarkFile?: string} | undefined
  return data?.coursemarkFile ?? fallback
}

/** Report a message about `node`, on the file the node came from. */
export function reportAt(context: Context, modulePath: string, node: MdastNodes | undefined, rule: RuleData, reason: string, extra?: ReportExtra): void {
  const path = node ? pathOf(node, modulePath) : modulePath
  report(vfileOf(context, path), node?.position, rule, reason, extra)
}

/** The source reference of a node. */
export function sourceOf(node: MdastNodes, modulePath: string): SourceRef {
  const position = node.position
  return {
    path: pathOf(node, modulePath),
    start: position ? {line: position.start.line, column: position.start.column} : undefined,
    end: position ? {line: position.end.line, column: position.end.column} : undefined
  }
}

/** Position of attribute `name` in the opening line of a directive, or the directive's start. */
export function attributePlace(context: Context, path: string, node: MdastNodes, name: string): Position | undefined {
  const position = node.position
  if (!position) return undefined
  const text = context.files.get(path)
  const line = text === undefined ? undefined : lineAt(text, position.start)
  if (line !== undefined) {
    const brace = line.indexOf('{', position.start.column - 1)
    if (brace >= 0) {
      const pattern = new RegExp('(^|[\\s{])(' + name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + ')(?=[\\s=}])')
      const match = pattern.exec(line.slice(brace))
      if (match) {
        const column = brace + match.index + match[1]!.length + 1
        return {start: {line: position.start.line, column}, end: {line: position.start.line, column: column + name.length}}
      }
    }
  }
  return {start: position.start, end: position.start}
}

/**
 * The text of the line `point` is on: from its offset when it has one (offsets count line
 * endings as parsed, `\n`, so not in a text with `\r`), without splitting the whole file.
 */
function lineAt(text: string, point: Position['start']): string | undefined {
  if (point.offset === undefined || text.includes('\r')) return text.split(/\r?\n/)[point.line - 1]
  const start = point.offset - (point.column - 1)
  const end = text.indexOf('\n', start)
  return text.slice(start, end === -1 ? text.length : end)
}

type Attributes = Record<string, string | number | boolean | undefined>

/**
 * Validate a directive's attributes against `schemas/directives/<name>.schema.json`.
 * Reports every problem at the attribute; returns the coerced attributes, or `undefined` when
 * a required attribute is missing or a value is invalid.
 */
export function checkAttributes(context: Context, modulePath: string, node: MdastNodes & {attributes?: Record<string, string | null | undefined> | null | undefined}, schemaName: string): Attributes | undefined {
  const raw: Record<string, string> = {}
  for (const [key, value] of Object.entries(node.attributes ?? {})) {
    if (value !== null && value !== undefined) raw[key] = value
  }
  const name = 'directives/' + schemaName
  const {value, errors} = context.validator.validate(name, raw)
  if (errors.length === 0) return value as Attributes
  const path = pathOf(node, modulePath)
  const allowed = Object.keys(context.validator.schema(name)?.properties ?? {})
  const file = vfileOf(context, path)
  let fatal = false
  for (const description of describeErrors(errors, {noun: 'attribute', allowed: () => allowed})) {
    const attribute = description.field ?? description.pointer.split('/')[1]
    const place = attribute ? attributePlace(context, path, node, attribute) : node.position
    report(file, place, description.rule, description.reason + ' on `' + schemaName + '`', {expected: description.expected, actual: description.actual})
    fatal = true
  }
  return fatal ? undefined : (value as Attributes)
}

/** Record an id for the course-wide duplicate check. */
export function declareId(context: Context, modulePath: string, node: MdastNodes, kind: string, id: string): void {
  const path = pathOf(node, modulePath)
  context.ids.push({id, kind, file: path, place: attributePlace(context, path, node, 'id') ?? node.position})
}
