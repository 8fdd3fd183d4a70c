/**
 * SCORM 1.2 data model values (CMI 1.2, RTE 3.4): pure formatting of interactions.
 * Identifiers in responses are single characters, so a choice question keeps valid
 * responses up to 36 options (`a`–`z`, then `0`–`9`), and match targets use `1`–`9`, then `a`–`z`, `0`.
 */
import {decimal} from './decimal.js'
import {chosen, correctChoices, interactionType, type InteractionRecord} from './interaction.js'
import {parseNumber} from './normalize.js'
import {scorm12Duration, scorm12Time} from './time.js'

const letters = 'abcdefghijklmnopqrstuvwxyz0123456789'
const digits = '123456789abcdefghijklmnopqrstuvwxyz0'

/** A CMIIdentifier: letters, digits, `-` and `_`, at most 255 characters. */
export function identifier12(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 255) || '_'
}

/** A CMIString255 (fill-in, performance): at most 255 characters. */
function string255(value: string): string {
  return value.replace(/[\u0000-\u001f]/g, ' ').slice(0, 255)
}

/** CMIDecimal weighting, within the -100–100 range of 1.2. */
function weighting(points: number): string {
  return decimal(Math.max(-100, Math.min(100, points)), 2)
}

function letter(index: number): string {
  return letters.charAt(index) || '?'
}

function digit(index: number): string {
  return digits.charAt(index) || '?'
}

/** The `cmi.interactions.n.*` elements for one record, in the order they must be set. */
export function scorm12Interaction(record: InteractionRecord): Array<readonly [string, string]> {
  const time = scorm12Time(new Date(record.timestamp))
  const latency = scorm12Duration(record.latency)
  if (record.kind === 'scenario') {
    const {scenario, steps, path, ending} = record
    return [
      ['id', identifier12(scenario.id)],
      ['objectives.0.id', identifier12(scenario.outcome ?? '')],
      ['time', time],
      ['type', 'performance'],
      ['weighting', weighting(scenario.points)],
      ['student_response', string255(path.map((choice, index) => (steps[index]?.choices[choice]?.id ?? letter(choice))).join(',') + '>' + ending.id)],
      ['result', ending.result === 'good' ? 'correct' : ending.result === 'partial' ? 'neutral' : 'wrong'],
      ['latency', latency]
    ]
  }
  const {question, response} = record
  let type: string = interactionType(question)
  let student = ''
  let pattern = ''
  switch (question.type) {
    case 'single':
    case 'multiple':
      if (question.choices.length > letters.length) {
        // Beyond 36 options a 1.2 choice response cannot name the option: report the ids as text.
        type = 'fill-in'
        student = string255(chosen(response).map((index) => question.choices[index]?.id ?? '').join(','))
        pattern = string255(correctChoices(question).map((index) => question.choices[index]?.id ?? '').join(','))
      } else {
        student = chosen(response).map(letter).join(',')
        pattern = correctChoices(question).map(letter).join(',')
      }
      break
    case 'true-false':
      student = response.type === 'true-false' ? (response.value ? 't' : 'f') : ''
      pattern = question.answer ? 't' : 'f'
      break
    case 'order':
      student = (response.type === 'order' ? response.order : []).map(letter).join(',')
      pattern = question.items.map((_, index) => letter(index)).join(',')
      break
    case 'match':
      student = (response.type === 'match' ? response.targets : [])
        .flatMap((target, source) => (target >= 0 ? [letter(source) + '.' + digit(target)] : []))
        .join(',')
      pattern = question.sources.map((_, index) => letter(index) + '.' + digit(index)).join(',')
      break
    case 'text':
      student = string255(response.type === 'text' ? response.text : '')
      pattern = string255(question.accepted[0] ?? '')
      break
    case 'numeric': {
      const given = parseNumber(response.type === 'numeric' ? response.text : '')
      student = given === undefined ? '' : decimal(given)
      pattern = decimal(question.answer)
      break
    }
  }
  return [
    ['id', identifier12(question.id)],
    ['objectives.0.id', identifier12(question.outcome)],
    ['time', time],
    ['type', type],
    ['weighting', weighting(question.points)],
    ['student_response', student],
    ['correct_responses.0.pattern', pattern],
    ['result', record.correct ? 'correct' : 'wrong'],
    ['latency', latency]
  ]
}
