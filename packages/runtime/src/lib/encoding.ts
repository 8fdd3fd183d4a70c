/**
 * The suspend data: a compact, versioned text encoding of a learner's state.
 *
 * `c1.<fingerprint>.<bits>[.<texts>]`
 *
 * - `c1`: format version 1.
 * - fingerprint: a hash of the course structure (base 36), so state saved for another
 *   version of the course is never read as if it fitted this one.
 * - bits: base64url bit stream. Everything is written in course order with the fewest bits
 *   the course allows: the current page, one bit per visited page, then per question the
 *   attempts used and the answer (a choice index, a bit per option, a Lehmer code for an
 *   order, a target per source for a match, a number 4 bits a character), per scenario the
 *   choices taken, per reflection a presence bit.
 * - texts: a JSON array of the free texts (typed answers that are not an accepted answer
 *   verbatim, reflections), in course order.
 *
 * A 1000-question course takes about 1 100 characters when every answer is a choice, and stays
 * within the 4096 of SCORM 1.2 with a realistic share of answers typed in the learner's words.
 */
import type {Question} from '@coursemark/model'
import {createBitReader, createBitWriter, type BitReader, type BitWriter} from './bits.js'
import type {CourseIndex} from './course-index.js'
import {hash} from './hash.js'
import {normalizeText} from './normalize.js'
import {walkScenario} from './scoring.js'
import type {QuestionState, Response, State} from './state.js'

const VERSION = 'c1'

/** Configuration for `encodeState` (optional). */
export interface EncodeOptions {
  /** Longest text the store accepts (default: no limit). */
  readonly limit?: number | null | undefined
}

/** Result of `encodeState`. */
export interface Encoded {
  readonly value: string
  /**
   * Some text had to be left out to keep within `limit`: reflections first, then typed
   * answers (kept as the accepted answer they match, when they match one).
   */
  readonly lossy: boolean
}

/** Text-answer modes (2 bits). */
const TEXT_NONE = 0
const TEXT_ACCEPTED = 1
const TEXT_LITERAL = 2
const TEXT_EQUIVALENT = 3

/** Numeric-answer modes (2 bits). */
const NUMBER_EXACT = 0
const NUMBER_PACKED = 1
const NUMBER_LITERAL = 2

/** Characters of a packed number (4 bits each; 15 ends the number). */
const numberCharacters = '0123456789.,- +'
const NUMBER_END = 15
const MAX_PACKED = 40

/** What may be left out, from nothing to everything optional. */
type Level = 0 | 1 | 2

/** Fingerprints by course index: the state is saved on every page, the course never changes. */
const fingerprints = new WeakMap<CourseIndex, string>()

/** A hash of everything the bit layout depends on (worked out once per course index). */
export function fingerprint(index: CourseIndex): string {
  let print = fingerprints.get(index)
  if (print === undefined) fingerprints.set(index, (print = computeFingerprint(index)))
  return print
}

function computeFingerprint(index: CourseIndex): string {
  const parts: string[] = [String(index.pages.length)]
  for (const item of index.stateful) {
    if (item.kind === 'question') {
      const {question, quiz} = item.entry
      parts.push('q', question.id, question.type, String(quiz.attempts), String(optionCount(question)))
    } else if (item.kind === 'scenario') {
      parts.push('s', item.scenario.id, ...item.scenario.steps.map((step) => step.id + ':' + step.choices.map((choice) => choice.next).join(',')))
    } else {
      parts.push('r', item.reflection.id)
    }
  }
  return hash(parts.join('\u0000')).toString(36)
}

function optionCount(question: Question): number {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return question.choices.length
    case 'order':
      return question.items.length
    case 'match':
      return question.sources.length * 1000 + question.targets.length
    case 'text':
      return question.accepted.length
    default:
      return 0
  }
}

/** Encode a learner's state for a course, within `limit` characters when possible. */
export function encodeState(index: CourseIndex, state: State, options?: EncodeOptions | null): Encoded {
  const limit = options?.limit ?? Infinity
  const print = fingerprint(index)
  let value = ''
  for (const level of [0, 1, 2] as const) {
    value = encodeAt(index, state, print, level)
    if (value.length <= limit) return {value, lossy: level > 0}
  }
  return {value, lossy: true}
}

function encodeAt(index: CourseIndex, state: State, print: string, level: Level): string {
  const bits = createBitWriter()
  const texts: string[] = []
  bits.bounded(state.page, index.pages.length)
  for (let page = 0; page < index.pages.length; page++) bits.bit(state.visited[page] === true)

  for (const item of index.stateful) {
    if (item.kind === 'question') {
      const {question, quiz} = item.entry
      const answer = state.questions.get(question.id)
      const max = Math.max(1, quiz.attempts)
      bits.bounded(answer ? Math.min(answer.attempts, max) : 0, max)
      if (answer) writeResponse(bits, texts, question, answer.response, level)
    } else if (item.kind === 'scenario') {
      const path = state.scenarios.get(item.scenario.id) ?? []
      const {steps} = walkScenario(item.scenario, path)
      bits.unsigned(steps.length - 1)
      for (let taken = 0; taken < steps.length - 1; taken++) {
        bits.bounded(path[taken] ?? 0, Math.max(0, (steps[taken]?.choices.length ?? 1) - 1))
      }
    } else {
      const text = level > 0 ? undefined : state.reflections.get(item.reflection.id)
      bits.bit(text !== undefined)
      if (text !== undefined) texts.push(text)
    }
  }

  return VERSION + '.' + print + '.' + bits.toString() + (texts.length > 0 ? '.' + JSON.stringify(texts) : '')
}

function writeResponse(bits: BitWriter, texts: string[], question: Question, response: Response, level: Level): void {
  switch (question.type) {
    case 'single':
      bits.bounded(response.type === 'single' ? response.choice : 0, question.choices.length - 1)
      return
    case 'multiple': {
      const chosen = new Set(response.type === 'multiple' ? response.choices : [])
      for (let choice = 0; choice < question.choices.length; choice++) bits.bit(chosen.has(choice))
      return
    }
    case 'true-false':
      bits.bit(response.type === 'true-false' && response.value)
      return
    case 'order': {
      const count = question.items.length
      const order = response.type === 'order' && isPermutation(response.order, count) ? response.order : range(count)
      // Lehmer code: position i holds the rank of its item among the items not placed yet.
      const left = range(count)
      order.forEach((item, position) => {
        const rank = left.indexOf(item)
        left.splice(rank, 1)
        bits.bounded(rank, count - 1 - position)
      })
      return
    }
    case 'match': {
      const targets = response.type === 'match' ? response.targets : []
      for (let source = 0; source < question.sources.length; source++) {
        const target = targets[source] ?? -1
        bits.bounded(target >= 0 && target < question.targets.length ? target + 1 : 0, question.targets.length)
      }
      return
    }
    case 'text': {
      const text = response.type === 'text' ? response.text : ''
      const max = Math.max(0, question.accepted.length - 1)
      const verbatim = question.accepted.indexOf(text)
      const normalized = normalizeText(text)
      const equivalent = question.accepted.findIndex((accepted) => normalizeText(accepted) === normalized)
      if (text === '') {
        bits.bounded(TEXT_NONE, 3)
      } else if (verbatim !== -1) {
        bits.bounded(TEXT_ACCEPTED, 3)
        bits.bounded(verbatim, max)
      } else if (level < 2) {
        bits.bounded(TEXT_LITERAL, 3)
        texts.push(text)
      } else if (equivalent !== -1 && normalized !== '') {
        bits.bounded(TEXT_EQUIVALENT, 3)
        bits.bounded(equivalent, max)
      } else {
        bits.bounded(TEXT_NONE, 3)
      }
      return
    }
    case 'numeric': {
      const text = response.type === 'numeric' ? response.text : ''
      if (text === String(question.answer)) {
        bits.bounded(NUMBER_EXACT, 3)
      } else if (text.length <= MAX_PACKED && [...text].every((character) => numberCharacters.includes(character))) {
        bits.bounded(NUMBER_PACKED, 3)
        for (const character of text) bits.bounded(numberCharacters.indexOf(character), NUMBER_END)
        bits.bounded(NUMBER_END, NUMBER_END)
      } else {
        bits.bounded(NUMBER_LITERAL, 3)
        texts.push(text)
      }
      return
    }
  }
}

/**
 * Decode suspend data written by `encodeState` for the same course.
 * Returns `undefined` for empty, foreign, damaged data or data of another course version.
 */
export function decodeState(index: CourseIndex, value: string): State | undefined {
  const parts = /^([a-z0-9]+)\.([a-z0-9]+)\.([A-Za-z0-9_-]*)(?:\.(.*))?$/s.exec(value)
  if (!parts || parts[1] !== VERSION || parts[2] !== fingerprint(index)) return undefined
  const bits = createBitReader(parts[3] ?? '')
  if (!bits) return undefined
  let texts: unknown = []
  try {
    if (parts[4] !== undefined) texts = JSON.parse(parts[4])
  } catch {
    return undefined
  }
  if (!Array.isArray(texts) || !texts.every((text) => typeof text === 'string')) return undefined
  const queue = [...(texts as string[])]
  const take = (): string | undefined => queue.shift()

  const page = bits.bounded(index.pages.length)
  if (page > index.pages.length) return undefined
  const visited = index.pages.map(() => bits.bit())
  const questions = new Map<string, QuestionState>()
  const scenarios = new Map<string, ReadonlyArray<number>>()
  const reflections = new Map<string, string>()

  for (const item of index.stateful) {
    if (item.kind === 'question') {
      const {question, quiz} = item.entry
      const attempts = bits.bounded(Math.max(1, quiz.attempts))
      if (attempts === 0) continue
      const response = readResponse(bits, take, question)
      if (!response) return undefined
      questions.set(question.id, {attempts, response})
    } else if (item.kind === 'scenario') {
      const length = bits.unsigned()
      if (length > 10_000) return undefined
      const path: number[] = []
      let step = item.scenario.steps[0]
      const byId = new Map(item.scenario.steps.map((entry) => [entry.id, entry]))
      for (let taken = 0; taken < length; taken++) {
        if (!step) return undefined
        const choice = bits.bounded(Math.max(0, step.choices.length - 1))
        const next = step.choices[choice]
        if (!next) return undefined
        path.push(choice)
        step = byId.get(next.next)
      }
      if (path.length > 0) scenarios.set(item.scenario.id, path)
    } else if (bits.bit()) {
      const text = take()
      if (text === undefined) return undefined
      if (text) reflections.set(item.reflection.id, text)
    }
  }

  if (queue.length > 0) return undefined
  return {page, visited, questions, scenarios, reflections}
}

function readResponse(bits: BitReader, take: () => string | undefined, question: Question): Response | undefined {
  switch (question.type) {
    case 'single': {
      const choice = bits.bounded(question.choices.length - 1)
      return choice < question.choices.length ? {type: 'single', choice} : undefined
    }
    case 'multiple': {
      const choices: number[] = []
      for (let choice = 0; choice < question.choices.length; choice++) if (bits.bit()) choices.push(choice)
      return {type: 'multiple', choices}
    }
    case 'true-false':
      return {type: 'true-false', value: bits.bit()}
    case 'order': {
      const count = question.items.length
      const left = range(count)
      const order: number[] = []
      for (let position = 0; position < count; position++) {
        const rank = bits.bounded(count - 1 - position)
        const item = left[rank]
        if (item === undefined) return undefined
        left.splice(rank, 1)
        order.push(item)
      }
      return {type: 'order', order}
    }
    case 'match': {
      const targets: number[] = []
      for (let source = 0; source < question.sources.length; source++) {
        const target = bits.bounded(question.targets.length)
        if (target > question.targets.length) return undefined
        targets.push(target - 1)
      }
      return {type: 'match', targets}
    }
    case 'text': {
      const mode = bits.bounded(3)
      if (mode === TEXT_NONE) return {type: 'text', text: ''}
      if (mode === TEXT_LITERAL) {
        const text = take()
        return text === undefined ? undefined : {type: 'text', text}
      }
      const accepted = question.accepted[bits.bounded(Math.max(0, question.accepted.length - 1))]
      return accepted === undefined ? undefined : {type: 'text', text: accepted}
    }
    case 'numeric': {
      const mode = bits.bounded(3)
      if (mode === NUMBER_EXACT) return {type: 'numeric', text: String(question.answer)}
      if (mode === NUMBER_PACKED) {
        let text = ''
        for (let code = bits.bounded(NUMBER_END); code !== NUMBER_END; code = bits.bounded(NUMBER_END)) {
          if (text.length >= MAX_PACKED) return undefined
          text += numberCharacters.charAt(code)
        }
        return {type: 'numeric', text}
      }
      const text = mode === NUMBER_LITERAL ? take() : undefined
      return text === undefined ? undefined : {type: 'numeric', text}
    }
  }
}

function range(count: number): number[] {
  return Array.from({length: count}, (_, index) => index)
}

function isPermutation(order: ReadonlyArray<number>, count: number): boolean {
  return order.length === count && new Set(order).size === count && order.every((item) => item >= 0 && item < count)
}
