import type {Assessment, Block, Course, Module, Page, Question, QuizBlock, ReflectionBlock, ScenarioBlock} from '@coursemark/model'
import {assessmentsOf, pagesOf} from '@coursemark/model'

/** A page of the course with where it sits. */
export interface PageEntry {
  readonly module: Module
  readonly moduleIndex: number
  readonly page: Page
}

/** A question with the quiz that holds it and the page it is on. */
export interface QuestionEntry {
  readonly question: Question
  readonly quiz: QuizBlock
  readonly pageIndex: number
}

/** Everything the learner can leave state in, in course order. */
export type StatefulBlock =
  | {readonly kind: 'question'; readonly entry: QuestionEntry}
  | {readonly kind: 'scenario'; readonly scenario: ScenarioBlock; readonly pageIndex: number}
  | {readonly kind: 'reflection'; readonly reflection: ReflectionBlock; readonly pageIndex: number}

/** Lookups over a course the runtime needs again and again (computed once, read only). */
export interface CourseIndex {
  readonly course: Course
  /** Every page in reading order; the results view is index `pages.length`. */
  readonly pages: ReadonlyArray<PageEntry>
  readonly questions: ReadonlyArray<QuestionEntry>
  readonly questionById: ReadonlyMap<string, QuestionEntry>
  readonly scenarioById: ReadonlyMap<string, ScenarioBlock>
  /** Questions and scored scenarios, in reading order. */
  readonly assessments: ReadonlyArray<Assessment>
  /** Questions, scenarios and reflections in reading order (the order of the suspend data). */
  readonly stateful: ReadonlyArray<StatefulBlock>
  /** Page index of every question, scenario and reflection id. */
  readonly pageOf: ReadonlyMap<string, number>
}

/** Index a learner course once. */
export function indexCourse(course: Course): CourseIndex {
  const moduleIndex = new Map<Module, number>(course.modules.map((module, index) => [module, index]))
  const pages = pagesOf(course).map(({module, page}) => ({module, moduleIndex: moduleIndex.get(module) ?? 0, page}))
  const questions: QuestionEntry[] = []
  const stateful: StatefulBlock[] = []
  const scenarioById = new Map<string, ScenarioBlock>()
  const pageOf = new Map<string, number>()

  pages.forEach(({page}, pageIndex) => {
    for (const block of page.blocks) collect(block, pageIndex)
  })

  function collect(block: Block, pageIndex: number): void {
    if (block.type === 'quiz') {
      for (const question of block.questions) {
        const entry = {question, quiz: block, pageIndex}
        questions.push(entry)
        stateful.push({kind: 'question', entry})
        pageOf.set(question.id, pageIndex)
      }
    } else if (block.type === 'scenario') {
      scenarioById.set(block.id, block)
      stateful.push({kind: 'scenario', scenario: block, pageIndex})
      pageOf.set(block.id, pageIndex)
    } else if (block.type === 'reflection') {
      stateful.push({kind: 'reflection', reflection: block, pageIndex})
      pageOf.set(block.id, pageIndex)
    }
  }

  return {
    course,
    pages,
    questions,
    questionById: new Map(questions.map((entry) => [entry.question.id, entry])),
    scenarioById,
    assessments: assessmentsOf(course),
    stateful,
    pageOf
  }
}
