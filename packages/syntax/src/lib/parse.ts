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
import type {Point} from 'unist'
import {literalAutolinks} from './autolinks.js'
import {balanceFences} from './fences.js'
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
  ;(data.micromarkExtensions ??= []).push(gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem())
  ;(data.fromMarkdownExtensions ??= []).push(gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown())
}

/** One frozen processor: its configuration never changes, so every parse shares it. */
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(gfm).use(remarkDirective).freeze()

/** Parse module Markdown (front matter, GFM, directives) into mdast. No meaning is attached. */
export function parseMarkdown(value: string): ParseResult {
  const normalized = value.replace(/\r\n?/g, '\n')
  const fences = balanceFences(normalized)
  const tooDeep = fences.depth > maxDepth ? fences.deepest : deepLine(normalized)
  if (tooDeep) return {tree: {type: 'root', children: []}, unclosed: [], stray: [], tooDeep}
  const tree = processor.parse(fences.value)
  if (fences.shifts.size > 0) mapPositions(tree, fences.shifts, fences.value)
  literalAutolinks(tree, normalized)
  restoreBareTextDirectives(tree)
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
