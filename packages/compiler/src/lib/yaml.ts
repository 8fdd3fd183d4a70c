import type {VFile} from 'vfile'
import {isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode} from 'yaml'
import {report, rules} from '@coursemark/diagnostics'
import type {Point, Position} from 'unist'
import {location} from 'vfile-location'

/** A YAML document with a way to find the position of any value in the author's file. */
export interface LocatedYaml {
  /** The value as plain data, or `undefined` when the YAML could not be read. */
  readonly value: unknown
  /** Position of the value at a JSON pointer (or of its key, with `key: true`), in file coordinates. */
  locate(pointer: string, key?: boolean): Position | undefined
}

/** Where the YAML text starts inside the file (front matter starts on line 2). */
export interface YamlOffset {
  readonly line: number
  readonly offset: number
}

const maxAliasCount = 100

/**
 * Parse YAML, reporting syntax errors and duplicate keys on `file` at their positions.
 * Never throws.
 */
export function parseYaml(file: VFile, text: string, start: YamlOffset = {line: 1, offset: 0}): LocatedYaml {
  const lineCounter = new LineCounter()
  let document: Document.Parsed
  try {
    // `logLevel: 'silent'`: the package's warnings go to `document.warnings` (reported below), never to the console.
    document = parseDocument(text, {lineCounter, prettyErrors: false, uniqueKeys: true, strict: true, logLevel: 'silent'})
  } catch (error) {
    // Keys nested in keys (`? ? ? …`) deep enough overflow the parser's stack: say so, there.
    const nested = /^[ \t]*(?:-[ \t]+)*\?[ \t]+[?[{]/m.exec(text)
    if (nested) {
      report(file, pointAt(text, nested.index + nested[0].length - 1, start), rules.yamlSyntax, 'Unexpected mapping as a key, expected a plain key such as `title:`')
    } else {
      report(file, {line: start.line, column: 1}, rules.yamlSyntax, 'Unexpected YAML: ' + String(error))
    }
    return {value: undefined, locate: () => undefined}
  }
  const toPoint = (offset: number): Point => {
    const {line, col} = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)))
    return {line: line + start.line - 1, column: col, offset: offset + start.offset}
  }
  // A key that is itself a list, a mapping or an alias (`? [a, b]: c`, `? ? ? …`) is never
  // what a course means, and turning nested ones into data takes exponential time: refuse them
  // first. The parser's other complaints about such keys (stack overflows, key length) would
  // only repeat the same problem, so they are left out until the key is fixed.
  const complex = complexKeys(document.contents)
  for (const key of complex) {
    const range = key.range
    const place = range ? {start: toPoint(range[0]), end: toPoint(range[1])} : {line: start.line, column: 1}
    report(file, place, rules.yamlSyntax, 'Unexpected ' + (isMap(key) ? 'mapping' : isSeq(key) ? 'list' : 'alias') + ' as a key, expected a plain key such as `title:`')
  }
  if (complex.length > 0) return {value: undefined, locate: () => undefined}
  let failed = false
  for (const error of document.errors) {
    const [from, to] = error.pos
    const place = {start: toPoint(from), end: toPoint(to)}
    if (error.code === 'DUPLICATE_KEY') {
      report(file, place, rules.duplicateKey, 'Unexpected duplicate key' + keyAt(text, from))
    } else {
      report(file, place, rules.yamlSyntax, 'Unexpected YAML syntax: ' + firstLine(error.message))
    }
    failed = true
  }
  for (const warning of document.warnings) {
    const [from, to] = warning.pos
    report(file, {start: toPoint(from), end: toPoint(to)}, rules.yamlSyntax, 'Unexpected YAML: ' + firstLine(warning.message), {severity: 'warning'})
  }
  if (failed) return {value: undefined, locate: () => undefined}
  let value: unknown
  try {
    value = document.toJS({maxAliasCount})
  } catch (error) {
    report(file, {line: start.line, column: 1}, rules.yamlSyntax, 'Unexpected YAML: ' + firstLine(String(error instanceof Error ? error.message : error)) + ' (aliases are limited to ' + maxAliasCount + ')')
    return {value: undefined, locate: () => undefined}
  }
  return {
    value,
    locate(pointer, key) {
      const path = pointer.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      let node: unknown = document.contents
      let keyNode: unknown
      for (const part of path) {
        if (isMap(node)) {
          const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === part)
          if (!pair) break
          keyNode = pair.key
          node = pair.value
        } else if (isSeq(node)) {
          const item = node.items[Number(part)]
          if (item === undefined) break
          keyNode = undefined
          node = item
        } else {
          break
        }
      }
      const target = (key && keyNode ? keyNode : node ?? keyNode) as YamlNode | undefined
      const range = target && 'range' in target ? target.range : undefined
      if (!range) return {start: toPoint(0), end: toPoint(0)}
      return {start: toPoint(range[0]), end: toPoint(range[1])}
    }
  }
}

/** The outermost mapping keys that are not plain scalars (the keys inside them are not visited). */
function complexKeys(root: unknown): YamlNode[] {
  const found: YamlNode[] = []
  const stack: unknown[] = [root]
  while (stack.length > 0) {
    const node = stack.pop()
    if (isMap(node)) {
      for (const pair of node.items) {
        if (pair.key !== null && pair.key !== undefined && !isScalar(pair.key)) found.push(pair.key as YamlNode)
        stack.push(pair.value)
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item)
    }
  }
  return found.sort((a, b) => (a.range?.[0] ?? 0) - (b.range?.[0] ?? 0))
}

/** The point of `offset` in `text`, in file coordinates (when the parser gave up, its line counter may not have got there). */
function pointAt(text: string, offset: number, start: YamlOffset): Point {
  const {line, column} = location(text).toPoint(offset) ?? {line: 1, column: 1}
  return {line: line + start.line - 1, column, offset: offset + start.offset}
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
}

function keyAt(text: string, offset: number): string {
  const match = /^[^\n:]*/.exec(text.slice(offset))
  const key = match ? match[0].trim() : ''
  return key ? ' `' + key + '`' : ''
}
