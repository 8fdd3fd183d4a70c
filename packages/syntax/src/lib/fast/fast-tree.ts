import type {Paragraph, Root, RootContent} from 'mdast'
import type {ContainerDirective} from 'mdast-util-directive'
import type {Position} from 'unist'
import {directiveParts, readAttributes} from './directive-syntax.js'
import {parseFast} from './grammar.js'
import {toMdast, Unsupported, type Locate} from './to-mdast.js'

/**
 * Texts the fast path leaves to micromark at once: tabs and carriage returns (columns and line
 * endings micromark counts its own way), characters beyond the BMP (@lezer/markdown looks at
 * UTF-16 units around emphasis marks), `~` (strikethrough, and code fences), backtick fences,
 * HTML (`<` and a letter, `/`, `!` or `?`, but for a URL autolink), footnotes (`[^`), link
 * reference definitions (`]:`, which apply to the whole text) and numeric character references.
 */
const leftToMicromark = /[\t\r\0~\uD800-\uDFFF]|<(?![A-Za-z][A-Za-z\d+.-]{1,31}:[^\s<>`\\&]*>)[A-Za-z/!?]|\[\^|\]:|&#|^ {0,3}```/m

/** Most `[` a text parsed on the fast path may have (a long module has a few hundred). */
const maxBrackets = 2000

const openFence = /^(:{3,})/
const closeFence = /^(:{3,}) *$/

/**
 * The mdast micromark would make of `value` (after `balanceFences`, before positions are mapped
 * back and literal autolinks found), made with @lezer/markdown instead, several times faster; or
 * `undefined` when `value` holds syntax the fast path does not take. What it takes is what
 * courses are mostly made of: front matter, headings, paragraphs with emphasis, code, links,
 * images and text directives, lists and task lists, block quotes, tables, thematic breaks, and
 * leaf and container directives. `test/fast-path.test.ts` checks the trees are micromark's.
 *
 * Container directives are split off here: micromark parses what is between a container's fences
 * as a document of its own, and so does this, one Lezer parse per run of blocks between fences.
 */
export function fastTree(value: string): Root | undefined {
  const result = fastTreeOrReason(value)
  return typeof result === 'string' ? undefined : result
}

/** `fastTree`, or why the text is left to micromark. */
export function fastTreeOrReason(value: string): Root | string {
  const left = leftToMicromark.exec(value)
  if (left) return 'syntax left to micromark: ' + JSON.stringify(left[0])
  // @lezer/markdown matches link brackets in time that grows with the square of their number
  // (2.8 s for 30,000 `[a]`): a text with many goes to micromark at once.
  if (value.split('[', maxBrackets + 1).length > maxBrackets) return 'more than ' + maxBrackets + ' brackets'
  const lineStarts = [0]
  for (let index = value.indexOf('\n'); index !== -1; index = value.indexOf('\n', index + 1)) lineStarts.push(index + 1)
  const locate = locator(lineStarts)
  const root: Root = {type: 'root', children: [], position: locate(0, value.length)}
  const stack: Array<{node: ContainerDirective; colons: number}> = []
  const target = (): RootContent[] => (stack.length > 0 ? stack[stack.length - 1]!.node.children : root.children) as RootContent[]

  let line = 0
  let runStart = 0
  if (value.startsWith('---\n')) {
    const close = lineStarts.findIndex((start, index) => index > 0 && /^---[ \t]*$/.test(value.slice(start, lineStarts[index + 1] === undefined ? value.length : lineStarts[index + 1]! - 1)))
    if (close === -1 || !value.startsWith('---', lineStarts[close]!) || /[^\n]/.test(value.charAt(lineStarts[close]! + 3))) return 'front matter fence'
    const end = lineStarts[close]! + 3
    root.children.push({type: 'yaml', value: value.slice(4, Math.max(4, lineStarts[close]! - 1)), position: locate(0, end)})
    line = close + 1
    runStart = lineStarts[line] ?? value.length
  } else if (value.startsWith('---')) return 'front matter fence with more on its line'

  try {
    for (; line < lineStarts.length; line++) {
      const start = lineStarts[line]!
      if (value.charCodeAt(start) !== 58 || !value.startsWith(':::', start)) continue
      const end = line + 1 < lineStarts.length ? lineStarts[line + 1]! - 1 : value.length
      const text = value.slice(start, end)
      const colons = openFence.exec(text)![1]!.length
      if (closeFence.test(text)) {
        if (stack.length === 0 || stack[stack.length - 1]!.colons !== colons) return 'closing fence on line ' + (line + 1) + ' not paired'
        blocksBetween(runStart, start)
        const open = stack.pop()!
        open.node.position!.end = locate(end, end).end
        target().push(open.node)
      } else {
        const node = containerDirective(text, colons, start)
        if (!node) return 'container directive on line ' + (line + 1)
        blocksBetween(runStart, start)
        stack.push({node, colons})
      }
      runStart = end + 1
    }
    if (stack.length > 0) return 'container directive never closed'
    blocksBetween(runStart, value.length)
  } catch (error) {
    if (error instanceof Unsupported) return error.message
    throw error
  }
  return root

  function blocksBetween(from: number, to: number): void {
    if (from >= to || value.slice(from, to).trim() === '') return
    const tree = parseFast(value.slice(from, to))
    if (!tree) throw new Unsupported('directive form between offsets ' + from + ' and ' + to)
    target().push(...toMdast(tree.topNode, value, from, locate))
  }

  function containerDirective(text: string, colons: number, offset: number): ContainerDirective | undefined {
    const parts = directiveParts(text, colons)
    if (!parts || parts.end !== text.length) return undefined
    const children: Paragraph[] = []
    if (parts.label) {
      const {from, to} = parts.label
      const label = text.slice(from + 1, to - 1)
      children.push({type: 'paragraph', data: {directiveLabel: true}, children: label ? [{type: 'text', value: label, position: locate(offset + from + 1, offset + to - 1)}] : [], position: locate(offset + from, offset + to)})
    }
    const attributes = parts.attributes ? readAttributes(text.slice(parts.attributes.from, parts.attributes.to)) : {}
    return {type: 'containerDirective', name: text.slice(colons, parts.nameEnd), attributes, children, position: locate(offset, offset)}
  }
}

/** Positions from offsets, given where each line starts. */
function locator(lineStarts: ReadonlyArray<number>): Locate {
  const point = (offset: number): Position['start'] => {
    let low = 0
    let high = lineStarts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (lineStarts[middle]! <= offset) low = middle
      else high = middle - 1
    }
    return {line: low + 1, column: offset - lineStarts[low]! + 1, offset}
  }
  return (from, to) => ({start: point(from), end: point(to)})
}
