import type {Node, Point, Position} from 'unist'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import type {RuleData} from './rules.js'

/** Extra data for a message (optional). */
export interface ReportExtra {
  /** The value the author wrote. */
  readonly actual?: string | undefined
  /** The values that would have been accepted (shown capped in the message). */
  readonly expected?: ReadonlyArray<string> | undefined
  /** Override the rule's default severity. */
  readonly severity?: 'error' | 'warning' | undefined
}

/** Anything with a position: a unist node, a position, or a point. */
export type Place = Node | Position | Point | null | undefined

function toPlace(place: Place): Position | Point | undefined {
  if (!place) return undefined
  if ('type' in place) return place.position
  return place
}

/**
 * Record a positioned message on `file` for `rule`. Never throws: author mistakes are data.
 * Errors have `fatal: true`, warnings `fatal: false`.
 */
export function report(file: VFile, place: Place, rule: RuleData, reason: string, extra?: ReportExtra | null): VFileMessage {
  const message = file.message(reason, {place: toPlace(place), ruleId: rule.id, source: 'coursemark'})
  message.fatal = (extra?.severity ?? rule.severity) === 'error'
  message.note = rule.hint
  message.url = 'docs/diagnostics.md#' + rule.id
  if (extra?.actual !== undefined) message.actual = extra.actual
  if (extra?.expected) message.expected = [...extra.expected]
  return message
}

/** Quote values for a message, capped so that long lists stay readable. */
export function quoteList(values: ReadonlyArray<string>, max = 12): string {
  const shown = values.slice(0, max).map((value) => '`' + value + '`')
  if (values.length > max) shown.push('… (' + (values.length - max) + ' more)')
  if (shown.length <= 1) return shown.join('')
  return shown.slice(0, -1).join(', ') + ' or ' + shown[shown.length - 1]
}
