import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {visit} from 'unist-util-visit'
import type {Context} from './context.js'

/** Record the first definition of every `:term[word]{def="…"}` in the course. */
export function collectDefinitions(context: Context, trees: ReadonlyArray<Root>): void {
  for (const tree of trees) {
    visit(tree, 'textDirective', function (node) {
      const definition = node.attributes?.['def']
      if (node.name !== 'term' || typeof definition !== 'string' || !definition) return
      const key = toString(node).trim().toLowerCase()
      if (key && !context.definitions.has(key)) context.definitions.set(key, definition)
    })
  }
}
