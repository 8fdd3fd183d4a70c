import {isMap, isScalar, isSeq, parseDocument, type Pair} from 'yaml'
import {sourceHash} from '@coursemark/compiler'
import {editYaml, type Targets, type Unit} from './segment.js'
import {inlineToMarkdown} from './inline.js'

/** The translatable units of `course.yaml`: title, description, keywords, outcome statements. */
export function courseYamlUnits(text: string): Unit[] {
  const doc = parseDocument(text)
  const units: Unit[] = []
  const add = (id: string, value: unknown, note: string): void => {
    if (typeof value === 'string' && value.trim()) units.push({id, source: [{type: 'text', value}], hash: sourceHash(value), note})
  }
  add('course/title', scalarValue(doc.get('title', true)), 'Course title')
  add('course/description', scalarValue(doc.get('description', true)), 'Course description (for the LMS catalogue)')
  const keywords = doc.get('keywords', true)
  if (isSeq(keywords)) keywords.items.forEach((item, index) => add('course/keywords/' + (index + 1), scalarValue(item), 'Keyword for the LMS catalogue'))
  const outcomes = doc.get('outcomes', true)
  if (isSeq(outcomes)) {
    for (const outcome of outcomes.items) {
      if (!isMap(outcome)) continue
      const id = scalarValue(outcome.get('id', true))
      if (typeof id === 'string') add('course/outcomes/' + id + '/statement', scalarValue(outcome.get('statement', true)), 'Learning outcome ' + id + ': what the learner can do, starting with an action verb')
    }
  }
  return units
}

/** What `translatedCourseYaml` needs. */
export interface CourseYamlTranslation {
  readonly language: string
  readonly sourceLanguage: string
  readonly status: 'draft' | 'reviewed'
  /** `sourceHash` of the source `course.yaml` the translation matches. */
  readonly sourceHash: string
}

/**
 * The translated `course.yaml`: the source's text with the translated values in place, its own
 * `language`, a `translation:` entry, no `translations:` list, and a schema hint that still finds
 * the schema two folders further down. Every other character stays as in the source.
 */
export function translatedCourseYaml(text: string, targets: Targets, translation: CourseYamlTranslation): string {
  const doc = parseDocument(text)
  const changes: Array<{path: Array<string | number>; value: string}> = [{path: ['language'], value: translation.language}]
  const sources = new Map(courseYamlUnits(text).map((unit) => [unit.id, unit]))
  const value = (id: string): string | undefined => {
    const parts = targets.get(id)
    if (!parts) return undefined
    const result = inlineToMarkdown(parts).replace(/\s*\n\s*/g, ' ')
    const source = sources.get(id)
    return source && inlineToMarkdown(source.source) === result ? undefined : result
  }
  const set = (id: string, path: Array<string | number>): void => {
    const result = value(id)
    if (result !== undefined) changes.push({path, value: result})
  }
  set('course/title', ['title'])
  set('course/description', ['description'])
  const keywords = doc.get('keywords', true)
  if (isSeq(keywords)) keywords.items.forEach((_, index) => set('course/keywords/' + (index + 1), ['keywords', index]))
  const outcomes = doc.get('outcomes', true)
  if (isSeq(outcomes)) {
    outcomes.items.forEach((outcome, index) => {
      const id = isMap(outcome) ? scalarValue(outcome.get('id', true)) : undefined
      if (typeof id === 'string') set('course/outcomes/' + id + '/statement', ['outcomes', index, 'statement'])
    })
  }
  let result = editYaml(text, changes)
  result = removeKey(result, 'translation')
  result = removeKey(result, 'translations')
  result = insertAfterKey(result, 'language', 'translation:\n  source: ' + translation.sourceLanguage + '\n  status: ' + translation.status + '\n  sourceHash: ' + translation.sourceHash + '\n')
  return result.replace(/^(#\s*yaml-language-server:\s*\$schema=)(?!\w+:)(\S+)/m, (_, hint: string, schema: string) => hint + (schema.startsWith('/') ? schema : '../../' + schema))
}

/** The source `course.yaml` with `language` added to its `translations:` list (unchanged when it is there). */
export function withTranslationListed(text: string, language: string): string {
  const doc = parseDocument(text)
  const list = doc.get('translations', true)
  if (isSeq(list)) {
    if (list.items.some((item) => scalarValue(item) === language)) return text
    if (!list.range) return text
    if (list.flow) {
      const end = list.range[1] - 1 // the `]`
      const before = text.slice(list.range[0], end).trimEnd()
      const insert = (list.items.length > 0 ? ', ' : '') + language
      return text.slice(0, list.range[0]) + before + insert + text.slice(end)
    }
    const last = list.items[list.items.length - 1]
    const lastRange = isScalar(last) ? last.range : undefined
    if (!lastRange) return text
    const lineStart = text.lastIndexOf('\n', lastRange[0]) + 1
    const indent = /^[ \t]*-[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '  - '
    const lineEnd = text.indexOf('\n', lastRange[1])
    const at = lineEnd < 0 ? text.length : lineEnd + 1
    return text.slice(0, at) + (lineEnd < 0 ? '\n' : '') + indent + language + '\n' + text.slice(at)
  }
  return insertAfterKey(text, 'language', 'translations: [' + language + ']\n')
}

function scalarValue(node: unknown): unknown {
  return isScalar(node) ? node.value : undefined
}

function topPair(text: string, key: string): Pair | undefined {
  const doc = parseDocument(text)
  if (!isMap(doc.contents)) return undefined
  return doc.contents.items.find((pair) => isScalar(pair.key) && pair.key.value === key)
}

/** Remove a top-level key with its value (whole lines). */
function removeKey(text: string, key: string): string {
  const pair = topPair(text, key)
  const start = isScalar(pair?.key) ? pair.key.range?.[0] : undefined
  const value = pair?.value as {range?: [number, number, number]} | undefined
  if (start === undefined) return text
  const end = value?.range?.[2] ?? text.indexOf('\n', start)
  const lineStart = text.lastIndexOf('\n', start - 1) + 1
  const lineEnd = text.indexOf('\n', Math.max(end - 1, start))
  return text.slice(0, lineStart) + text.slice(lineEnd < 0 ? text.length : lineEnd + 1)
}

/** Insert lines after the line of a top-level key (at the end when the key is missing). */
function insertAfterKey(text: string, key: string, lines: string): string {
  const pair = topPair(text, key)
  const value = pair?.value as {range?: [number, number, number]} | undefined
  const end = value?.range?.[1]
  if (end === undefined) return text.replace(/\n*$/, '\n') + lines
  const lineEnd = text.indexOf('\n', end)
  const at = lineEnd < 0 ? text.length : lineEnd + 1
  return text.slice(0, at) + (lineEnd < 0 ? '\n' : '') + lines + text.slice(at)
}
