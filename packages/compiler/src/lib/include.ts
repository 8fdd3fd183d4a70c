import type {Nodes, Root, RootContent} from 'mdast'
import {visit} from 'unist-util-visit'
import {rules} from '@coursemark/diagnostics'
import {checkAttributes, pathOf, reportAt, vfileOf, type Context} from './context.js'
import {resolvePath} from './paths.js'
import {reportFences} from './fences.js'

const maxDepth = 8

/** Replace every `::include{src}` with the Markdown of that file (inside the course only). */
export function expandIncludes(context: Context, modulePath: string, tree: Root, stack: ReadonlyArray<string> = [modulePath]): void {
  // Most modules include nothing: no need to walk their tree.
  if (context.files.get(modulePath)?.includes('::include') === false) return
  visit(tree, 'leafDirective', function (node, index, parent) {
    if (node.name !== 'include' || !parent || index === undefined) return
    const from = pathOf(node, modulePath)
    const attributes = checkAttributes(context, modulePath, node, 'include')
    let replacement: RootContent[] = []
    if (attributes) {
      const src = String(attributes['src'])
      const resolved = resolvePath(from, src)
      if (resolved.kind === 'external') {
        reportAt(context, modulePath, node, rules.externalMedia, 'Unexpected include from the web `' + src + '`, expected a file in the course folder')
      } else if (resolved.kind === 'outside') {
        reportAt(context, modulePath, node, rules.assetOutsideCourse, 'Unexpected include `' + src + '` outside the course folder, expected a file inside it')
      } else if (!context.files.has(resolved.path)) {
        reportAt(context, modulePath, node, rules.missingAsset, 'Unexpected missing include `' + resolved.path + '`, expected a Markdown file in the course folder')
      } else if (stack.includes(resolved.path) || stack.length > maxDepth) {
        reportAt(context, modulePath, node, rules.includeLoop, 'Unexpected include of `' + resolved.path + '` inside itself, expected no loops')
      } else {
        const parsed = context.parse(context.files.get(resolved.path)!)
        reportFences(vfileOf(context, resolved.path), parsed)
        const included = parsed.tree
        visit(included, function (child) {
          const data = (child.data ?? {}) as Record<string, unknown>
          data['coursemarkFile'] = resolved.path
          ;(child as Nodes).data = data
        })
        expandIncludes(context, resolved.path, included, [...stack, resolved.path])
        replacement = included.children.filter((child) => child.type !== 'yaml')
      }
    }
    parent.children.splice(index, 1, ...(replacement as typeof parent.children))
    return index + replacement.length
  })
}
