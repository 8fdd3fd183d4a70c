import type {} from 'mdast-util-directive'
import type {Nodes, Parents, PhrasingContent, Root} from 'mdast'
import {parseDocument, isScalar} from 'yaml'
import {sourceHash} from '@coursemark/compiler'
import {parseMarkdown} from '@coursemark/syntax'
import {rewriteAttributes} from './attributes.js'
import {inlineText, inlineToMarkdown, normalizeInline, type Inline} from './inline.js'

/** One translatable piece of a file. */
export interface Unit {
  /** Stable id: the module id (or file path) + the path of blocks to the text, e.g. `first-steps/s3/first-check/letter/list1/li2/p1`. */
  readonly id: string
  readonly source: ReadonlyArray<Inline>
  /** Short hash of the source text: a unit whose hash changed since extraction is stale. */
  readonly hash: string
  /** Where the text sits, for translators. */
  readonly note: string
}

/** A change of the file text that puts translations in. */
export type Edit =
  | {readonly kind: 'inline'; readonly start: number; readonly end: number; readonly unit: string; readonly table: boolean;
      /** Codes whose native text holds attributes with their own units (`:term[…]{def}`). */
      readonly rewrites: ReadonlyArray<{readonly code: number; readonly attributes: Readonly<Record<string, string>>}>}
  | {readonly kind: 'attributes'; readonly start: number; readonly end: number; readonly attributes: Readonly<Record<string, string>>}
  | {readonly kind: 'frontmatter'; readonly start: number; readonly end: number; readonly fields: Readonly<Record<string, string>>}

/** The translatable units of a file and how to put their translations back. */
export interface Segmented {
  /** The file text, line endings normalised. */
  readonly text: string
  readonly units: ReadonlyArray<Unit>
  readonly edits: ReadonlyArray<Edit>
}

/** Attributes of directives that hold text for people (translated); all others are kept. */
export const translatableAttributes: ReadonlySet<string> = new Set(['title', 'summary', 'def', 'label', 'alt'])
/** Front matter fields of a module that are translated. */
const frontMatterFields = ['title', 'description']

function textUnit(id: string, value: string, note: string): Unit {
  const source: Inline[] = [{type: 'text', value}]
  return {id, source, hash: sourceHash(value), note}
}

/** Short, stable hash of a unit's source. */
export function unitHash(parts: ReadonlyArray<Inline>): string {
  return sourceHash(inlineToMarkdown(parts))
}

/**
 * Split a Markdown file (a module, or a file it includes) into translatable units: front matter
 * `title` and `description`, headings, paragraphs, table cells, directive labels and the text
 * attributes of directives. Inline formatting becomes codes, so translators keep it intact.
 * `base` starts every unit id: the module id, or the file path for included files.
 */
export function segmentMarkdown(value: string, base: string): Segmented {
  const text = value.replace(/\r\n?/g, '\n')
  const {tree} = parseMarkdown(text)
  const units: Unit[] = []
  const edits: Edit[] = []
  const counters = new Map<string, Map<string, number>>()
  const next = (scope: string, key: string): string => {
    let map = counters.get(scope)
    if (!map) counters.set(scope, (map = new Map()))
    const count = (map.get(key) ?? 0) + 1
    map.set(key, count)
    return key + count
  }
  const slice = (start: number, end: number): string => text.slice(start, end)
  const startOf = (node: Nodes): number => node.position?.start.offset ?? 0
  const endOf = (node: Nodes): number => node.position?.end.offset ?? 0

  // Front matter.
  const yaml = tree.children[0]?.type === 'yaml' ? tree.children[0] : undefined
  if (yaml) {
    const doc = parseDocument(yaml.value)
    const fields: Record<string, string> = {}
    for (const field of frontMatterFields) {
      const node = doc.get(field, true)
      if (isScalar(node) && typeof node.value === 'string' && node.value.trim()) {
        const id = base + '/' + field
        units.push(textUnit(id, node.value, 'Module ' + field))
        fields[field] = id
      }
    }
    edits.push({kind: 'frontmatter', start: startOf(yaml), end: endOf(yaml), fields})
  }

  // Inline content → parts, with codes numbered per unit.
  const phrasing = (children: ReadonlyArray<PhrasingContent>, id: string, from: number, to: number): {parts: Inline[]; rewrites: Array<{code: number; attributes: Record<string, string>}>} => {
    const parts: Inline[] = []
    const rewrites: Array<{code: number; attributes: Record<string, string>}> = []
    let code = 0
    let terms = 0
    const pushText = (raw: string): void => {
      if (raw) parts.push({type: 'text', value: raw})
    }
    const attributeUnits = (node: Nodes & {name: string; attributes?: Record<string, string | null | undefined> | null}): Record<string, string> => {
      const map: Record<string, string> = {}
      const own = id + '/' + node.name + ++terms
      for (const [name, value] of Object.entries(node.attributes ?? {})) {
        if (!translatableAttributes.has(name) || typeof value !== 'string' || !value.trim()) continue
        const unit = own + '/@' + name
        units.push(textUnit(unit, value, '`' + node.name + '` attribute `' + name + '`'))
        map[name] = unit
      }
      return map
    }
    const walk = (nodes: ReadonlyArray<PhrasingContent>, start: number, end: number): void => {
      let cursor = start
      for (const node of nodes) {
        const nodeStart = startOf(node)
        const nodeEnd = endOf(node)
        gap(cursor, nodeStart)
        cursor = nodeEnd
        switch (node.type) {
          case 'text':
            pushText(slice(nodeStart, nodeEnd))
            break
          case 'emphasis':
          case 'strong':
          case 'delete':
          case 'link':
          case 'linkReference':
          case 'textDirective': {
            const children = node.children as PhrasingContent[]
            const attributes = node.type === 'textDirective' ? attributeUnits(node) : {}
            const ctype = {emphasis: 'italic', strong: 'bold', delete: 'x-strike', link: 'link', linkReference: 'link', textDirective: 'x-' + (node.type === 'textDirective' ? node.name : '')}[node.type]
            if (children.length === 0) {
              const n = ++code
              parts.push({type: 'ph', id: n, ctype, native: slice(nodeStart, nodeEnd)})
              if (Object.keys(attributes).length > 0) rewrites.push({code: n, attributes})
              break
            }
            const n = ++code
            parts.push({type: 'open', id: n, ctype, native: slice(nodeStart, startOf(children[0]!))})
            walk(children, startOf(children[0]!), endOf(children[children.length - 1]!))
            parts.push({type: 'close', id: n, native: slice(endOf(children[children.length - 1]!), nodeEnd)})
            if (Object.keys(attributes).length > 0) rewrites.push({code: n, attributes})
            break
          }
          case 'image':
          case 'imageReference': {
            const raw = slice(nodeStart, nodeEnd)
            const close = closingBracket(raw, 2)
            const n = ++code
            if (!raw.startsWith('![') || close < 0 || close === 2) {
              parts.push({type: 'ph', id: n, ctype: 'image', native: raw})
              break
            }
            parts.push({type: 'open', id: n, ctype: 'x-image', native: '!['})
            pushText(raw.slice(2, close))
            parts.push({type: 'close', id: n, native: raw.slice(close)})
            break
          }
          default:
            parts.push({type: 'ph', id: ++code, ctype: node.type === 'break' ? 'lb' : node.type === 'inlineCode' ? 'x-code' : 'x-' + node.type, native: slice(nodeStart, nodeEnd)})
        }
      }
      gap(cursor, end)
    }
    // Text between nodes (container prefixes after a hard break): keep it with the code before it.
    const gap = (start: number, end: number): void => {
      if (end <= start) return
      const raw = slice(start, end)
      const last = parts[parts.length - 1]
      if (last && last.type !== 'text') parts[parts.length - 1] = {...last, native: last.native + raw}
      else pushText(raw)
    }
    walk(children, from, to)
    // Soft line breaks (and the container prefixes after them) become one space: a unit is one line.
    const joined = normalizeInline(parts).map((part) => (part.type === 'text' ? {type: 'text' as const, value: part.value.replace(/\n[ \t]*(?:>[ \t]?)*[ \t]*/g, ' ')} : part))
    return {parts: joined, rewrites}
  }

  const phrasingUnit = (node: Nodes & {children: PhrasingContent[]}, id: string, note: string, table: boolean): void => {
    if (node.children.length === 0) return
    const from = startOf(node.children[0]!)
    const to = endOf(node.children[node.children.length - 1]!)
    const {parts, rewrites} = phrasing(node.children, id, from, to)
    if (!/[\p{L}\p{N}]/u.test(inlineText(parts))) return
    units.push({id, source: parts, hash: unitHash(parts), note})
    edits.push({kind: 'inline', start: from, end: to, unit: id, table, rewrites})
  }

  const block = (node: Nodes, scope: string, note: string): void => {
    switch (node.type) {
      case 'paragraph': {
        const label = (node.data as {directiveLabel?: boolean} | undefined)?.directiveLabel === true
        phrasingUnit(node, scope + '/' + (label ? 'label' : next(scope, 'p')), note + (label ? ' › label' : ''), false)
        return
      }
      case 'heading':
        phrasingUnit(node, scope + '/' + next(scope, 'h'), note + ' › heading', false)
        return
      case 'tableCell':
        phrasingUnit(node, scope + '/' + next(scope, 'cell'), note, true)
        return
      case 'list':
      case 'listItem':
      case 'blockquote':
      case 'table':
      case 'tableRow':
      case 'footnoteDefinition': {
        const key = {list: 'list', listItem: 'li', blockquote: 'quote', table: 'table', tableRow: 'row', footnoteDefinition: 'fn'}[node.type]
        const own = scope + '/' + next(scope, key)
        const label = node.type === 'listItem' ? (node.checked === true ? ' › correct option' : node.checked === false ? ' › option' : ' › item') :
          node.type === 'blockquote' ? ' › quote (feedback or explanation)' : node.type === 'tableRow' ? ' › row' : ''
        for (const child of node.children) block(child, own, note + label)
        return
      }
      case 'containerDirective':
      case 'leafDirective': {
        const named = typeof node.attributes?.id === 'string' && node.attributes.id ? node.attributes.id : undefined
        const own = scope + '/' + (named ?? next(scope, node.name))
        const what = note + ' › ' + node.name + (named ? ' `' + named + '`' : '')
        directiveAttributes(node, own, what)
        if (node.type === 'leafDirective') {
          if (node.children.length > 0) phrasingUnit(node, own + '/label', what + ' › label', false)
          return
        }
        for (const child of node.children) block(child, own, what)
        return
      }
      default:
        return
    }
  }

  const directiveAttributes = (node: Nodes & {type: 'containerDirective' | 'leafDirective'; name: string; attributes?: Record<string, string | null | undefined> | null}, own: string, note: string): void => {
    const map: Record<string, string> = {}
    for (const [name, value] of Object.entries(node.attributes ?? {})) {
      if (!translatableAttributes.has(name) || typeof value !== 'string' || !value.trim()) continue
      const id = own + '/@' + name
      units.push(textUnit(id, value, note + ' › attribute `' + name + '`'))
      map[name] = id
    }
    if (Object.keys(map).length === 0) return
    // The `{…}` block on the opening line: after the name and the label, if any.
    const start = startOf(node)
    const lineEnd = text.indexOf('\n', start)
    const line = text.slice(start, lineEnd < 0 ? text.length : lineEnd)
    const label = (node.children as Nodes[]).find((child) => child.type === 'paragraph' && (child.data as {directiveLabel?: boolean} | undefined)?.directiveLabel)
    const afterLabel = label ? endOf(label) + 1 - start : (/^[ \t]*:+[A-Za-z][\w-]*/.exec(line)?.[0].length ?? 0)
    const open = line.indexOf('{', afterLabel)
    const close = line.lastIndexOf('}')
    if (open < 0 || close < open) return
    edits.push({kind: 'attributes', start: start + open, end: start + close + 1, attributes: map})
  }

  // Sections: every `##` starts one; the text before the first is section 0.
  let section = 0
  for (const node of (tree as Root).children) {
    if (node.type === 'heading' && node.depth === 2) section++
    const scope = base + '/s' + section
    block(node, scope, 'Page ' + section)
  }
  return {text, units, edits: edits.sort((a, b) => a.start - b.start)}
}

/** Index of the `]` that closes the `[` just before `from` (escapes and nesting respected), or -1. */
function closingBracket(raw: string, from: number): number {
  let depth = 0
  for (let index = from; index < raw.length; index++) {
    const char = raw[index]
    if (char === '\\') {
      index++
      continue
    }
    if (char === '[') depth++
    else if (char === ']') {
      if (depth === 0) return index
      depth--
    }
  }
  return -1
}

/** What to put in place of each unit, as inline parts (missing: the source stays). */
export type Targets = ReadonlyMap<string, ReadonlyArray<Inline>>

/** Options of `applyTranslations`. */
export interface ApplyOptions {
  /** Set `sourceHash` in the front matter (translated modules). */
  readonly sourceHash?: string | null | undefined
}

/** The file text with every unit that has a target replaced by it. Pure. */
export function applyTranslations(segmented: Segmented, targets: Targets, options?: ApplyOptions | null): string {
  const {text} = segmented
  const sources = new Map(segmented.units.map((unit) => [unit.id, unit]))
  // The translation of a text unit, or `undefined` when there is none or it equals the source.
  const plain = (id: string): string | undefined => {
    const parts = targets.get(id)
    const value = parts ? inlineToMarkdown(parts).replace(/\s*\n\s*/g, ' ') : undefined
    const source = sources.get(id)
    return value !== undefined && source && value === inlineToMarkdown(source.source) ? undefined : value
  }
  let result = ''
  let cursor = 0
  for (const edit of segmented.edits) {
    result += text.slice(cursor, edit.start)
    cursor = edit.end
    const original = text.slice(edit.start, edit.end)
    switch (edit.kind) {
      case 'inline': {
        const source = sources.get(edit.unit)!
        const target = targets.get(edit.unit)
        const rewritten = edit.rewrites.some(({attributes}) => Object.values(attributes).some((unit) => targets.has(unit)))
        if (!target && !rewritten) {
          result += original
          break
        }
        const natives = new Map<number, {open?: string; close?: string; ph?: string}>()
        for (const part of source.source) {
          if (part.type === 'text') continue
          const entry = natives.get(part.id) ?? {}
          entry[part.type] = part.native
          natives.set(part.id, entry)
        }
        for (const {code, attributes} of edit.rewrites) {
          const values: Record<string, string> = {}
          for (const [name, unit] of Object.entries(attributes)) {
            const value = plain(unit)
            if (value !== undefined) values[name] = value
          }
          const entry = natives.get(code)
          if (!entry) continue
          if (entry.close !== undefined) entry.close = rewriteTail(entry.close, values)
          if (entry.ph !== undefined) entry.ph = rewriteTail(entry.ph, values)
        }
        let out = ''
        for (const part of target ?? source.source) {
          if (part.type === 'text') {
            const value = part.value.replace(/\s*\n\s*/g, ' ')
            out += edit.table ? value.replace(/(^|[^\\])\|/g, '$1\\|') : value
          } else {
            out += natives.get(part.id)?.[part.type] ?? part.native
          }
        }
        // Unchanged text keeps its line breaks.
        result += out === inlineToMarkdown(source.source) ? original : out
        break
      }
      case 'attributes': {
        const values: Record<string, string> = {}
        for (const [name, unit] of Object.entries(edit.attributes)) {
          const value = plain(unit)
          if (value !== undefined) values[name] = value
        }
        result += rewriteAttributes(original, values)
        break
      }
      case 'frontmatter': {
        const match = /^(---[ \t]*\n)([\s\S]*?\n?)(---[ \t]*)$/.exec(original)
        if (!match) {
          result += original
          break
        }
        const changes: Array<{path: string[]; value: string}> = []
        for (const [field, unit] of Object.entries(edit.fields)) {
          const value = plain(unit)
          if (value !== undefined) changes.push({path: [field], value})
        }
        if (options?.sourceHash) changes.push({path: ['sourceHash'], value: options.sourceHash})
        result += match[1] + editYaml(match[2]!, changes) + match[3]
        break
      }
    }
  }
  return result + text.slice(cursor)
}

/** Rewrite the `{…}` block at the end of a directive's native text. */
function rewriteTail(native: string, values: Readonly<Record<string, string>>): string {
  const open = native.lastIndexOf('{')
  if (open < 0 || Object.keys(values).length === 0) return native
  return native.slice(0, open) + rewriteAttributes(native.slice(open), values)
}

/**
 * Change string values of a YAML mapping in its text, leaving every other character as it was:
 * an existing scalar is replaced where it stands; a missing top-level key is added at the end.
 */
export function editYaml(text: string, changes: ReadonlyArray<{readonly path: ReadonlyArray<string | number>; readonly value: string}>): string {
  const doc = parseDocument(text)
  const replacements: Array<{start: number; end: number; text: string}> = []
  const additions: string[] = []
  for (const change of changes) {
    const node = doc.getIn(change.path, true)
    if (isScalar(node) && node.range) {
      // Block scalars (`>-`, `|`) end with their line break: keep one.
      const ending = /\n$/.test(text.slice(node.range[0], node.range[1])) ? '\n' : ''
      const parent = doc.getIn(change.path.slice(0, -1), true) as {flow?: boolean} | undefined
      replacements.push({start: node.range[0], end: node.range[1], text: scalar(change.value, change.path.length > 1 && parent?.flow === true) + ending})
    } else if (change.path.length === 1 && node === undefined) {
      additions.push(String(change.path[0]) + ': ' + scalar(change.value))
    }
  }
  let result = text
  for (const replacement of replacements.sort((a, b) => b.start - a.start)) {
    result = result.slice(0, replacement.start) + replacement.text + result.slice(replacement.end)
  }
  if (additions.length > 0) result = result.replace(/\n*$/, '\n') + additions.join('\n') + '\n'
  return result
}

/** A string as a one-line YAML scalar: plain when that reads back the same, else double-quoted. */
export function scalar(value: string, flow = false): string {
  const line = value.replace(/\s*\n\s*/g, ' ')
  const plainSafe = /^[^\s\-?:,[\]{}#&*!|>'"%@`]/.test(line) && !/:\s|\s#|:$|\s$/.test(line) && !(flow && /[,[\]{}]/.test(line))
  if (plainSafe) {
    const back = parseDocument(line).toJS() as unknown
    if (back === line) return line
  }
  return JSON.stringify(line)
}
