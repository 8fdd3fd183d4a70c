import type {VFile} from 'vfile'
import {isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode} from 'yaml'
import {report, rules} from '@coursemark/diagnostics'
import type {Point, Position} from 'unist'

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
    document = parseDocument(text, {lineCounter, prettyErrors: false, uniqueKeys: true, strict: true})
  } catch (error) {
    report(file, {line: start.line, column: 1}, rules.yamlSyntax, 'Unexpected YAML: ' + String(error))
    return {value: undefined, locate: () => undefined}
  }
  const toPoint = (offset: number): Point => {
    const {line, col} = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)))
    return {line: line + start.line - 1, column: col, offset: offset + start.offset}
  }
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

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
}

function keyAt(text: string, offset: number): string {
  const match = /^[^\n:]*/.exec(text.slice(offset))
  const key = match ? match[0].trim() : ''
  return key ? ' `' + key + '`' : ''
}
