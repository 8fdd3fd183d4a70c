import fc from 'fast-check'
import {describe, expect, test} from 'vitest'
import type {Question} from '@coursemark/model'
import {indexCourse, type CourseIndex} from '../../packages/runtime/src/lib/course-index.js'
import {decodeState, encodeState, fingerprint} from '../../packages/runtime/src/lib/encoding.js'
import {walkScenario} from '../../packages/runtime/src/lib/scoring.js'
import {answerQuestion, chooseInScenario, goToPage, initialState, writeReflection, type Response, type State} from '../../packages/runtime/src/lib/state.js'
import {fixtureCourse, largeCourse} from './course-fixture.js'

const SCORM12_LIMIT = 4096

/** A deterministic pseudo-random source (tests must not depend on chance). */
function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 4294967296
  }
}

function pick<T>(random: () => number, values: ReadonlyArray<T>): T {
  return values[Math.floor(random() * values.length)] as T
}

function shuffled(random: () => number, count: number): number[] {
  const order = Array.from({length: count}, (_, index) => index)
  for (let index = count - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1))
    ;[order[index], order[other]] = [order[other] as number, order[index] as number]
  }
  return order
}

/** A realistic answer: mostly right, some wrong, typed answers in the learner's own words now and then. */
function answerFor(question: Question, random: () => number): Response {
  const right = random() < 0.7
  switch (question.type) {
    case 'single':
      return {type: 'single', choice: right ? question.choices.findIndex((choice) => choice.correct) : Math.floor(random() * question.choices.length)}
    case 'multiple':
      return {type: 'multiple', choices: question.choices.flatMap((choice, index) => ((right ? choice.correct : random() < 0.5) ? [index] : []))}
    case 'true-false':
      return {type: 'true-false', value: right ? question.answer : random() < 0.5}
    case 'order':
      return {type: 'order', order: right ? question.items.map((_, index) => index) : shuffled(random, question.items.length)}
    case 'match':
      return {type: 'match', targets: right ? question.sources.map((_, index) => index) : question.sources.map(() => Math.floor(random() * question.targets.length))}
    case 'text':
      return {type: 'text', text: right ? pick(random, [...question.accepted, 'Mail Procedure']) : pick(random, ['ask a colleague', 'the governor', 'post it myself'])}
    case 'numeric':
      return {type: 'numeric', text: right ? pick(random, [String(question.answer), String(question.answer + 0.5)]) : String(question.answer + 5)}
  }
}

/** A learner who has been through the whole course. */
function fullState(index: CourseIndex, seed: number): State {
  const random = seeded(seed)
  let state = initialState(index)
  for (let page = 0; page < index.pages.length; page++) state = goToPage(state, page)
  for (const {question, quiz} of index.questions) {
    const attempts = 1 + Math.floor(random() * quiz.attempts)
    for (let attempt = 0; attempt < attempts; attempt++) state = answerQuestion(state, question.id, answerFor(question, random))
  }
  for (const item of index.stateful) {
    if (item.kind === 'scenario') {
      let path: number[] = []
      while (!walkScenario(item.scenario, path).ending && path.length < 12) path = [...path, Math.floor(random() * 2)]
      for (const choice of path) state = chooseInScenario(state, item.scenario.id, choice)
    } else if (item.kind === 'reflection') {
      state = writeReflection(state, item.reflection.id, 'I would explain the "rules" calmly, with examples.\nThen listen.')
    }
  }
  return goToPage(state, Math.floor(index.pages.length / 2))
}

describe('suspend data', () => {
  const index = indexCourse(fixtureCourse())

  test('round-trips a learner who touched every kind of block', () => {
    let state = initialState(index)
    state = goToPage(goToPage(state, 2), 3)
    state = answerQuestion(state, 'keys', {type: 'single', choice: 0})
    state = answerQuestion(state, 'keys', {type: 'single', choice: 1})
    state = answerQuestion(state, 'items', {type: 'multiple', choices: [0, 3]})
    state = answerQuestion(state, 'searched', {type: 'true-false', value: false})
    state = answerQuestion(state, 'entry-steps', {type: 'order', order: [3, 1, 0, 2]})
    state = answerQuestion(state, 'places', {type: 'match', targets: [2, -1, 0]})
    state = answerQuestion(state, 'procedure', {type: 'text', text: 'Die Post – über «Büro» [,] {x}'})
    state = answerQuestion(state, 'days', {type: 'numeric', text: '6,5'})
    state = chooseInScenario(state, 'letter', 1)
    state = writeReflection(state, 'own-practice', 'Calmly.\n"Quoted" \\ and ü.')
    const encoded = encodeState(index, state)
    expect(encoded.lossy).toBe(false)
    expect(encoded.value).toMatch(/^c1\.[a-z0-9]+\.[A-Za-z0-9_-]*\.\[/)
    expect(decodeState(index, encoded.value)).toEqual(state)
  })

  test('a new learner encodes to a few characters and round-trips', () => {
    const state = goToPage(initialState(index), 0)
    const encoded = encodeState(index, state)
    expect(encoded.value.length).toBeLessThan(20)
    expect(decodeState(index, encoded.value)).toEqual(state)
  })

  test('1000 questions, all answered, some wrongly, in the learner\'s words: within 4096 characters, exact round trip', () => {
    const large = indexCourse(largeCourse(1000))
    expect(large.questions.length).toBe(1000)
    for (const seed of [1, 2, 3]) {
      const state = fullState(large, seed)
      expect(state.questions.size).toBe(1000)
      const encoded = encodeState(large, state, {limit: SCORM12_LIMIT})
      expect(encoded.lossy).toBe(false)
      expect(encoded.value.length).toBeLessThanOrEqual(SCORM12_LIMIT)
      expect(decodeState(large, encoded.value)).toEqual(state)
    }
  })

  test('over the limit, reflections are dropped first, then typed answers keep only their accepted form', () => {
    const large = indexCourse(largeCourse(1000))
    const state = fullState(large, 4)
    const full = encodeState(large, state)
    const noNotes = encodeState(large, state, {limit: full.value.length - 1})
    expect(noNotes.lossy).toBe(true)
    expect(noNotes.value.length).toBeLessThan(full.value.length)
    const restored = decodeState(large, noNotes.value)
    expect(restored?.reflections.size).toBe(0)
    expect(restored?.questions).toEqual(state.questions)

    const tight = encodeState(large, state, {limit: noNotes.value.length - 1})
    const minimal = decodeState(large, tight.value)
    expect(tight.lossy).toBe(true)
    expect(minimal?.visited).toEqual(state.visited)
    expect(minimal?.page).toBe(state.page)
    for (const {question} of large.questions) {
      const before = state.questions.get(question.id)
      const after = minimal?.questions.get(question.id)
      expect(after?.attempts).toBe(before?.attempts)
      if (question.type !== 'text') expect(after).toEqual(before)
    }
  })

  test('data of another course version, foreign or damaged data are not read', () => {
    const state = goToPage(answerQuestion(initialState(index), 'keys', {type: 'single', choice: 1}), 1)
    const {value} = encodeState(index, state)
    const changed = indexCourse({...fixtureCourse(), modules: fixtureCourse().modules.slice(0, 1)})
    expect(fingerprint(changed)).not.toBe(fingerprint(index))
    expect(decodeState(changed, value)).toBeUndefined()
    expect(decodeState(index, '')).toBeUndefined()
    expect(decodeState(index, 'lesson=3;score=40')).toBeUndefined()
    expect(decodeState(index, value.replace(/^c1/, 'c9'))).toBeUndefined()
    expect(decodeState(index, value + '.["unexpected"]')).toBeUndefined()
    expect(decodeState(index, value.replace(/\.([A-Za-z0-9_-]+)$/, '.$1!'))).toBeUndefined()
  })

  test('any state of the fixture course round-trips (property)', () => {
    const questions = index.questions.map((entry) => entry.question)
    const arbitraryResponse = (question: Question): fc.Arbitrary<Response> => {
      switch (question.type) {
        case 'single':
          return fc.nat(question.choices.length - 1).map((choice) => ({type: 'single', choice}))
        case 'multiple':
          return fc.subarray(question.choices.map((_, index) => index)).map((choices) => ({type: 'multiple', choices}))
        case 'true-false':
          return fc.boolean().map((value) => ({type: 'true-false', value}))
        case 'order':
          return fc.shuffledSubarray(question.items.map((_, index) => index), {minLength: question.items.length}).map((order) => ({type: 'order', order}))
        case 'match':
          return fc.array(fc.integer({min: -1, max: question.targets.length - 1}), {minLength: question.sources.length, maxLength: question.sources.length}).map((targets) => ({type: 'match', targets}))
        case 'text':
          return fc.oneof(fc.constantFrom(...question.accepted), fc.string({minLength: 1})).map((text) => ({type: 'text', text}))
        case 'numeric':
          return fc.oneof(fc.constant(String(question.answer)), fc.double({noNaN: true}).map(String)).map((text) => ({type: 'numeric', text}))
      }
    }
    const arbitraryState = fc.record({
      page: fc.nat(index.pages.length),
      visited: fc.array(fc.boolean(), {minLength: index.pages.length, maxLength: index.pages.length}),
      answers: fc.tuple(...questions.map((question) => fc.option(fc.tuple(fc.integer({min: 1, max: index.questionById.get(question.id)?.quiz.attempts ?? 1}), arbitraryResponse(question)), {nil: undefined}))),
      path: fc.array(fc.nat(1), {maxLength: 3}),
      reflection: fc.string()
    }).map(({page, visited, answers, path, reflection}): State => {
      let state: State = {...initialState(index), page, visited}
      const map = new Map(state.questions)
      answers.forEach((answer, position) => {
        const question = questions[position]
        if (answer && question) map.set(question.id, {attempts: answer[0], response: answer[1]})
      })
      state = {...state, questions: map}
      const scenario = index.scenarioById.get('letter')
      const valid = scenario ? walkScenario(scenario, path).steps.length - 1 : 0
      for (const choice of path.slice(0, valid)) state = chooseInScenario(state, 'letter', choice)
      return writeReflection(state, 'own-practice', reflection)
    })
    fc.assert(fc.property(arbitraryState, (state) => {
      expect(decodeState(index, encodeState(index, state).value)).toEqual(state)
    }), {numRuns: 300})
  })
})
