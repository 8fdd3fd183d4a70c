// Course fixtures for the runtime tests: the hand-written course, and a generated large one.
import fs from 'node:fs'
import type {Block, Course, Module, Question, QuizBlock} from '@coursemark/model'

const source = {path: 'generated.md'}

/** The hand-written course: every question type, a scored scenario, a reflection, an activity. */
export function fixtureCourse(): Course {
  return JSON.parse(fs.readFileSync(new URL('fixtures/course.json', import.meta.url), 'utf8')) as Course
}

function choices(count: number, correct: ReadonlyArray<number>) {
  return Array.from({length: count}, (_, index) => ({
    id: String.fromCharCode(97 + index),
    html: 'Option ' + index,
    text: 'Option ' + index,
    correct: correct.includes(index)
  }))
}

function items(count: number, prefix: string) {
  return Array.from({length: count}, (_, index) => ({id: prefix === 't' ? String(index + 1) : String.fromCharCode(97 + index), html: prefix + index, text: prefix + index}))
}

/** A question of the `n`th kind in a fixed rotation of every type. */
export function generatedQuestion(n: number, outcome: string): Question {
  const base = {id: 'q' + n, outcome, points: 1 + (n % 3), prompt: '<p>Question ' + n + '</p>', promptText: 'Question ' + n, source}
  switch (n % 7) {
    case 0:
      return {...base, type: 'single', choices: choices(4, [n % 4])}
    case 1:
      return {...base, type: 'multiple', choices: choices(5, [0, 2])}
    case 2:
      return {...base, type: 'true-false', answer: n % 2 === 0}
    case 3:
      return {...base, type: 'order', items: items(5, 'i')}
    case 4:
      return {...base, type: 'match', headers: ['Left', 'Right'], sources: items(4, 's'), targets: items(4, 't')}
    case 5:
      return {...base, type: 'text', accepted: ['mail procedure', 'post procedure']}
    default:
      return {...base, type: 'numeric', answer: 7 + n, tolerance: 1}
  }
}

/** A course of `questions` questions: 10 per quiz, one quiz per page, 10 pages per module; a scenario and a reflection per module. */
export function largeCourse(questions: number): Course {
  const modules: Module[] = []
  let made = 0
  for (let moduleIndex = 0; made < questions; moduleIndex++) {
    const pages = []
    for (let pageIndex = 0; pageIndex < 10 && made < questions; pageIndex++) {
      const quizQuestions: Question[] = []
      for (let index = 0; index < 10 && made < questions; index++) quizQuestions.push(generatedQuestion(made++, 'LO' + (moduleIndex % 3 + 1)))
      const quiz: QuizBlock = {type: 'quiz', id: 'quiz-' + moduleIndex + '-' + pageIndex, attempts: 3, questions: quizQuestions, source}
      const blocks: Block[] = [{type: 'html', html: '<p>Page</p>'}, quiz]
      if (pageIndex === 0) {
        blocks.push({type: 'reflection', id: 'reflect-' + moduleIndex, html: '<p>Think.</p>', source})
        blocks.push({
          type: 'scenario', id: 'scenario-' + moduleIndex, outcome: 'LO1', points: 2, source, steps: [
            {id: 'start', html: '<p>Start</p>', source, choices: [
              {id: 'a', html: 'A', text: 'A', next: 'middle'},
              {id: 'b', html: 'B', text: 'B', next: 'bad'}
            ]},
            {id: 'middle', html: '<p>Middle</p>', source, choices: [
              {id: 'a', html: 'A', text: 'A', next: 'good'},
              {id: 'b', html: 'B', text: 'B', next: 'start'}
            ]},
            {id: 'good', html: '<p>Good</p>', result: 'good', choices: [], source},
            {id: 'bad', html: '<p>Bad</p>', result: 'poor', choices: [], source}
          ]
        })
      }
      pages.push({type: 'page' as const, id: 'm' + moduleIndex + '.p' + pageIndex, title: 'Page ' + pageIndex, blocks, source})
    }
    modules.push({type: 'module', id: 'm' + moduleIndex, title: 'Module ' + moduleIndex, outcomes: ['LO' + (moduleIndex % 3 + 1)], pages, source})
  }
  return {
    type: 'course',
    modelVersion: 1,
    id: 'https://example.org/courses/large',
    slug: 'large',
    title: 'Large course',
    version: '1.0.0',
    language: 'en',
    description: 'Generated.',
    keywords: [],
    authors: [],
    mastery: 0.8,
    completion: 'pages',
    theme: 'default',
    outcomes: ['LO1', 'LO2', 'LO3'].map((id) => ({id, statement: 'Outcome ' + id, bloom: 'apply' as const, domain: 'skills' as const, eqf: 4, source})),
    modules,
    glossary: [],
    media: [],
    translations: []
  }
}
