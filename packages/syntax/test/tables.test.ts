import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import fc from 'fast-check'
import type {Nodes} from 'mdast'
import {markdownFiles, root} from './markdown-files.js'
import {parseMarkdown, parseTryingEveryTable} from '../src/lib/parse.js'

// GFM tables are tried only where the next line can be a delimiter row. The trees must be
// exactly those of trying a table at every block, for any text.

function count(tree: Nodes, type: string): number {
  return (tree.type === type ? 1 : 0) + ('children' in tree ? tree.children.reduce((sum, child) => sum + count(child as Nodes, type), 0) : 0)
}

// Lines that make, break, nest or almost make tables, and lines that have nothing to do with them.
const lines = [
  '| a | b |', '|---|---|', '| --- | :-: |', 'a | b', '-- | --', ':-', '-:', ':-:', 'a', 'b c', '',
  '- | -', '- a', '1. x', '> | q | r |', '> | - | - |', '>', '  | - |', '  | x |', '    | code |',
  ':::note', ':::', '::::question{id=q type=single outcome=LO1}', '::::', '- [x] yes', '---',
  'text with | a pipe', 'x\\|y', '`a|b`', '| a |', '|-', '\t| t |', '\t|-|', '# h', 'p *em* |', '-'
]

describe('GFM tables', () => {
  test('tried only where they can be, every course of the repository parses to the same tree', () => {
    const files = ['curricula', 'examples', 'docs', 'test'].flatMap((folder) => markdownFiles(path.join(root, folder)))
    expect(files.length).toBeGreaterThan(50)
    let tables = 0
    for (const file of files) {
      const text = readFileSync(file, 'utf8')
      const tried = parseTryingEveryTable(text)
      expect(parseMarkdown(text), file).toEqual(tried)
      tables += count(tried.tree, 'table')
    }
    expect(tables).toBeGreaterThan(0)
  })

  test('tried only where they can be, any text of table-like lines parses to the same tree', () => {
    let tables = 0
    fc.assert(fc.property(fc.array(fc.constantFrom(...lines), {maxLength: 14}), (picked) => {
      const text = picked.join('\n')
      const tried = parseTryingEveryTable(text)
      expect(parseMarkdown(text)).toEqual(tried)
      tables += count(tried.tree, 'table')
    }), {numRuns: 3000, seed: 20261122})
    // The texts made tables too, in and out of containers.
    expect(tables).toBeGreaterThan(100)
  })
})
