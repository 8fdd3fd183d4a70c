import type {Root} from 'mdast'
import remarkDirective from 'remark-directive'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import {unified, type Processor} from 'unified'
import {gfmFootnoteFromMarkdown} from 'mdast-util-gfm-footnote'
import {gfmStrikethroughFromMarkdown} from 'mdast-util-gfm-strikethrough'
import {gfmTableFromMarkdown} from 'mdast-util-gfm-table'
import {gfmTaskListItemFromMarkdown} from 'mdast-util-gfm-task-list-item'
import {gfmFootnote} from 'micromark-extension-gfm-footnote'
import {gfmStrikethrough} from 'micromark-extension-gfm-strikethrough'
import {gfmTable} from 'micromark-extension-gfm-table'
import {gfmTaskListItem} from 'micromark-extension-gfm-task-list-item'
import type {Construct, Extension, TokenizeContext} from 'micromark-util-types'
import type {Point} from 'unist'
import {literalAutolinks} from './autolinks.js'
import {balanceFences, type FenceReport} from './fences.js'
import {fastTree} from './fast/fast-tree.js'
import {mayBeDelimiterRow} from './delimiter-row.js'
import {visit} from 'unist-util-visit'

/** The result of `parseMarkdown`. */
export interface ParseResult {
  /** Where nesting is too deep to parse safely (the tree is then empty). */
  readonly tooDeep?: Point | undefined
  /** The mdast, with positions in the original text. */
  readonly tree: Root
  /** Container directives never closed. */
  readonly unclosed: ReadonlyArray<Point & {readonly name: string}>
  /** Closing fences that close nothing. */
  readonly stray: ReadonlyArray<Point>
}

/** Deepest nesting of lists, quotes and directives parsed (deeper input is refused, not parsed). */
export const maxDepth = 32

// A quote marker needs no space after it (`>>>` is three levels); a list marker does.
const containerPrefix = /^(?:[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)))+/

/** The first line whose list or quote markers (or indentation) nest deeper than `maxDepth`. */
function deepLine(value: string): Point | undefined {
  const lines = value.split('\n')
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!
    const prefix = containerPrefix.exec(line)
    const markers = prefix ? (prefix[0].match(/>|[-*+]|\d{1,9}[.)]/g) ?? []).length : 0
    const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length
    if (markers > maxDepth || indent > maxDepth * 4) return {line: index + 1, column: 1}
  }
  return undefined
}

/**
 * GFM as remark-gfm has it (tables, footnotes, strikethrough, task lists), without literal
 * autolinks: those (`www.example.org`, `https://…`, `name@example.org`) are found after parsing by
 * mdast-util-gfm-autolink-literal's linear pass over text (see `literalAutolinks`), not by
 * micromark's syntax extension, which rescans text on every `@`, `.` and `:` (quadratic on hostile
 * input, and a large part of parse time on ordinary courses). The links are the same.
 */
function gfm(this: Processor): void {
  const data = this.data()
  ;(data.micromarkExtensions ??= []).push(gfmFootnote(), gfmStrikethrough(), tablesWhereTheyCanBe(), gfmTaskListItem())
  ;(data.fromMarkdownExtensions ??= []).push(gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown())
}

/**
 * Lines (1-based) of the text being parsed that can be a table's delimiter row, while
 * `parseMarkdown` parses it; `undefined` (every line can) otherwise.
 */
let delimiterRows: ReadonlySet<number> | undefined

/** The lines (1-based) of `value` that can be a GFM delimiter row (`mayBeDelimiterRow`). */
function delimiterRowLines(value: string): Set<number> {
  const lines = new Set<number>()
  let line = 1
  for (const text of value.split('\n')) {
    if (mayBeDelimiterRow(text)) lines.add(line)
    line++
  }
  return lines
}

/**
 * GFM tables, tried only where one can start. micromark-extension-gfm-table tries to read a
 * table head at the start of every block, reading the whole line before it looks for the
 * delimiter row on the next: a fifth of all parsing on ordinary courses. A head is only tried
 * where the next line can be a delimiter row (`delimiterRows`); the rows after a head are tried
 * as before. Where no table can be, the tree is the same.
 */
function tablesWhereTheyCanBe(): Extension {
  const table = gfmTable()
  const constructs = [table.flow?.null ?? []].flat()
  return {
    flow: {
      null: constructs.map((construct): Construct => ({
        ...construct,
        tokenize(effects, ok, nok) {
          const self = this
          const start = construct.tokenize.call(self, effects, ok, nok)
          return function (code) {
            if (delimiterRows && !delimiterRows.has(self.now().line + 1) && !afterTableRow(self.events)) return nok(code)
            return start(code)
          }
        }
      }))
    }
  }
}

/** Whether the last block read is a table head or row (the next line may be a body row), as micromark-extension-gfm-table tells. */
function afterTableRow(events: TokenizeContext['events']): boolean {
  let index = events.length - 1
  while (index > -1 && (events[index]![1].type === 'lineEnding' || events[index]![1].type === 'linePrefix')) index--
  const tail = index > -1 ? events[index]![1].type : undefined
  return tail === 'tableHead' || tail === 'tableRow'
}

/** One frozen processor: its configuration never changes, so every parse shares it. */
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(gfm).use(remarkDirective).freeze()

/**
 * Parse module Markdown (front matter, GFM, directives) into mdast. No meaning is attached.
 *
 * micromark (through remark-parse and its extensions) defines the syntax. Most texts are parsed
 * several times faster by the fast path (`fastTree`), which gives the same trees (tested) and
 * leaves every text it is not sure of to micromark.
 */
export function parseMarkdown(value: string): ParseResult {
  return parse(value, {fast: true, onlyWhereTablesCanBe: true})
}

/** `parseMarkdown` without the fast path: micromark parses every text. */
export function parseWithMicromark(value: string): ParseResult {
  return parse(value, {fast: false, onlyWhereTablesCanBe: true})
}

/**
 * `parseWithMicromark` with a GFM table tried at the start of every block, as
 * micromark-extension-gfm-table does on its own: slower, and the same tree (tested).
 */
export function parseTryingEveryTable(value: string): ParseResult {
  return parse(value, {fast: false, onlyWhereTablesCanBe: false})
}

/** Whether `parseMarkdown` parses `value` on the fast path. */
export function takesFastPath(value: string): boolean {
  const fences = prepare(value)
  return !('tooDeep' in fences) && fastTree(fences.value) !== undefined
}

/** The text as micromark is given it (line endings normalized, container fences balanced), or where it nests too deep. */
function prepare(value: string): (FenceReport & {normalized: string}) | {tooDeep: Point} {
  const normalized = value.replace(/\r\n?/g, '\n')
  const fences = balanceFences(normalized)
  const tooDeep = fences.depth > maxDepth ? fences.deepest : deepLine(normalized)
  return tooDeep ? {tooDeep} : {...fences, normalized}
}

function parse(value: string, options: {readonly fast: boolean; readonly onlyWhereTablesCanBe: boolean}): ParseResult {
  const fences = prepare(value)
  if ('tooDeep' in fences) return {tree: {type: 'root', children: []}, unclosed: [], stray: [], tooDeep: fences.tooDeep}
  const normalized = fences.normalized
  let tree = options.fast ? fastTree(fences.value) : undefined
  // The fast path makes a bare `:name` text itself.
  const fromMicromark = !tree
  if (!tree) {
    delimiterRows = options.onlyWhereTablesCanBe ? delimiterRowLines(fences.value) : undefined
    try {
      tree = processor.parse(fences.value)
    } finally {
      delimiterRows = undefined
    }
  }
  if (fences.shifts.size > 0) mapPositions(tree, fences.shifts, fences.value)
  literalAutolinks(tree, normalized)
  if (fromMicromark) restoreBareTextDirectives(tree)
  return {tree, unclosed: fences.unclosed, stray: fences.stray}
}

interface Positioned {
  position?: {start: {line: number; column: number; offset?: number | undefined}; end: {line: number; column: number; offset?: number | undefined}} | undefined
  children?: Positioned[]
}

/** Map positions in the rewritten text back to the author's text. */
function mapPositions(tree: Root, shifts: ReadonlyMap<number, {readonly column: number; readonly delta: number}>, value: string): void {
  const lineCount = value.split('\n').length
  const before: number[] = [0]
  for (let line = 1; line <= lineCount; line++) before[line] = before[line - 1]! + (shifts.get(line)?.delta ?? 0)
  const fix = (point: {line: number; column: number; offset?: number | undefined}): void => {
    const shift = shifts.get(point.line)
    let inLine = 0
    if (shift && point.column > shift.column) {
      inLine = Math.min(shift.delta, point.column - shift.column)
      if (shift.delta < 0) inLine = shift.delta
    }
    point.column -= inLine
    if (point.offset !== undefined) point.offset -= before[point.line - 1]! + inLine
  }
  const walk = (node: Positioned): void => {
    if (node.position) {
      fix(node.position.start)
      fix(node.position.end)
    }
    if (node.children) for (const child of node.children) walk(child)
  }
  walk(tree as unknown as Positioned)
}

/**
 * A bare `:name` in running text (as in `10:30` or `Note:this`) is text, not a directive: only
 * `:name[label]` or `:name{attributes}` make an inline directive.
 */
function restoreBareTextDirectives(tree: Root): void {
  visit(tree, 'textDirective', function (node, index, parent) {
    if (!parent || index === undefined) return
    const position = node.position
    const length = position && position.end.offset !== undefined && position.start.offset !== undefined ? position.end.offset - position.start.offset : undefined
    const bare = node.children.length === 0 && Object.keys(node.attributes ?? {}).length === 0 && length === node.name.length + 1
    if (!bare) return
    parent.children.splice(index, 1, {type: 'text', value: ':' + node.name, position})
  })
}
