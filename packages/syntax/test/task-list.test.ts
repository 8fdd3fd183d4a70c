import {expect, test} from 'vitest'
import type {Nodes} from 'mdast'
import {parseMarkdown} from '@coursemark/syntax'

// A list item whose first line is blank ends at the next line unless that line is indented
// (CommonMark). A `[x]` on an unindented next line is then plain text after the list, not the
// item's check (patches/micromark-util-subtokenize@2.1.0.patch; it was swallowed before).

const plain = (tree: Nodes): unknown => JSON.parse(JSON.stringify(tree, (key, value: unknown) => (key === 'position' ? undefined : value)))

test('`-` on its own line, then an unindented `[x] text`: an empty item, then a paragraph that keeps `[x]`', () => {
  const {tree} = parseMarkdown('-\n[x] dynamic security\n')
  expect(plain(tree)).toEqual({type: 'root', children: [
    {type: 'list', ordered: false, start: null, spread: false, children: [{type: 'listItem', spread: false, checked: null, children: []}]},
    {type: 'paragraph', children: [{type: 'text', value: '[x] dynamic security'}]}
  ]})
})

test('`-` on its own line, then an indented `[x] text`: a checked task item', () => {
  const {tree} = parseMarkdown('-\n  [x] dynamic security\n')
  const list = tree.children[0]
  expect(list?.type).toBe('list')
  const item = list?.type === 'list' ? list.children[0] : undefined
  expect(item?.checked).toBe(true)
  expect(plain(item!.children[0]!)).toEqual({type: 'paragraph', children: [{type: 'text', value: 'dynamic security'}]})
})

test('ordinary task items are unchanged', () => {
  const {tree} = parseMarkdown('- [x] yes\n- [ ] no\n')
  const list = tree.children[0]
  expect(list?.type === 'list' ? list.children.map((item) => item.checked) : undefined).toEqual([true, false])
})
