import {parser as commonmark, Table, TaskList, type BlockContext, type Element, type InlineContext, type Line, type MarkdownParser} from '@lezer/markdown'
import {directiveParts, nameEnd, type DirectiveParts} from './directive-syntax.js'

/**
 * @lezer/markdown, configured for the fast path: CommonMark, GFM tables and task list items,
 * and the common forms of text and leaf directives. Container directives never reach it (their
 * fences are split off first, see `fastTree`). Literal autolinks are found after parsing, as on
 * the micromark path; strikethrough is not parsed (`~` sends a text to micromark).
 *
 * Where a directive-like text is not one of the forms read here, the grammar flags the text as
 * `unsure` (it cannot stop the parse) and the fast path leaves it to micromark.
 */
export const grammar: MarkdownParser = commonmark.configure([
  Table,
  TaskList,
  {
    defineNodes: [
      {name: 'LeafDirective', block: true},
      'TextDirective',
      'DirectiveName',
      'DirectiveLabel',
      'DirectiveAttributes'
    ],
    parseBlock: [{name: 'LeafDirective', before: 'LinkReference', parse: leafDirective, endLeaf: (_, line) => startsDirective(line)}],
    parseInline: [{name: 'TextDirective', parse: textDirective}]
  }
])

const flags = {unsure: false}

/** Parse `text`; `undefined` when it holds a directive-like form the fast path does not read. */
export function parseFast(text: string): ReturnType<MarkdownParser['parse']> | undefined {
  flags.unsure = false
  const tree = grammar.parse(text)
  return flags.unsure ? undefined : tree
}

const colon = 58

/** A line that may start a leaf or container directive (`::` and a name character). */
function startsDirective(line: Line): boolean {
  return line.next === colon && line.text.charCodeAt(line.pos + 1) === colon && (line.text.charCodeAt(line.pos + 2) === colon || nameEnd(line.text, line.pos + 2) !== -1)
}

/** The nodes of a directive's parts, whose name starts at `nameFrom` in a text starting at `offset`. */
function partNodes(cx: BlockContext | InlineContext, offset: number, nameFrom: number, parts: DirectiveParts): Element[] {
  const nodes = [cx.elt('DirectiveName', offset + nameFrom, offset + parts.nameEnd)]
  if (parts.label) nodes.push(cx.elt('DirectiveLabel', offset + parts.label.from, offset + parts.label.to))
  if (parts.attributes) nodes.push(cx.elt('DirectiveAttributes', offset + parts.attributes.from, offset + parts.attributes.to))
  return nodes
}

/**
 * `::name[label]{attributes}` alone on its line, at the top level of a block run. Anything else
 * that starts with `::` is left to micromark.
 */
function leafDirective(cx: BlockContext, line: Line): boolean {
  if (line.next !== colon || line.text.charCodeAt(line.pos + 1) !== colon) return false
  if (cx.parentType().name !== 'Document' || line.pos !== 0) {
    flags.unsure = true
    return false
  }
  const text = line.text
  const parts = directiveParts(text, 2)
  // Nothing may follow, not even spaces.
  if (!parts || parts.end !== text.length) {
    flags.unsure = true
    return false
  }
  cx.addElement(cx.elt('LeafDirective', cx.lineStart, cx.lineStart + text.length, partNodes(cx, cx.lineStart, 2, parts)))
  cx.nextLine()
  return true
}

/**
 * `:name`, `:name[label]`, `:name{attributes}` and `:name[label]{attributes}` in running text, as
 * micromark-extension-directive reads them: not after another `:`, a name that is not followed by
 * `:`. A bare `:name` is kept as a directive here too; the converter turns it back into text.
 */
function textDirective(cx: InlineContext, next: number, pos: number): number {
  if (next !== colon) return -1
  const before = pos > cx.offset ? cx.char(pos - 1) : -1
  if (before === colon) {
    // `\::name`: the second colon may start a directive; not read here.
    if (pos - 2 >= cx.offset && cx.char(pos - 2) === 92) flags.unsure = true
    return -1
  }
  const at = pos - cx.offset
  const parts = directiveParts(cx.text, at + 1)
  // No name, or a name followed by `:`: not a directive.
  if (parts === undefined || (parts && cx.text.charAt(parts.nameEnd) === ':')) return -1
  if (!parts) {
    flags.unsure = true
    return -1
  }
  return cx.addElement(cx.elt('TextDirective', pos, cx.offset + parts.end, partNodes(cx, cx.offset, at + 1, parts)))
}
