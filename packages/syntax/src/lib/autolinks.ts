import type {Nodes, Parents, Root, Text} from 'mdast'
import {gfmAutolinkLiteralFromMarkdown} from 'mdast-util-gfm-autolink-literal'
import {toString} from 'mdast-util-to-string'
import type {Position} from 'unist'
import {visit} from 'unist-util-visit'
import {location, type Location} from 'vfile-location'

/** mdast-util-gfm-autolink-literal's pass over text nodes: `www.…`, `https://…` and e-mail addresses become links. */
const [findLiteralAutolinks] = gfmAutolinkLiteralFromMarkdown().transforms ?? []

/**
 * What every literal autolink contains: `www.`, `http://` or `https://`, or the `@` of an e-mail
 * address. Text without any of them has none, and the pass (a search with several patterns in
 * every text node) is skipped.
 */
const candidate = /www\.|https?:\/\/|@/i

/**
 * Turn literal autolinks in text into links, as GFM does, with positions. The pass replaces a text
 * node by new text and link nodes that have no position; each gets the place of its text inside
 * the text node it came from, so diagnostics about a link (an external link, say) point at it.
 */
export function literalAutolinks(tree: Root, source: string): void {
  if (!findLiteralAutolinks || !candidate.test(source)) return
  const texts = new Map<Parents, Text[]>()
  visit(tree, 'text', function (node, _index, parent) {
    if (!parent || !node.position) return
    const list = texts.get(parent) ?? []
    list.push(node)
    texts.set(parent, list)
  })
  findLiteralAutolinks(tree)
  const {toPoint} = location(source)
  for (const [parent, originals] of texts) {
    const children: Nodes[] = parent.children
    const replaced = originals.filter((node) => !children.includes(node))
    if (replaced.length === 0) continue
    let index = 0
    for (const original of replaced) {
      // The nodes made from `original`: the next run of nodes without a position.
      while (index < children.length && children[index]!.position) index++
      const run: Nodes[] = []
      while (index < children.length && !children[index]!.position) run.push(children[index++]!)
      place(run, original.position!, source, toPoint)
    }
  }
}

/** Give each node of `run` its place inside `within` (the text node they replaced). */
function place(run: ReadonlyArray<Nodes>, within: Position, source: string, toPoint: Location['toPoint']): void {
  const start = within.start.offset
  const end = within.end.offset
  if (start === undefined || end === undefined) return
  const text = source.slice(start, end)
  let cursor = 0
  const at = (from: number, to: number): Position => ({start: toPoint(start + from)!, end: toPoint(start + to)!})
  run.forEach((node, position) => {
    if (node.type === 'link') {
      const shown = toString(node)
      const found = text.indexOf(shown, cursor)
      node.position = found < 0 ? within : at(found, found + shown.length)
      for (const child of node.children) child.position = node.position
      if (found >= 0) cursor = found + shown.length
      return
    }
    // Text up to the next link of the run (or to the end).
    const next = run.slice(position + 1).find((item) => item.type === 'link')
    const found = next ? text.indexOf(toString(next), cursor) : -1
    const to = found < 0 ? (next ? cursor : text.length) : found
    node.position = at(cursor, Math.max(cursor, to))
    cursor = Math.max(cursor, to)
  })
}
