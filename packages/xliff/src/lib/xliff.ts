import {XMLBuilder, XMLParser, XMLValidator} from 'fast-xml-parser'
import type {Inline} from './inline.js'

/** A translation unit as it stands in an XLIFF file. */
export interface XliffUnit {
  readonly id: string
  readonly source: ReadonlyArray<Inline>
  readonly target?: ReadonlyArray<Inline> | undefined
  /** XLIFF 1.2 `state` of the target (`new`, `translated`, `needs-review-translation`, …). */
  readonly state?: string | undefined
  /** Hash of the source when extracted (`cm:hash`). */
  readonly hash?: string | undefined
  readonly note?: string | undefined
}

/** One `<file>`: one file of the course. */
export interface XliffFile {
  /** Course-relative path of the source file. */
  readonly original: string
  /** `x-markdown` or `x-yaml`. */
  readonly datatype: string
  /** `sourceHash` of the whole source file when extracted (`cm:sourceHash`). */
  readonly sourceHash?: string | undefined
  readonly units: ReadonlyArray<XliffUnit>
}

export interface XliffDocument {
  readonly sourceLanguage: string
  readonly targetLanguage: string
  readonly files: ReadonlyArray<XliffFile>
}

/** A problem reading an XLIFF file. */
export interface XliffProblem {
  readonly line: number
  readonly column: number
  readonly message: string
}

export const xliffNamespace = 'urn:oasis:names:tc:xliff:document:1.2'
export const coursemarkNamespace = 'urn:coursemark:xliff:1'

type XmlNode = Record<string, unknown>

const text = (value: string): XmlNode => ({'#text': value})
const element = (name: string, children: XmlNode[], attributes?: Record<string, string | undefined>): XmlNode => {
  const node: XmlNode = {[name]: children}
  const attrs = Object.entries(attributes ?? {}).filter(([, value]) => value !== undefined)
  if (attrs.length > 0) node[':@'] = Object.fromEntries(attrs.map(([key, value]) => ['@_' + key, value]))
  return node
}
/** Children separated by line breaks and indentation (never inside `<source>`/`<target>`). */
const block = (children: XmlNode[], depth: number): XmlNode[] =>
  [...children.flatMap((child) => [text('\n' + '  '.repeat(depth + 1)), child]), text('\n' + '  '.repeat(depth))]

function inlineNodes(parts: ReadonlyArray<Inline>): XmlNode[] {
  return parts.map((part) => {
    switch (part.type) {
      case 'text':
        return text(part.value)
      case 'open':
        return element('bpt', [text(part.native)], {id: String(part.id), ctype: part.ctype})
      case 'close':
        return element('ept', [text(part.native)], {id: String(part.id)})
      case 'ph':
        return element('ph', [text(part.native)], {id: String(part.id), ctype: part.ctype})
    }
  })
}

/** An XLIFF 1.2 document (UTF-8, one `<file>` per course file), written with fast-xml-parser. */
export function writeXliff(document: XliffDocument): string {
  const files = document.files.map((file) => {
    const units = file.units.map((unit) => {
      const children: XmlNode[] = [element('source', inlineNodes(unit.source))]
      if (unit.target) children.push(element('target', inlineNodes(unit.target), {state: unit.state}))
      if (unit.note) children.push(element('note', [text(unit.note)], {from: 'coursemark'}))
      return element('trans-unit', block(children, 3), {id: unit.id, resname: unit.id, 'xml:space': 'preserve', 'cm:hash': unit.hash})
    })
    const header = element('header', block([element('tool', [], {'tool-id': 'coursemark', 'tool-name': 'coursemark'})], 2))
    return element('file', block([header, element('body', block(units, 2))], 1), {
      original: file.original, datatype: file.datatype, 'source-language': document.sourceLanguage, 'target-language': document.targetLanguage, 'cm:sourceHash': file.sourceHash
    })
  })
  const root = [
    element('?xml', [text('')], {version: '1.0', encoding: 'UTF-8'}),
    text('\n'),
    element('xliff', block(files, 0), {version: '1.2', xmlns: xliffNamespace, 'xmlns:cm': coursemarkNamespace})
  ]
  const builder = new XMLBuilder({preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '@_', format: false, suppressEmptyNode: true, processEntities: true})
  return builder.build(root) + '\n'
}

/** Read an XLIFF 1.2 file. Problems (not XML, not XLIFF 1.2, units without ids) are returned, never thrown. */
export function readXliff(value: string): {readonly document?: XliffDocument | undefined; readonly problems: ReadonlyArray<XliffProblem>} {
  const valid = XMLValidator.validate(value)
  if (valid !== true) return {problems: [{line: valid.err.line, column: valid.err.col, message: 'Unexpected XML: ' + valid.err.msg}]}
  const parser = new XMLParser({
    preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true, trimValues: false,
    parseTagValue: false, parseAttributeValue: false, processEntities: true, htmlEntities: false, ignoreDeclaration: true, ignorePiTags: true
  })
  const nodes = parser.parse(value) as XmlNode[]
  const problems: XliffProblem[] = []
  const root = nodes.find((node) => nameOf(node) === 'xliff')
  if (!root) return {problems: [{line: 1, column: 1, message: 'Unexpected document without `<xliff>`, expected an XLIFF 1.2 file'}]}
  const version = attributes(root)['version']
  if (version !== '1.2') {
    return {problems: [{...locate(value, '<xliff'), message: 'Unexpected XLIFF version `' + (version ?? 'none') + '`, expected `1.2` (export XLIFF 1.2 from your translation tool)'}]}
  }
  let sourceLanguage = ''
  let targetLanguage = ''
  const files: XliffFile[] = []
  for (const file of childrenNamed(root, 'file')) {
    const attrs = attributes(file)
    sourceLanguage ||= attrs['source-language'] ?? ''
    targetLanguage ||= attrs['target-language'] ?? ''
    const units: XliffUnit[] = []
    for (const body of childrenNamed(file, 'body')) {
      for (const unit of descendantsNamed(body, 'trans-unit')) {
        const unitAttrs = attributes(unit)
        const id = unitAttrs['id']
        if (!id) {
          problems.push({...locate(value, '<trans-unit'), message: 'Unexpected `<trans-unit>` without `id`, expected the id coursemark wrote'})
          continue
        }
        const source = childrenNamed(unit, 'seg-source')[0] ?? childrenNamed(unit, 'source')[0]
        const target = childrenNamed(unit, 'target')[0]
        const targetParts = target ? readInline(children(target)) : undefined
        units.push({
          id,
          source: source ? readInline(children(source)) : [],
          target: targetParts && targetParts.length > 0 ? targetParts : undefined,
          state: target ? attributes(target)['state'] : undefined,
          hash: unitAttrs['hash']
        })
      }
    }
    files.push({original: attrs['original'] ?? '', datatype: attrs['datatype'] ?? '', sourceHash: attrs['sourceHash'], units})
  }
  return {document: {sourceLanguage, targetLanguage, files}, problems}
}

/** Line and column of the first occurrence of `needle` (1-based), for messages. */
export function locate(value: string, needle: string): {line: number; column: number} {
  const index = value.indexOf(needle)
  if (index < 0) return {line: 1, column: 1}
  const before = value.slice(0, index)
  const line = before.split('\n').length
  return {line, column: index - before.lastIndexOf('\n')}
}

function nameOf(node: XmlNode): string | undefined {
  return Object.keys(node).find((key) => key !== ':@')
}

function children(node: XmlNode): XmlNode[] {
  const name = nameOf(node)
  const value = name ? node[name] : undefined
  return Array.isArray(value) ? (value as XmlNode[]) : []
}

function attributes(node: XmlNode): Record<string, string> {
  const raw = (node[':@'] ?? {}) as Record<string, unknown>
  return Object.fromEntries(Object.entries(raw).map(([key, value]) => [key.replace(/^@_/, ''), String(value)]))
}

function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return children(node).filter((child) => nameOf(child) === name)
}

/** Units may sit in `<group>`s: look through them. */
function descendantsNamed(node: XmlNode, name: string): XmlNode[] {
  return children(node).flatMap((child) => (nameOf(child) === name ? [child] : nameOf(child) === 'group' ? descendantsNamed(child, name) : []))
}

function textOf(nodes: ReadonlyArray<XmlNode>): string {
  return nodes.map((node) => (nameOf(node) === '#text' ? String(node['#text']) : nameOf(node) === 'sub' ? '' : textOf(children(node)))).join('')
}

/** Inline content of `<source>`/`<target>`: text, `bpt`/`ept`/`ph`/`it`, `g`/`x`/`bx`/`ex` and `mrk` (see through). */
function readInline(nodes: ReadonlyArray<XmlNode>): Inline[] {
  const parts: Inline[] = []
  const idOf = (node: XmlNode, key = 'id'): number => {
    const raw = attributes(node)[key] ?? attributes(node)['id'] ?? ''
    const number = Number.parseInt(raw, 10)
    return Number.isFinite(number) ? number : 100000 + parts.length
  }
  for (const node of nodes) {
    const name = nameOf(node)
    switch (name) {
      case '#text':
        parts.push({type: 'text', value: String(node['#text'])})
        break
      case 'bpt':
        parts.push({type: 'open', id: idOf(node), ctype: attributes(node)['ctype'] ?? '', native: textOf(children(node))})
        break
      case 'ept':
        parts.push({type: 'close', id: idOf(node), native: textOf(children(node))})
        break
      case 'ph':
        parts.push({type: 'ph', id: idOf(node), ctype: attributes(node)['ctype'] ?? '', native: textOf(children(node))})
        break
      case 'it':
        parts.push(attributes(node)['pos'] === 'close'
          ? {type: 'close', id: idOf(node), native: textOf(children(node))}
          : {type: 'open', id: idOf(node), ctype: attributes(node)['ctype'] ?? '', native: textOf(children(node))})
        break
      case 'g': {
        const id = idOf(node)
        parts.push({type: 'open', id, ctype: attributes(node)['ctype'] ?? '', native: ''})
        parts.push(...readInline(children(node)))
        parts.push({type: 'close', id, native: ''})
        break
      }
      case 'x':
        parts.push({type: 'ph', id: idOf(node), ctype: '', native: ''})
        break
      case 'bx':
        parts.push({type: 'open', id: idOf(node, 'rid'), ctype: '', native: ''})
        break
      case 'ex':
        parts.push({type: 'close', id: idOf(node, 'rid'), native: ''})
        break
      default:
        // `mrk` (segments, terms, comments) and anything unknown: keep what is inside.
        parts.push(...readInline(children(node)))
    }
  }
  return parts
}
