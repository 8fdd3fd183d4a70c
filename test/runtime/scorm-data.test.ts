import {Scorm2004API} from 'scorm-again'
import {describe, expect, test} from 'vitest'
import type {Choice, Question} from '@coursemark/model'
import {indexCourse} from '../../packages/runtime/src/lib/course-index.js'
import type {InteractionRecord} from '../../packages/runtime/src/lib/interaction.js'
import {identifier12, scorm12Interaction} from '../../packages/runtime/src/lib/scorm12-data.js'
import {identifier2004, langString, scorm2004Interaction} from '../../packages/runtime/src/lib/scorm2004-data.js'
import type {Response} from '../../packages/runtime/src/lib/state.js'
import {isoDuration, isoTimestamp, scorm12Duration, scorm12Time} from '../../packages/runtime/src/lib/time.js'
import {decimal} from '../../packages/runtime/src/lib/decimal.js'
import {fixtureCourse} from './course-fixture.js'

const index = indexCourse(fixtureCourse())
const source = {path: 'x.md'}

function record(question: Question, response: Response, correct = false): InteractionRecord {
  return {kind: 'question', question, response, correct, timestamp: Date.UTC(2024, 0, 2, 3, 4, 5, 678), latency: 61_005}
}

function valueOf(pairs: ReadonlyArray<readonly [string, string]>, element: string): string | undefined {
  return pairs.find(([name]) => name === element)?.[1]
}

function choiceQuestion(count: number, correct: number[]): Question {
  const choices: Choice[] = Array.from({length: count}, (_, index) => ({id: 'c' + index, html: 'C' + index, text: 'C' + index, correct: correct.includes(index)}))
  return {id: 'many choices', type: 'multiple', outcome: 'LO 1', points: 1, prompt: '<p>Pick</p>', promptText: '{Pick} the right ones [,] please', source, choices}
}

/** SCORM 1.2 RTE 3.4.2.7.5: student_response formats per interaction type. */
const formats12: Readonly<Record<string, RegExp>> = {
  'true-false': /^[01tf]$/,
  choice: /^[0-9a-z](,[0-9a-z])*$/,
  'fill-in': /^[\s\S]{0,255}$/,
  numeric: /^-?\d+(\.\d+)?$/,
  sequencing: /^[0-9a-z](,[0-9a-z])*$/,
  matching: /^[0-9a-z]\.[0-9a-z](,[0-9a-z]\.[0-9a-z])*$/,
  performance: /^[\s\S]{0,255}$/
}

describe('SCORM 1.2 interactions', () => {
  test('responses of every fixture question use the 1.2 format of their type', () => {
    const responses: Record<string, Response> = {
      keys: {type: 'single', choice: 2},
      items: {type: 'multiple', choices: [1, 3]},
      searched: {type: 'true-false', value: false},
      'entry-steps': {type: 'order', order: [3, 2, 1, 0]},
      places: {type: 'match', targets: [2, 0, 1]},
      procedure: {type: 'text', text: 'x'.repeat(400)},
      days: {type: 'numeric', text: ' 1 000,25 '}
    }
    for (const {question} of index.questions) {
      const pairs = scorm12Interaction(record(question, responses[question.id] as Response))
      const type = valueOf(pairs, 'type') as string
      expect(valueOf(pairs, 'student_response')).toMatch(formats12[type] as RegExp)
      expect(valueOf(pairs, 'correct_responses.0.pattern')).toMatch(formats12[type] as RegExp)
      expect(valueOf(pairs, 'latency')).toBe('0000:01:01.01')
      expect(valueOf(pairs, 'time')).toMatch(/^\d\d:\d\d:\d\d$/)
      expect(pairs[0]?.[0]).toBe('id')
    }
    const text = scorm12Interaction(record(index.questionById.get('procedure')!.question, responses.procedure as Response))
    expect(valueOf(text, 'student_response')).toHaveLength(255)
    expect(valueOf(scorm12Interaction(record(index.questionById.get('days')!.question, responses.days as Response)), 'student_response')).toBe('1000.25')
  })

  test('choices beyond nine (and beyond 26) stay single characters; beyond 36 they are reported as text', () => {
    const thirty = choiceQuestion(30, [0, 27])
    const pairs = scorm12Interaction(record(thirty, {type: 'multiple', choices: [9, 26, 29]}))
    expect(valueOf(pairs, 'type')).toBe('choice')
    expect(valueOf(pairs, 'student_response')).toBe('j,0,3')
    expect(valueOf(pairs, 'correct_responses.0.pattern')).toBe('a,1')
    expect(valueOf(pairs, 'id')).toBe('many_choices')
    expect(valueOf(pairs, 'objectives.0.id')).toBe('LO_1')

    const forty = choiceQuestion(40, [39])
    const text = scorm12Interaction(record(forty, {type: 'multiple', choices: [38]}))
    expect(valueOf(text, 'type')).toBe('fill-in')
    expect(valueOf(text, 'student_response')).toBe('c38')
  })

  test('identifiers keep to letters, digits, - and _', () => {
    expect(identifier12('boundaries.check/1 é')).toBe('boundaries_check_1__')
    expect(identifier12('')).toBe('_')
    expect(identifier12('x'.repeat(300))).toHaveLength(255)
  })
})

describe('SCORM 2004 interactions', () => {
  test('every fixture question, with awkward answers, is accepted by scorm-again (no error on any element)', () => {
    const responses: Record<string, Response[]> = {
      keys: [{type: 'single', choice: 0}],
      items: [{type: 'multiple', choices: [0, 1, 2, 3]}],
      searched: [{type: 'true-false', value: true}],
      'entry-steps': [{type: 'order', order: [1, 0, 3, 2]}],
      places: [{type: 'match', targets: [0, -1, 1]}],
      procedure: [{type: 'text', text: '{lang=de} Antwort [,] mit [.] Trennern ' + 'ü'.repeat(300)}, {type: 'text', text: 'mail procedure'}],
      days: [{type: 'numeric', text: '-0,5'}, {type: 'numeric', text: '1e3'}]
    }
    const api = new Scorm2004API({logLevel: 5})
    api.Initialize('')
    let n = 0
    for (const {question} of [...index.questions, {question: choiceQuestion(36, [35])}]) {
      for (const response of responses[question.id] ?? [{type: 'multiple', choices: [0, 35]} as Response]) {
        for (const [element, value] of scorm2004Interaction(record(question, response))) {
          const name = 'cmi.interactions.' + n + '.' + element
          api.SetValue(name, value)
          expect([name, value, api.GetLastError()]).toEqual([name, value, '0'])
        }
        n++
      }
    }
    const scenario = index.scenarioById.get('letter')!
    const steps = scenario.steps
    for (const [element, value] of scorm2004Interaction({kind: 'scenario', scenario, path: [0], steps: [steps[0]!, steps[2]!], ending: steps[2]!, timestamp: 0, latency: 0})) {
      api.SetValue('cmi.interactions.' + n + '.' + element, value)
      expect([element, value, api.GetLastError()]).toEqual([element, value, '0'])
    }
  })

  test('description: the question text, 250 characters at most, never read as a delimiter', () => {
    const pairs = scorm2004Interaction(record(choiceQuestion(3, [0]), {type: 'single', choice: 0}))
    expect(valueOf(pairs, 'description')).toBe('(Pick} the right ones (,) please')
    expect(langString('y'.repeat(300))).toHaveLength(250)
    expect(identifier2004('a b/c')).toBe('a_b/c')
  })
})

describe('time and number formats', () => {
  test('SCORM 1.2 timespan HHHH:MM:SS.SS and time HH:MM:SS', () => {
    expect(scorm12Duration(0)).toBe('0000:00:00.00')
    expect(scorm12Duration(3_723_456)).toBe('0001:02:03.46')
    expect(scorm12Duration(10_000 * 3_600_000)).toBe('9999:59:59.99')
    expect(scorm12Time(new Date(2024, 0, 1, 7, 5, 9))).toBe('07:05:09')
  })

  test('SCORM 2004 ISO 8601 duration and timestamp', () => {
    expect(isoDuration(0)).toBe('PT0S')
    expect(isoDuration(3_723_456)).toBe('PT1H2M3.46S')
    expect(isoDuration(60_000)).toBe('PT1M0S')
    expect(isoTimestamp(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)))).toBe('2024-01-02T03:04:05.67Z')
  })

  test('decimals never use exponents', () => {
    expect(decimal(1e-7)).toBe('0.0000001')
    expect(decimal(0.1 + 0.2)).toBe('0.3')
    expect(decimal(-0)).toBe('0')
    expect(decimal(70, 2)).toBe('70')
  })
})
