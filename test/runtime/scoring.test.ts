import {describe, expect, test} from 'vitest'
import type {Question, ScenarioBlock} from '@coursemark/model'
import {indexCourse} from '../../packages/runtime/src/lib/course-index.js'
import {normalizeText, parseNumber} from '../../packages/runtime/src/lib/normalize.js'
import {isCorrect, isFinal, progressOf, scenarioTally, walkScenario} from '../../packages/runtime/src/lib/scoring.js'
import {answerQuestion, chooseInScenario, goToPage, initialState, type State} from '../../packages/runtime/src/lib/state.js'
import {fixtureCourse} from './course-fixture.js'

const course = fixtureCourse()
const index = indexCourse(course)

function question(id: string): Question {
  const entry = index.questionById.get(id)
  if (!entry) throw new Error('no question ' + id)
  return entry.question
}

const scenario = index.scenarioById.get('letter') as ScenarioBlock

describe('isCorrect', () => {
  test('single: only the correct choice', () => {
    expect(isCorrect(question('keys'), {type: 'single', choice: 1})).toBe(true)
    expect(isCorrect(question('keys'), {type: 'single', choice: 0})).toBe(false)
    expect(isCorrect(question('keys'), {type: 'single', choice: 9})).toBe(false)
  })

  test('multiple: exactly the set of correct choices', () => {
    expect(isCorrect(question('items'), {type: 'multiple', choices: [0, 2]})).toBe(true)
    expect(isCorrect(question('items'), {type: 'multiple', choices: [0]})).toBe(false)
    expect(isCorrect(question('items'), {type: 'multiple', choices: [0, 1, 2]})).toBe(false)
  })

  test('true-false', () => {
    expect(isCorrect(question('searched'), {type: 'true-false', value: true})).toBe(true)
    expect(isCorrect(question('searched'), {type: 'true-false', value: false})).toBe(false)
  })

  test('order: the items in model order', () => {
    expect(isCorrect(question('entry-steps'), {type: 'order', order: [0, 1, 2, 3]})).toBe(true)
    expect(isCorrect(question('entry-steps'), {type: 'order', order: [1, 0, 2, 3]})).toBe(false)
    expect(isCorrect(question('entry-steps'), {type: 'order', order: [0, 1, 2]})).toBe(false)
  })

  test('match: sources[i] with targets[i]', () => {
    expect(isCorrect(question('places'), {type: 'match', targets: [0, 1, 2]})).toBe(true)
    expect(isCorrect(question('places'), {type: 'match', targets: [0, 2, 1]})).toBe(false)
    expect(isCorrect(question('places'), {type: 'match', targets: [0, 1, -1]})).toBe(false)
  })

  test('text: case, whitespace and accents ignored', () => {
    expect(isCorrect(question('procedure'), {type: 'text', text: '  Mail   PROCÉDURE '})).toBe(true)
    expect(isCorrect(question('procedure'), {type: 'text', text: 'post procedure'})).toBe(true)
    expect(isCorrect(question('procedure'), {type: 'text', text: 'mail'})).toBe(false)
    expect(isCorrect(question('procedure'), {type: 'text', text: ''})).toBe(false)
  })

  test('numeric: within the tolerance, comma as decimal separator', () => {
    expect(isCorrect(question('days'), {type: 'numeric', text: '7'})).toBe(true)
    expect(isCorrect(question('days'), {type: 'numeric', text: '8'})).toBe(true)
    expect(isCorrect(question('days'), {type: 'numeric', text: '5,9'})).toBe(false)
    expect(isCorrect(question('days'), {type: 'numeric', text: '6,5'})).toBe(true)
    expect(isCorrect(question('days'), {type: 'numeric', text: '8.01'})).toBe(false)
    expect(isCorrect(question('days'), {type: 'numeric', text: 'seven'})).toBe(false)
  })

  test('a response of another type is never correct', () => {
    expect(isCorrect(question('keys'), {type: 'multiple', choices: [1]})).toBe(false)
    expect(isCorrect(question('searched'), {type: 'single', choice: 0})).toBe(false)
  })
})

test('normalizeText and parseNumber', () => {
  expect(normalizeText(' Ça\tVA  bien ')).toBe('ca va bien')
  expect(parseNumber('1 000,5')).toBe(1000.5)
  expect(parseNumber('-3.25')).toBe(-3.25)
  expect(parseNumber('1,000.5')).toBeUndefined()
  expect(parseNumber('')).toBeUndefined()
  expect(parseNumber('12abc')).toBeUndefined()
})

test('isFinal: right answer, or out of tries', () => {
  const keys = question('keys')
  expect(isFinal(keys, 2, undefined)).toBe(false)
  expect(isFinal(keys, 2, {attempts: 1, response: {type: 'single', choice: 0}})).toBe(false)
  expect(isFinal(keys, 2, {attempts: 2, response: {type: 'single', choice: 0}})).toBe(true)
  expect(isFinal(keys, 2, {attempts: 1, response: {type: 'single', choice: 1}})).toBe(true)
})

describe('scenarios', () => {
  test('walk follows the choices to an ending', () => {
    expect(walkScenario(scenario, []).steps.map((step) => step.id)).toEqual(['start'])
    expect(walkScenario(scenario, [1, 0]).ending?.id).toBe('good-end')
    expect(walkScenario(scenario, [1]).ending).toBeUndefined()
  })

  test('good = points, partial = half, poor = 0; unfinished counts as unanswered', () => {
    expect(scenarioTally(scenario, [1, 0])).toEqual({earned: 2, possible: 2, answered: 1, total: 1})
    expect(scenarioTally(scenario, [1, 1])).toEqual({earned: 1, possible: 2, answered: 1, total: 1})
    expect(scenarioTally(scenario, [0])).toEqual({earned: 0, possible: 2, answered: 1, total: 1})
    expect(scenarioTally(scenario, [1])).toEqual({earned: 0, possible: 2, answered: 0, total: 1})
  })
})

function everything(state: State, wrong: ReadonlyArray<string>): State {
  const answers: Record<string, Parameters<typeof answerQuestion>[2]> = {
    keys: {type: 'single', choice: wrong.includes('keys') ? 0 : 1},
    items: {type: 'multiple', choices: wrong.includes('items') ? [0] : [0, 2]},
    searched: {type: 'true-false', value: !wrong.includes('searched')},
    'entry-steps': {type: 'order', order: wrong.includes('entry-steps') ? [1, 0, 2, 3] : [0, 1, 2, 3]},
    places: {type: 'match', targets: wrong.includes('places') ? [1, 0, 2] : [0, 1, 2]},
    procedure: {type: 'text', text: wrong.includes('procedure') ? 'ask staff' : 'Mail procedure'},
    days: {type: 'numeric', text: wrong.includes('days') ? '3' : '7'}
  }
  for (const [id, response] of Object.entries(answers)) state = answerQuestion(state, id, response)
  return chooseInScenario(chooseInScenario(state, 'letter', 1), 'letter', wrong.includes('letter') ? 1 : 0)
}

describe('progressOf', () => {
  test('a new learner: nothing seen, nothing decided', () => {
    const progress = progressOf(index, initialState(index), course.mastery)
    expect(progress).toMatchObject({
      visitedPages: 0, pages: 5, earned: 0, possible: 10, answered: 0, total: 8,
      percent: 0, masteryPercent: 80, completed: false, decided: false, passed: false, finished: false, measure: 0
    })
    expect(progress.outcomes.map((outcome) => [outcome.id, outcome.status])).toEqual([['LO1', 'not attempted'], ['LO2', 'not attempted']])
  })

  test('all right and every page seen: passed, finished, every outcome passed', () => {
    let state = everything(initialState(index), [])
    for (let page = 0; page < 5; page++) state = goToPage(state, page)
    const progress = progressOf(index, state, course.mastery)
    expect(progress).toMatchObject({earned: 10, possible: 10, percent: 100, completed: true, decided: true, passed: true, finished: true, measure: 1})
    expect(progress.outcomes.map((outcome) => [outcome.id, outcome.percent, outcome.status])).toEqual([['LO1', 100, 'passed'], ['LO2', 100, 'passed']])
  })

  test('score per outcome and course with wrong answers, against the pass mark', () => {
    // LO1: keys 1 + items 1 + searched 1 + order 1 + match 2 = 6; LO2: text 1 + numeric 1 + scenario 2 = 4.
    const state = everything(initialState(index), ['keys', 'places', 'letter'])
    const progress = progressOf(index, state, course.mastery)
    expect(progress.earned).toBe(6)
    expect(progress.percent).toBe(60)
    expect(progress.decided).toBe(true)
    expect(progress.passed).toBe(false)
    expect(progress.completed).toBe(false)
    expect(progress.outcomes.map((outcome) => [outcome.id, outcome.earned, outcome.possible, outcome.percent, outcome.status])).toEqual([
      ['LO1', 3, 6, 50, 'failed'],
      ['LO2', 3, 4, 75, 'failed']
    ])
    expect(progressOf(index, state, 0.6).passed).toBe(true)
  })

  test('completion "assessed": completed once every assessment is answered', () => {
    const assessed = indexCourse({...course, completion: 'assessed'})
    const state = everything(initialState(assessed), [])
    expect(progressOf(assessed, state, 0.8)).toMatchObject({completed: true, finished: true, visitedPages: 0})
    expect(progressOf(assessed, initialState(assessed), 0.8).completed).toBe(false)
  })

  test('a course without assessments is finished when every page is seen', () => {
    const plain = indexCourse({...course, modules: course.modules.map((module) => ({...module, pages: module.pages.map((page) => ({...page, blocks: page.blocks.filter((block) => block.type === 'html')}))}))})
    let state = initialState(plain)
    for (let page = 0; page < 5; page++) state = goToPage(state, page)
    expect(progressOf(plain, state, 0.8)).toMatchObject({total: 0, decided: false, completed: true, finished: true, passed: false})
    expect(progressOf(plain, state, 0.8).outcomes.map((outcome) => outcome.status)).toEqual(['completed', 'completed'])
  })
})
