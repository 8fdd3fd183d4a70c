/**
 * SCORM 2004 4th edition data model values (RTE 4.2): pure formatting of interactions.
 */
import {decimal} from './decimal.js'
import {chosen, correctChoices, interactionType, type InteractionRecord} from './interaction.js'
import {parseNumber} from './normalize.js'
import {isoDuration, isoTimestamp} from './time.js'

/** A short/long identifier (URI characters), at most 250 characters. */
export function identifier2004(value: string): string {
  return value.replace(/[^\w\-()+.:=@;$!*'%/#]/g, '_').slice(0, 250) || '_'
}

/**
 * A localized string of at most `max` characters (`description`, fill-in responses).
 * Text may not start with `{` (it would read as a `{lang=…}` delimiter) and may not hold the
 * `[,]` / `[.]` response delimiters.
 */
export function langString(value: string, max = 250): string {
  return value.replace(/[\u0000-\u001f]/g, ' ').replace(/\[([,.:])\]/g, '($1)').replace(/^\{/, '(').slice(0, max)
}

/** The `cmi.interactions.n.*` elements for one record, in the order they must be set. */
export function scorm2004Interaction(record: InteractionRecord): Array<readonly [string, string]> {
  const timestamp = isoTimestamp(new Date(record.timestamp))
  const latency = isoDuration(record.latency)
  if (record.kind === 'scenario') {
    const {scenario, steps, path, ending} = record
    const walked = path.map((choice, index) => {
      const step = steps[index]
      return identifier2004(step?.id ?? String(index)) + '[.]' + langString(step?.choices[choice]?.text ?? String(choice))
    })
    return [
      ['id', identifier2004(scenario.id)],
      ['type', 'performance'],
      ['objectives.0.id', identifier2004(scenario.outcome ?? '')],
      ['timestamp', timestamp],
      ['weighting', decimal(scenario.points)],
      ['learner_response', [...walked, identifier2004(ending.id) + '[.]' + (ending.result ?? 'poor')].join('[,]')],
      ['result', ending.result === 'good' ? 'correct' : ending.result === 'partial' ? 'neutral' : 'incorrect'],
      ['latency', latency],
      ['description', langString(scenario.title ?? scenario.id)]
    ]
  }
  const {question, response} = record
  let learner = ''
  let patterns: string[] = []
  switch (question.type) {
    case 'single':
    case 'multiple':
      learner = chosen(response).map((index) => identifier2004(question.choices[index]?.id ?? String(index))).join('[,]')
      patterns = [correctChoices(question).map((index) => identifier2004(question.choices[index]?.id ?? String(index))).join('[,]')]
      break
    case 'true-false':
      learner = response.type === 'true-false' ? String(response.value) : ''
      patterns = [String(question.answer)]
      break
    case 'order':
      learner = (response.type === 'order' ? response.order : []).map((index) => identifier2004(question.items[index]?.id ?? String(index))).join('[,]')
      patterns = [question.items.map((item) => identifier2004(item.id)).join('[,]')]
      break
    case 'match': {
      const pair = (source: number, target: number): string =>
        identifier2004(question.sources[source]?.id ?? String(source)) + '[.]' + identifier2004(question.targets[target]?.id ?? String(target))
      learner = (response.type === 'match' ? response.targets : []).flatMap((target, source) => (target >= 0 ? [pair(source, target)] : [])).join('[,]')
      patterns = [question.sources.map((_, index) => pair(index, index)).join('[,]')]
      break
    }
    case 'text':
      learner = langString(response.type === 'text' ? response.text : '')
      // Each accepted answer is a correct pattern; the runtime compares without case.
      patterns = unique(question.accepted.map((accepted) => '{case_matters=false}' + langString(accepted))).slice(0, 5)
      break
    case 'numeric': {
      const given = parseNumber(response.type === 'numeric' ? response.text : '')
      learner = given === undefined ? '' : decimal(given)
      patterns = [decimal(question.answer - question.tolerance) + '[:]' + decimal(question.answer + question.tolerance)]
      break
    }
  }
  return [
    ['id', identifier2004(question.id)],
    ['type', interactionType(question)],
    ['objectives.0.id', identifier2004(question.outcome)],
    ['timestamp', timestamp],
    ['weighting', decimal(question.points)],
    ['learner_response', learner],
    ...patterns.map((pattern, index) => ['correct_responses.' + index + '.pattern', pattern] as const),
    ['result', record.correct ? 'correct' : 'incorrect'],
    ['latency', latency],
    ['description', langString(question.promptText)]
  ]
}

function unique(values: string[]): string[] {
  return values.filter((value, index) => values.indexOf(value) === index)
}
