import {describe, expect, test} from 'vitest'
import fc from 'fast-check'
import type {Nodes} from 'mdast'
import {parseMarkdown} from '@coursemark/syntax'

// Literal autolinks are found after parsing; every node they make must still point at its text.

function nodes(tree: Nodes): Nodes[] {
  return [tree, ...('children' in tree ? tree.children.flatMap((child) => nodes(child as Nodes)) : [])]
}

const source = 'Intro text\nSee www.example.com, and https://x.org/a_(b). Mail a.b@c.org!\n\n## Head https://h.org end\n\n- item with &amp; https://y.org\n> quote www.q.org.\n'

describe('literal autolinks', () => {
  test('become links, as GFM makes them, each at the place of its text', () => {
    const {tree} = parseMarkdown(source)
    const links = nodes(tree).filter((node) => node.type === 'link')
    expect(links.map((link) => [link.url, source.slice(link.position!.start.offset, link.position!.end.offset), link.position!.start.line, link.position!.start.column])).toEqual([
      ['http://www.example.com', 'www.example.com', 2, 5],
      ['https://x.org/a_(b)', 'https://x.org/a_(b)', 2, 26],
      ['mailto:a.b@c.org', 'a.b@c.org', 2, 52],
      ['https://h.org', 'https://h.org', 4, 9],
      ['https://y.org', 'https://y.org', 6, 19],
      ['http://www.q.org', 'www.q.org', 7, 9]
    ])
  })

  test('the text around them keeps its place', () => {
    const {tree} = parseMarkdown(source)
    const texts = nodes(tree).filter((node) => node.type === 'text').map((node) => source.slice(node.position!.start.offset, node.position!.end.offset))
    expect(texts).toContain('Intro text\nSee ')
    expect(texts).toContain('. Mail ')
    expect(texts).toContain('item with &amp; ')
    expect(texts).toContain(' end')
  })

  test('every node has a position, whatever the text around the links', () => {
    const piece = fc.constantFrom('www.a.org', 'https://b.org/x', 'c@d.org', ' ', '\n', '*', '&amp;', '\\*', '`x`', '[', ']', '(', ')', '.', ',', 'word', '> ', '- ', '## ')
    fc.assert(fc.property(fc.array(piece, {maxLength: 40}), (parts) => {
      const {tree} = parseMarkdown(parts.join(''))
      for (const node of nodes(tree)) {
        if (node.type === 'root') continue
        expect(node.position, node.type).toBeDefined()
        expect(node.position!.start.offset!).toBeLessThanOrEqual(node.position!.end.offset!)
      }
    }), {numRuns: 500})
  })

  test('are found in any letter case, and text without one is left as it is', () => {
    const upper = 'Visit WWW.EXAMPLE.ORG or HTTPS://EXAMPLE.ORG/X, or write to Team@Example.org.\n'
    const urls = nodes(parseMarkdown(upper).tree).filter((node) => node.type === 'link').map((link) => link.url)
    expect(urls).toEqual(['http://WWW.EXAMPLE.ORG', 'HTTPS://EXAMPLE.ORG/X', 'mailto:Team@Example.org'])
    const plain = 'No address here: www, http, a dot. and an at sign spelled out.\n'
    const {tree} = parseMarkdown(plain)
    expect(nodes(tree).filter((node) => node.type === 'link')).toEqual([])
    expect(nodes(tree).filter((node) => node.type === 'text').map((node) => (node as {value: string}).value)).toEqual([plain.trimEnd()])
  })
})
