import type {ErrorObject} from 'ajv/dist/2020.js'
import {quoteList, rules, suggest, type RuleData} from '@coursemark/diagnostics'

/** An ajv error turned into words for an author. */
export interface ErrorDescription {
  readonly rule: RuleData
  readonly reason: string
  /** JSON pointer of the value the message is about (for `required`, the object missing the field). */
  readonly pointer: string
  /** For unknown or missing fields: the field name. */
  readonly field?: string | undefined
  readonly expected?: ReadonlyArray<string> | undefined
  readonly actual?: string | undefined
}

/** Configuration for `describeErrors`. */
export interface DescribeOptions {
  /** `field` for YAML (course.yaml, front matter), `attribute` for directives (default: `field`). */
  readonly noun?: 'field' | 'attribute' | null | undefined
  /** Allowed property names by pointer of the object, to list them for unknown ones (optional). */
  readonly allowed?: ((pointer: string) => ReadonlyArray<string> | undefined) | null | undefined
}

/**
 * Turn ajv errors into author-facing descriptions, one per problem: “Unexpected X, expected Y”.
 * Errors that only repeat another (ajv's `if`/`anyOf` wrappers) are dropped.
 */
export function describeErrors(errors: ReadonlyArray<ErrorObject>, options?: DescribeOptions | null): ErrorDescription[] {
  const noun = options?.noun ?? 'field'
  const result: ErrorDescription[] = []
  const seen = new Set<string>()
  for (const error of errors) {
    const description = describe(error)
    if (!description) continue
    const key = description.pointer + '\0' + description.reason
    if (seen.has(key)) continue
    seen.add(key)
    result.push(description)
  }
  return result

  function describe(error: ErrorObject): ErrorDescription | undefined {
    const pointer = error.instancePath
    const name = nameOf(pointer)
    const params = error.params as Record<string, unknown>
    switch (error.keyword) {
      case 'required': {
        const field = String(params['missingProperty'])
        return {rule: noun === 'field' ? rules.missingField : rules.missingAttribute, pointer, field,
          reason: 'Missing required ' + noun + ' `' + field + '`' + (pointer ? ' in `' + pointer.slice(1).replace(/\//g, '.') + '`' : '')}
      }
      case 'additionalProperties': {
        const field = String(params['additionalProperty'])
        const allowed = options?.allowed?.(pointer)
        return {rule: noun === 'field' ? rules.unknownField : rules.unknownAttribute, pointer: pointer + '/' + field, field, actual: field, expected: allowed,
          reason: 'Unexpected ' + noun + ' `' + field + '`' + didYouMean(field, allowed) + (allowed && allowed.length > 0 ? ', expected ' + quoteList(allowed, 20) : allowed ? ', expected no ' + noun + 's' : '')}
      }
      case 'enum': {
        const expected = (params['allowedValues'] as unknown[]).map(String)
        return {rule: noun === 'field' ? rules.invalidValue : rules.invalidAttribute, pointer, expected,
          reason: 'Unexpected value for `' + name + '`, expected ' + quoteList(expected)}
      }
      case 'pattern':
        if (name === 'language' || name === 'source') {
          return {rule: rules.invalidLanguage, pointer, reason: 'Unexpected language tag for `' + name + '`, expected a BCP 47 tag such as `en`, `de` or `pt-BR`'}
        }
        if (name === 'id' || /^\/outcomes\/\d+\/id$/.test(pointer)) {
          return {rule: rules.invalidId, pointer, reason: 'Unexpected id, expected a letter followed by letters, digits, `-`, `_` or `.` (at most 64 characters)'}
        }
        if (name === 'version') return {rule: rules.invalidValue, pointer, reason: 'Unexpected version, expected `major.minor.patch` such as `1.0.0`'}
        if (/^\/modules\/\d+$/.test(pointer)) return {rule: rules.invalidValue, pointer, reason: 'Unexpected module path, expected a Markdown file ending in `.md`'}
        return {rule: noun === 'field' ? rules.invalidValue : rules.invalidAttribute, pointer, reason: 'Unexpected value for `' + name + '`, expected text matching `' + String(params['pattern']) + '`'}
      case 'type':
        if (name === 'version') return {rule: rules.invalidValue, pointer, reason: 'Unexpected version, expected `major.minor.patch` such as `1.0.0`'}
        return {rule: noun === 'field' ? rules.invalidValue : rules.invalidAttribute, pointer, expected: [String(params['type'])],
          reason: 'Unexpected ' + (name ? 'value for `' + name + '`' : 'content') + ', expected ' + article(String(params['type']))}
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        return {rule: noun === 'field' ? rules.invalidValue : rules.invalidAttribute, pointer,
          reason: 'Unexpected value for `' + name + '`, expected a number ' + bounds[error.keyword] + ' ' + String(params['limit'])}
      case 'minLength':
        return {rule: noun === 'field' ? rules.invalidValue : rules.invalidAttribute, pointer, reason: 'Unexpected empty `' + name + '`, expected some text'}
      case 'maxLength':
        return {rule: noun === 'field' ? rules.invalidValue : rules.invalidAttribute, pointer,
          reason: 'Unexpected long `' + name + '`, expected at most ' + String(params['limit']) + ' characters'}
      case 'minItems':
        return {rule: noun === 'field' ? rules.invalidValue : rules.invalidAttribute, pointer, reason: 'Unexpected empty list `' + name + '`, expected at least ' + String(params['limit']) + ' item'}
      default:
        return {rule: noun === 'field' ? rules.invalidValue : rules.invalidAttribute, pointer, reason: 'Unexpected value for `' + (name || 'the document') + '`: ' + String(error.message)}
    }
  }
}

const bounds: Record<string, string> = {minimum: 'of at least', maximum: 'of at most', exclusiveMinimum: 'greater than', exclusiveMaximum: 'less than'}

function nameOf(pointer: string): string {
  const parts = pointer.split('/').filter(Boolean)
  const last = parts[parts.length - 1] ?? ''
  return /^\d+$/.test(last) && parts.length > 1 ? parts[parts.length - 2] + '[' + last + ']' : last
}

function article(type: string): string {
  if (type === 'integer') return 'a whole number'
  if (type === 'number') return 'a number'
  if (type === 'string') return 'text'
  if (type === 'array') return 'a list'
  if (type === 'object') return 'a mapping of fields'
  if (type === 'boolean') return '`true` or `false`'
  return type
}

function didYouMean(value: string, allowed: ReadonlyArray<string> | undefined): string {
  const best = allowed ? suggest(value, allowed) : undefined
  return best ? ' (did you mean `' + best + '`?)' : ''
}
