import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {visit} from 'unist-util-visit'
import type {Context} from './context.js'

/** Every `:term[word]{def="…"}` of a module, in order, by lower-case term. */
export function definitionsIn(tree: Root): Array<[string, string]> {
  const found: Array<[string, string]> = []
  visit(tree, 'textDirective', function (node) {
    const definition = node.attributes?.['def']
    if (node.name !== 'term' || typeof definition !== 'string' || !definition) return
    const key = toString(node).trim().toLowerCase()
    if (key) found.push([key, definition])
  })
  return found
}

/** Record the first definition of every term in the course (modules in course order). */
export function collectDefinitions(context: Context, perModule: ReadonlyArray<ReadonlyArray<readonly [string, string]>>): void {
  for (const definitions of perModule) {
    for (const [key, definition] of definitions) if (!context.definitions.has(key)) context.definitions.set(key, definition)
  }
}
