import type {SyntaxNode} from '@lezer/common'
import type {BlockContent, ListItem, PhrasingContent, RootContent, TableCell, TableRow, Text} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {decodeNamedCharacterReference} from 'decode-named-character-reference'
import type {} from 'mdast-util-directive'
import type {Position} from 'unist'
import {mayBeDelimiterRow} from '../delimiter-row.js'
import {readAttributes} from './directive-syntax.js'

const punctuation = /[\p{P}\p{S}]/u

/**
 * Whether the emphasis marks of `value` may pair up differently in @lezer/markdown and micromark.
 * They can where CommonMark's "rule of 3" applies: a run of `*` or `_` that can both open and
 * close (as in `2*3*4`), next to runs of that character of other lengths (the two read the rule
 * with the lengths before and after earlier pairs took marks from a run). `**O**pen` and
 * `snake_case` are fine.
 */
function ambiguousEmphasis(value: string): boolean {
  const lengths = {'*': new Set<number>(), _: new Set<number>()}
  let both = false
  for (const match of value.matchAll(/\*+|_+/g)) {
    const mark = match[0][0] as '*' | '_'
    lengths[mark].add(match[0].length)
    const before = value.charAt(match.index - 1)
    const after = value.charAt(match.index + match[0].length)
    const spaceBefore = before === '' || /\s/.test(before)
    const spaceAfter = after === '' || /\s/.test(after)
    const left = !spaceAfter && (!punctuation.test(after) || spaceBefore || punctuation.test(before))
    const right = !spaceBefore && (!punctuation.test(before) || spaceAfter || punctuation.test(after))
    if (left && right) both = true
  }
  return both && (lengths['*'].size > 1 || lengths._.size > 1 || [...lengths['*'], ...lengths._].some((length) => length > 2))
}

/** A link destination as CommonMark has it without `<…>`: no spaces or controls, parentheses in pairs. */
function balancedDestination(url: string): boolean {
  if (/[\s\0-\x1f\x7f<]/.test(url)) return false
  let depth = 0
  for (const character of url) {
    if (character === '(') depth++
    else if (character === ')' && --depth < 0) return false
  }
  return depth === 0
}

/** Thrown where the tree holds something the fast path does not convert; the text then goes to micromark. */
export class Unsupported extends Error {}

/** Positions of a text: `position(from, to)` for offsets in it. */
export type Locate = (from: number, to: number) => Position

/**
 * The mdast of a Lezer Markdown tree, node for node as mdast-util-from-markdown builds it from
 * micromark (positions included), for the syntax the fast path takes; `Unsupported` is thrown for
 * the rest. `base` is where the parsed text starts in `source`.
 */
export function toMdast(top: SyntaxNode, source: string, base: number, locate: Locate): RootContent[] {
  const at = (from: number, to: number): Position => locate(base + from, base + to)
  const text = (from: number, to: number): string => source.slice(base + from, base + to)
  /** Text nodes made of bare text directives, which are not text when mdast-util-from-markdown builds the tree (see `restoreBareTextDirectives`). */
  const bare = new WeakSet<PhrasingContent>()
  /** The block quotes and list items around the block being converted, outermost first. */
  const open: Array<{readonly quote: true} | {readonly quote: false; readonly width: number}> = []

  /**
   * Where the prefixes of the open quotes and list items end on the line starting at `from`
   * (`> ` for a quote, as many spaces as its content is indented for a list item); `-1` when the
   * line lacks one. A paragraph line without them is a lazy continuation line, which
   * @lezer/markdown and micromark do not always read alike (see `continues`).
   */
  function prefixEnd(from: number): number {
    let position = from
    for (const container of open) {
      if (container.quote) {
        let spaces = 0
        while (spaces < 3 && text(position, position + 1) === ' ') (position++, spaces++)
        if (text(position, position + 1) !== '>') return -1
        position++
        if (text(position, position + 1) === ' ') position++
      } else {
        if (text(position, position + container.width).trim() !== '' || base + position + container.width > source.length) return -1
        position += container.width
      }
    }
    return position
  }

  /** Whether a line of a paragraph after its first, or the line after it, could be a GFM table's delimiter row. */
  function mayHaveDelimiterRow(node: SyntaxNode): boolean {
    const after = source.indexOf('\n', base + node.to)
    const next = after === -1 ? '' : source.slice(after + 1, lineEndOf(after + 1 - base) + base)
    return [...text(node.from, node.to).split('\n').slice(1), next].some(mayBeDelimiterRow)
  }

  /**
   * Whether the paragraph line starting at `from` goes on the paragraph for micromark too: it has
   * the prefixes of its quotes and list items, or, as a lazy continuation line, it starts with a
   * letter (which starts no other block).
   */
  function continues(from: number): boolean {
    return prefixEnd(from) !== -1 || /^ *\p{L}/u.test(text(from, from + 8))
  }

  function lineEndOf(offset: number): number {
    const end = source.indexOf('\n', base + offset)
    return (end === -1 ? source.length : end) - base
  }

  function lineStartOf(offset: number): number {
    return source.lastIndexOf('\n', base + offset - 1) + 1 - base
  }

  function blocks(parent: SyntaxNode): RootContent[] {
    const out: RootContent[] = []
    for (let node = parent.firstChild; node; node = node.nextSibling) {
      const block = toBlock(node)
      if (block) out.push(block)
    }
    return out
  }

  function toBlock(node: SyntaxNode): RootContent | undefined {
    switch (node.name) {
      case 'Paragraph':
        // A line that could be a table's delimiter row: micromark-extension-gfm-table finds
        // tables @lezer/markdown does not (`a |` over `:-`).
        if (mayHaveDelimiterRow(node)) throw new Unsupported('table')
        return {type: 'paragraph', children: phrasing(node, node.from, node.to, true), position: at(node.from, node.to)}
      case 'ATXHeading1': case 'ATXHeading2': case 'ATXHeading3': case 'ATXHeading4': case 'ATXHeading5': case 'ATXHeading6':
        return heading(node)
      case 'HorizontalRule':
        return {type: 'thematicBreak', position: at(node.from, node.to)}
      case 'Blockquote': {
        // Empty and nested quotes: micromark extends them over the next line's `>`.
        if (!node.firstChild?.nextSibling || open.some((container) => container.quote)) throw new Unsupported('block quote')
        open.push({quote: true})
        const children = blocks(node) as BlockContent[]
        open.pop()
        return {type: 'blockquote', children, position: at(node.from, node.to)}
      }
      case 'BulletList': case 'OrderedList':
        return list(node)
      case 'Table':
        return table(node)
      case 'LeafDirective':
        return leafDirective(node)
      case 'QuoteMark':
        return undefined
      default:
        // Code, HTML, link reference definitions, setext headings: micromark's.
        throw new Unsupported(node.name)
    }
  }

  function heading(node: SyntaxNode): RootContent {
    const depth = Number(node.name.slice(-1)) as 1 | 2 | 3 | 4 | 5 | 6
    const open = node.firstChild!
    const last = node.lastChild!
    let end = last.from !== open.from && last.name === 'HeaderMark' ? last.from : node.to
    let start = open.to
    while (start < end && text(start, start + 1) === ' ') start++
    while (end > start && text(end - 1, end) === ' ') end--
    return {type: 'heading', depth, children: phrasing(node, start, end, true), position: at(node.from, node.to)}
  }

  function list(node: SyntaxNode): RootContent {
    // micromark ends a list in a block quote where the next block starts (after its `>`).
    if (open.some((container) => container.quote)) throw new Unsupported('list in a block quote')
    const items: ListItem[] = []
    let spread = false
    let previous: SyntaxNode | undefined
    for (let item = node.firstChild; item; item = item.nextSibling) {
      if (item.name !== 'ListItem') throw new Unsupported(item.name)
      if (previous && blankBetween(previous.to, item.from)) spread = true
      items.push(listItem(item))
      previous = item
    }
    const ordered = node.name === 'OrderedList'
    const start = ordered ? Number.parseInt(text(node.firstChild!.firstChild!.from, node.firstChild!.firstChild!.to), 10) : null
    return {type: 'list', ordered, start, spread, children: items, position: at(items[0]!.position!.start.offset! - base, node.to)}
  }

  function listItem(item: SyntaxNode): ListItem {
    const mark = item.firstChild!
    if (mark.name !== 'ListMark') throw new Unsupported('list item')
    const children: BlockContent[] = []
    let checked: boolean | null = null
    let previousEnd: number | undefined
    let spread = false
    const first = mark.nextSibling
    const content = first?.from
    // `[x]` alone (no text after it on its line): micromark-extension-gfm-task-list-item takes
    // it as a task, @lezer/markdown does not.
    if (first?.name === 'Paragraph' && /^\[[ xX]\]/.test(text(first.from, first.from + 3))) throw new Unsupported('task')
    if (content === undefined || content - mark.to > 4 || text(mark.to, content).includes('\n')) throw new Unsupported('list item content')
    const itemStart = prefixEnd(lineStartOf(mark.from))
    if (itemStart === -1) throw new Unsupported('list item prefix')
    open.push({quote: false, width: content - itemStart})
    for (let child = first; child; child = child.nextSibling) {
      if (previousEnd !== undefined && blankBetween(previousEnd, child.from)) spread = true
      previousEnd = child.to
      if (child.name === 'Task') {
        const marker = child.firstChild!
        checked = text(marker.from, marker.to) !== '[ ]'
        const from = marker.to + 1
        if (text(marker.to, from) !== ' ' || from >= child.to || text(from, from + 1) === ' ') throw new Unsupported('task')
        if (mayHaveDelimiterRow(child)) throw new Unsupported('table')
        const inline = phrasing(child, from, child.to, true)
        // mdast-util-gfm-task-list-item starts the paragraph at its text, when it starts with
        // text; otherwise it stays where micromark has it, at the task marker.
        const head = inline[0]
        const start = head?.type === 'text' && !bare.has(head) ? from : marker.from
        children.push({type: 'paragraph', children: inline, position: at(start, child.to)})
        continue
      }
      const block = toBlock(child)
      if (block) children.push(block as BlockContent)
    }
    open.pop()
    return {type: 'listItem', spread, checked, children, position: at(mark.from, item.to)}
  }

  function blankBetween(from: number, to: number): boolean {
    const between = text(from, to)
    const first = between.indexOf('\n')
    return first !== -1 && between.indexOf('\n', first + 1) !== -1
  }

  function table(node: SyntaxNode): RootContent {
    // After a line of text, micromark may read the rows as that text's lazy lines.
    const headLine = lineStartOf(node.from)
    if (headLine > 0 && text(lineStartOf(headLine - 1), headLine - 1).replace(/[> ]/g, '') !== '') throw new Unsupported('table after text')
    const rows: TableRow[] = []
    let align: Array<'left' | 'right' | 'center' | null> = []
    for (let child = node.firstChild; child; child = child.nextSibling) {
      // Rows that are indented or lazy, and rows that could start another block (micromark ends
      // the table there): micromark's to read.
      const rowStart = prefixEnd(lineStartOf(child.from))
      if (rowStart === -1 || text(rowStart, rowStart + 1) === ' ') throw new Unsupported('table row')
      if (child.name === 'TableRow' && /^(?:[-+*>#]|\d{1,9}[.)]|:)/.test(text(rowStart, child.to))) throw new Unsupported('table row')
      if (child.name === 'TableDelimiter') {
        align = text(child.from, child.to).trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((cell) => {
          const value = cell.trim()
          const left = value.startsWith(':')
          const right = value.endsWith(':')
          return left && right ? 'center' : left ? 'left' : right ? 'right' : null
        })
      } else if (child.name === 'TableHeader' || child.name === 'TableRow') rows.push(tableRow(child))
      else throw new Unsupported(child.name)
    }
    // Rows (and the table) end at the end of their line, whitespace included, as in micromark.
    return {type: 'table', align, children: rows, position: at(node.from, lineEndOf(node.lastChild!.from))}
  }

  function tableRow(row: SyntaxNode): TableRow {
    const pipes: number[] = []
    const contents: SyntaxNode[] = []
    for (let child = row.firstChild; child; child = child.nextSibling) {
      if (child.name === 'TableDelimiter') pipes.push(child.from)
      else if (child.name === 'TableCell') contents.push(child)
      else throw new Unsupported(child.name)
    }
    const rowEnd = lineEndOf(row.from)
    const starts = text(row.from, row.to).startsWith('|') ? [...pipes] : [row.from, ...pipes]
    if (starts.length > 1 && starts.at(-1) === row.from + text(row.from, rowEnd).trimEnd().length - 1) starts.pop()
    // Cells and their contents are both in order: one pass pairs them.
    let next = 0
    const cells: TableCell[] = starts.map((start, index) => {
      const end = starts[index + 1] ?? rowEnd
      const content = contents[next]
      if (content && content.from < start) throw new Unsupported('table cell')
      const inside = content !== undefined && content.to <= end
      if (inside) next++
      return {type: 'tableCell', children: inside ? phrasing(content, content.from, content.to, true) : [], position: at(start, end)}
    })
    if (next !== contents.length) throw new Unsupported('table cell')
    return {type: 'tableRow', children: cells, position: at(row.from, rowEnd)}
  }

  function leafDirective(node: SyntaxNode): RootContent {
    const {name, attributes, label} = directiveParts(node)
    return {type: 'leafDirective', name, attributes, children: label ? labelText(label) : [], position: at(node.from, node.to)}
  }

  function directiveParts(node: SyntaxNode): {name: string; attributes: Record<string, string>; label: SyntaxNode | undefined} {
    let name = ''
    let attributes: Record<string, string> = {}
    let label: SyntaxNode | undefined
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.name === 'DirectiveName') name = text(child.from, child.to)
      else if (child.name === 'DirectiveLabel') label = child
      else if (child.name === 'DirectiveAttributes') attributes = readAttributes(text(child.from, child.to))
    }
    return {name, attributes, label}
  }

  function labelText(label: SyntaxNode): PhrasingContent[] {
    return label.to - label.from > 2 ? [{type: 'text', value: text(label.from + 1, label.to - 1), position: at(label.from + 1, label.to - 1)}] : []
  }

  /**
   * The phrasing content of `node` between `from` and `to` (its inline children there, and the
   * text around them), as mdast-util-from-markdown makes it: data, escapes, character references
   * and line endings merge into one text node; whitespace at the end of a line is dropped, and so
   * is whitespace (and quote markers) at the start of a continuation line.
   */
  /** The content of the block whose phrasing is being converted, and how many `[` and `]` it has. */
  let block = {from: 0, to: 0, brackets: 0}

  function phrasing(node: SyntaxNode, from: number, to: number, own = false): PhrasingContent[] {
    if (own) {
      block = {from, to, brackets: text(from, to).split(/[[\]]/).length - 1}
      if (ambiguousEmphasis(text(from, to))) throw new Unsupported('emphasis')
    }
    const out: PhrasingContent[] = []
    let current: Text | undefined
    let lineStart = false

    const append = (value: string, start: number, end: number): void => {
      if (current) {
        current.value += value
        current.position!.end = at(end, end).end
      } else {
        current = {type: 'text', value, position: at(start, end)}
        out.push(current)
      }
    }

    const gap = (start: number, end: number, last: boolean): void => {
      let index = start
      while (index < end) {
        if (lineStart) {
          while (index < end && text(index, index + 1) === ' ') index++
          if (index >= end) return
          lineStart = false
        }
        const found = source.indexOf('\n', base + index) - base
        const newline = found >= 0 && found < end ? found : -1
        const lineEnd = newline === -1 ? end : newline
        let dataEnd = lineEnd
        if (newline !== -1 || last) while (dataEnd > index && text(dataEnd - 1, dataEnd) === ' ') dataEnd--
        if (dataEnd > index) {
          const data = text(index, dataEnd)
          // A `*` left as text, but between spaces: a delimiter run @lezer/markdown matched with
          // none. A backtick left as text: micromark places the positions after an unclosed code
          // span its own way.
          if (/\S\*|\*\S|`/.test(data)) throw new Unsupported('emphasis or code')
          append(data, index, dataEnd)
        }
        if (newline !== -1) {
          index = newline + 1
          if (!continues(index)) throw new Unsupported('lazy line')
          append('\n', newline, index)
          lineStart = true
        } else index = lineEnd
      }
    }

    let position = from
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.to <= from || child.from >= to) continue
      if (child.from > position) gap(position, child.from, false)
      position = child.to
      if (child.name === 'QuoteMark' || child.name === 'HeaderMark' || child.name === 'TaskMarker') continue
      lineStart = false
      switch (child.name) {
        case 'HardBreak':
          current = undefined
          if (text(child.to - 1, child.to) !== '\n' || !continues(child.to)) throw new Unsupported('lazy line')
          out.push({type: 'break', position: at(child.from, child.to)})
          // What starts the next line is not text (as after any line ending).
          lineStart = true
          continue
        case 'Escape':
          append(text(child.from + 1, child.to), child.from, child.to)
          continue
        case 'Entity': {
          const reference = text(child.from, child.to)
          const value = reference.startsWith('&#') ? false : decodeNamedCharacterReference(reference.slice(1, -1))
          if (value === false) throw new Unsupported('character reference')
          append(value, child.from, child.to)
          continue
        }
        case 'TextDirective': {
          const {name, attributes, label} = directiveParts(child)
          current = undefined
          if (!label && child.lastChild!.name === 'DirectiveName') {
            // A bare `:name` is text (see `restoreBareTextDirectives`), a node of its own.
            const restored: Text = {type: 'text', value: ':' + name, position: at(child.from, child.to)}
            bare.add(restored)
            out.push(restored)
          } else {
            out.push({type: 'textDirective', name, attributes, children: label ? labelText(label) : [], position: at(child.from, child.to)})
          }
          current = undefined
          continue
        }
      }
      if (child.name === 'Link' && child.firstChild!.nextSibling?.name === 'LinkMark' && child.firstChild!.nextSibling.to === child.to && /^\[[^[\]*_`\\<>&!:~\n]*\]$/.test(text(child.from, child.to)) && block.brackets === 2) {
        // `[text]` that is no link (there are no definitions), and the only brackets of its
        // block: text, as in micromark.
        append(text(child.from, child.to), child.from, child.to)
        continue
      }
      current = undefined
      out.push(inline(child))
    }
    if (position < to) gap(position, to, own)
    return out
  }

  function inline(node: SyntaxNode): PhrasingContent {
    const position = at(node.from, node.to)
    switch (node.name) {
      case 'Emphasis': case 'StrongEmphasis': {
        const open = node.firstChild!
        const close = node.lastChild!
        return {type: node.name === 'Emphasis' ? 'emphasis' : 'strong', children: phrasing(node, open.to, close.from), position}
      }
      case 'InlineCode': {
        const open = node.firstChild!
        const close = node.lastChild!
        let value = text(open.to, close.from)
        if (value.includes('\n')) throw new Unsupported('code over lines')
        if (value.length > 2 && value.startsWith(' ') && value.endsWith(' ') && value.trim() !== '') value = value.slice(1, -1)
        return {type: 'inlineCode', value, position}
      }
      case 'Link': case 'Image': {
        let labelEnd = -1
        let url: string | undefined
        let title: string | null = null
        const labelStart = node.firstChild!.to
        for (let child = node.firstChild; child; child = child.nextSibling) {
          if (child.name === 'LinkMark' && labelEnd === -1 && text(child.from, child.to) === ']') labelEnd = child.from
          else if (child.name === 'URL') url = text(child.from, child.to)
          else if (child.name === 'LinkTitle') title = text(child.from + 1, child.to - 1)
          else if (child.name === 'LinkLabel') throw new Unsupported('reference')
        }
        if (labelEnd === -1 || !text(labelEnd, labelEnd + 2).startsWith('](') || node.lastChild!.name !== 'LinkMark' || text(node.to - 1, node.to) !== ')') throw new Unsupported('reference or unclosed')
        if (title !== null && !/^(?:"[^"]*"|'[^']*'|\([^()]*\))$/.test(text(node.lastChild!.prevSibling!.from, node.lastChild!.prevSibling!.to))) throw new Unsupported('title')
        if (url?.startsWith('<')) {
          url = url.slice(1, -1)
          if (/[<>]/.test(url)) throw new Unsupported('destination')
        } else if (url !== undefined && !balancedDestination(url)) throw new Unsupported('destination')
        if (/[\\&\n]/.test(url ?? '') || /[\\&\n]/.test(title ?? '')) throw new Unsupported('escape in destination')
        const children = phrasing(node, labelStart, labelEnd)
        if (node.name === 'Link') return {type: 'link', title, url: url ?? '', children, position}
        return {type: 'image', title, url: url ?? '', alt: toString(children), position}
      }
      case 'Autolink': {
        // `<scheme:…>` (`leftToMicromark` lets no other `<` through).
        const url = text(node.from + 1, node.to - 1)
        if (!/^[A-Za-z][A-Za-z\d+.-]{1,31}:[^\s<>`\\&]*$/.test(url)) throw new Unsupported('autolink')
        return {type: 'link', title: null, url, children: [{type: 'text', value: url, position: at(node.from + 1, node.to - 1)}], position}
      }
      default:
        // HTML, comments: micromark's.
        throw new Unsupported(node.name)
    }
  }

  return blocks(top)
}
