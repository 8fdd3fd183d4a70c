import type {BlockContent, DefinitionContent, List, ListItem, RootContent, Table} from 'mdast'
import type {ContainerDirective} from 'mdast-util-directive'
import {quoteList, report, rules} from '@coursemark/diagnostics'
import type {Choice, OrderItem, Question, QuestionType, QuizBlock} from '@coursemark/model'
import {attributePlace, checkAttributes, declareId, pathOf, reportAt, sourceOf, vfileOf, type Context} from '../context.js'
import {contentToHtml, plainText} from '../html.js'
import {suggest} from '@coursemark/diagnostics'

const questionTypes: ReadonlyArray<QuestionType> = ['single', 'multiple', 'true-false', 'order', 'match', 'text', 'numeric']

/** Turn a `:::quiz` container into a quiz block. */
export function quiz(context: Context, modulePath: string, node: ContainerDirective): QuizBlock | undefined {
  const attributes = checkAttributes(context, modulePath, node, 'quiz')
  if (attributes) declareId(context, modulePath, node, 'quiz', String(attributes['id']))
  const questions: Question[] = []
  for (const child of node.children) {
    if (child.type === 'containerDirective' && child.name === 'question') {
      const result = question(context, modulePath, child)
      if (result) questions.push(result)
    } else if (child.type === 'containerDirective' && suggest(child.name, ['question']) === 'question') {
      reportAt(context, modulePath, child, rules.unknownDirective, 'Unexpected unknown directive `' + child.name + '`, did you mean `question`?', {actual: child.name, expected: ['question']})
    } else if (child.type === 'containerDirective' || child.type === 'leafDirective') {
      reportAt(context, modulePath, child, rules.misplacedDirective, 'Unexpected `' + child.name + '` in a quiz, expected only `::::question` blocks')
    } else if (child.type !== 'paragraph' || child.children.length > 0) {
      reportAt(context, modulePath, child, rules.misplacedDirective, 'Unexpected content in a quiz, expected only `::::question` blocks (put text in the question or before the quiz)')
    }
  }
  if (!attributes) return undefined
  const id = String(attributes['id'])
  if (node.children.every((child) => !(child.type === 'containerDirective' && child.name === 'question'))) {
    reportAt(context, modulePath, node, rules.emptyQuiz, 'Unexpected quiz `' + id + '` without questions, expected at least one `::::question`')
    return undefined
  }
  return {
    type: 'quiz',
    id,
    title: attributes['title'] === undefined ? undefined : String(attributes['title']),
    attempts: Number(attributes['attempts'] ?? 1),
    questions,
    source: sourceOf(node, modulePath)
  }
}

/** Turn a `::::question` container into a question. */
export function question(context: Context, modulePath: string, node: ContainerDirective): Question | undefined {
  const rawType = node.attributes?.['type']
  if (typeof rawType === 'string' && !(questionTypes as ReadonlyArray<string>).includes(rawType)) {
    const best = suggest(rawType, questionTypes)
    const path = pathOf(node, modulePath)
    report(vfileOf(context, path), attributePlace(context, path, node, 'type'), rules.unknownQuestionType,
      'Unexpected question type `' + rawType + '`' + (best ? ', did you mean `' + best + '`? Expected' : ', expected') + ' one of ' + quoteList(questionTypes),
      {actual: rawType, expected: questionTypes})
    const {type: _ignored, ...rest} = node.attributes ?? {}
    const others = checkAttributes(context, modulePath, {...node, attributes: {...rest, type: 'single'}}, 'question')
    // The question still assesses its outcome: do not add a misleading outcome-not-assessed.
    if (others) context.outcomeRefs.push({id: String(others['outcome']), file: path, place: attributePlace(context, path, node, 'outcome'), taught: false})
    return undefined
  }
  const attributes = checkAttributes(context, modulePath, node, 'question')
  if (!attributes) return undefined
  const id = String(attributes['id'])
  const type = attributes['type'] as QuestionType
  const outcome = String(attributes['outcome'])
  declareId(context, modulePath, node, 'question', id)
  context.outcomeRefs.push({id: outcome, file: pathOf(node, modulePath), place: attributePlace(context, pathOf(node, modulePath), node, 'outcome'), taught: false})

  const children = node.children.filter((child) => !(child.type === 'paragraph' && child.children.length === 0))
  const answerIndex = children.findIndex((child) => (type === 'match' ? child.type === 'table' : child.type === 'list'))
  const usesAnswerPart = type !== 'true-false' && type !== 'numeric'
  const stemEnd = usesAnswerPart ? (answerIndex < 0 ? children.length : answerIndex) : children.length
  let stem = children.slice(0, stemEnd)
  let after = usesAnswerPart && answerIndex >= 0 ? children.slice(answerIndex + 1) : []
  if (!usesAnswerPart) {
    // The explanation is the trailing quote.
    let split = stem.length
    while (split > 0 && stem[split - 1]!.type === 'blockquote') split--
    after = stem.slice(split)
    stem = stem.slice(0, split)
  }
  const feedbackNodes = after.filter((child) => child.type === 'blockquote').flatMap((quote) => (quote.type === 'blockquote' ? quote.children : []))
  for (const extra of after.filter((child) => child.type !== 'blockquote')) {
    reportAt(context, modulePath, extra, rules.malformedQuestion, 'Unexpected content after the answers of question `' + id + '`, expected only a `>` explanation there')
  }
  if (stem.length === 0) {
    reportAt(context, modulePath, node, rules.malformedQuestion, 'Unexpected question `' + id + '` without text, expected the question before its answers')
  }
  const promptText = plainText(stem)
  const base = {
    id,
    outcome,
    points: Number(attributes['points'] ?? 1),
    prompt: contentToHtml(context, modulePath, stem),
    promptText,
    feedback: feedbackNodes.length > 0 ? contentToHtml(context, modulePath, feedbackNodes) : undefined,
    source: sourceOf(node, modulePath)
  }
  const answer = answerIndex >= 0 ? children[answerIndex] : undefined
  const fail = (reason: string, rule = rules.malformedQuestion): undefined => {
    reportAt(context, modulePath, answer ?? node, rule, reason)
    return undefined
  }

  switch (type) {
    case 'single':
    case 'multiple': {
      if (!answer || answer.type !== 'list') return fail('Unexpected ' + type + ' question `' + id + '` without options, expected a task list (`- [ ] wrong`, `- [x] right`)')
      if (answer.children.some((item) => item.checked === null || item.checked === undefined)) {
        return fail('Unexpected option without a checkbox in question `' + id + '`, expected every option as `- [ ]` or `- [x]`')
      }
      if (answer.children.length < 2) return fail('Unexpected ' + type + ' question `' + id + '` with one option, expected at least two')
      const choices = answer.children.map((item, index) => choice(context, modulePath, item, index))
      const correct = choices.filter((option) => option.correct).length
      if (correct === 0) return fail('Unexpected question `' + id + '` without a correct answer, expected one option marked `[x]`', rules.noCorrectAnswer)
      if (type === 'single' && correct > 1) return fail('Unexpected ' + correct + ' correct options in single-choice question `' + id + '`, expected exactly one (or use `type=multiple`)')
      return {...base, type, choices}
    }
    case 'true-false': {
      const value = attributes['answer']
      if (value === undefined) return fail('Unexpected true-false question `' + id + '` without `answer`, expected `answer=true` or `answer=false`', rules.noCorrectAnswer)
      const text = String(value).toLowerCase()
      if (text !== 'true' && text !== 'false') {
        reportAt(context, modulePath, node, rules.invalidAttribute, 'Unexpected value for `answer` on `question`, expected `true` or `false`')
        return undefined
      }
      return {...base, type, answer: text === 'true'}
    }
    case 'order': {
      if (!answer || answer.type !== 'list' || !answer.ordered) return fail('Unexpected order question `' + id + '` without a numbered list, expected `1. first`, `2. second`, … in the right order')
      if (answer.children.length < 2) return fail('Unexpected order question `' + id + '` with one item, expected at least two')
      return {...base, type, items: answer.children.map((item, index) => orderItem(context, modulePath, item.children, letter(index)))}
    }
    case 'match': {
      if (!answer || answer.type !== 'table') return fail('Unexpected match question `' + id + '` without a table, expected a two-column table of correct pairs')
      const table = answer as Table
      const [head, ...rows] = table.children
      if (!head || head.children.length !== 2 || rows.some((row) => row.children.length !== 2)) return fail('Unexpected table in match question `' + id + '`, expected exactly two columns')
      if (rows.length < 2) return fail('Unexpected match question `' + id + '` with one pair, expected at least two rows')
      if (rows.some((row) => row.children.some((cell) => plainText(cell.children as RootContent[]) === ''))) return fail('Unexpected empty cell in match question `' + id + '`, expected text on both sides of every pair')
      return {
        ...base,
        type,
        headers: [plainText(head.children[0]!.children as RootContent[]), plainText(head.children[1]!.children as RootContent[])],
        sources: rows.map((row, index) => orderItem(context, modulePath, [{type: 'paragraph', children: row.children[0]!.children}], letter(index))),
        targets: rows.map((row, index) => orderItem(context, modulePath, [{type: 'paragraph', children: row.children[1]!.children}], String(index + 1)))
      }
    }
    case 'text': {
      if (!answer || answer.type !== 'list') return fail('Unexpected text question `' + id + '` without accepted answers, expected `- [x] answer` items', rules.noCorrectAnswer)
      const accepted = (answer as List).children.filter((item) => item.checked === true).map((item) => plainText(item.children))
      if (accepted.length === 0 || accepted.some((value) => value === '')) return fail('Unexpected text question `' + id + '` without an accepted answer, expected at least one `- [x] answer`', rules.noCorrectAnswer)
      return {...base, type, accepted}
    }
    case 'numeric': {
      const value = attributes['answer']
      if (value === undefined) return fail('Unexpected numeric question `' + id + '` without `answer`, expected e.g. `answer=42`', rules.noCorrectAnswer)
      const number = Number(value)
      if (typeof value === 'boolean' || !Number.isFinite(number) || String(value).trim() === '') {
        reportAt(context, modulePath, node, rules.invalidAttribute, 'Unexpected value for `answer` on `question`, expected a number')
        return undefined
      }
      return {...base, type, answer: number, tolerance: Number(attributes['tolerance'] ?? 0)}
    }
  }
}

function choice(context: Context, modulePath: string, item: ListItem, index: number): Choice {
  const content = item.children.filter((child) => child.type !== 'blockquote')
  const feedback = item.children.filter((child) => child.type === 'blockquote').flatMap((quote) => (quote.type === 'blockquote' ? quote.children : []))
  const text = plainText(content)
  return {
    id: letter(index),
    html: contentToHtml(context, modulePath, unwrap(content)),
    text,
    correct: item.checked === true,
    feedback: feedback.length > 0 ? contentToHtml(context, modulePath, feedback) : undefined
  }
}

function orderItem(context: Context, modulePath: string, content: ReadonlyArray<BlockContent | DefinitionContent>, id: string): OrderItem {
  const text = plainText(content)
  return {id, html: contentToHtml(context, modulePath, unwrap(content)), text}
}

/** A single paragraph renders as its inline content (no `<p>` inside a label). */
function unwrap(content: ReadonlyArray<BlockContent | DefinitionContent>): RootContent[] {
  if (content.length === 1 && content[0]!.type === 'paragraph') return [...content[0]!.children]
  return [...content]
}

/** `a`, `b`, … `z`, `ba`, `bb`, … : short, stable ids in source order. */
export function letter(index: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz'
  let value = index
  let out = ''
  do {
    out = alphabet[value % 26] + out
    value = Math.floor(value / 26)
  } while (value > 0)
  return out
}
