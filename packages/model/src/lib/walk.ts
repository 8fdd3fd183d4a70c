import type {Block, Course, Module, Page, Question, QuizBlock, ScenarioBlock} from './types.js'

/** Every page of the course, in reading order, with its module. */
export function pagesOf(course: Course): Array<{readonly module: Module; readonly page: Page}> {
  return course.modules.flatMap((module) => module.pages.map((page) => ({module, page})))
}

/** Every block of the course, in reading order. */
export function blocksOf(course: Course): Array<{readonly module: Module; readonly page: Page; readonly block: Block}> {
  return pagesOf(course).flatMap(({module, page}) => page.blocks.map((block) => ({module, page, block})))
}

/** Every question of the course, in reading order, with its quiz. */
export function questionsOf(course: Course): Array<{readonly module: Module; readonly quiz: QuizBlock; readonly question: Question}> {
  return blocksOf(course).flatMap(({module, block}) =>
    block.type === 'quiz' ? block.questions.map((question) => ({module, quiz: block, question})) : []
  )
}

/** Something the learner is scored on: a question, or a scenario with an outcome. */
export type Assessment =
  | {readonly kind: 'question'; readonly id: string; readonly outcome: string; readonly points: number; readonly module: Module; readonly question: Question}
  | {readonly kind: 'scenario'; readonly id: string; readonly outcome: string; readonly points: number; readonly module: Module; readonly scenario: ScenarioBlock}

/** Every scored item of the course, in reading order. */
export function assessmentsOf(course: Course): Assessment[] {
  const result: Assessment[] = []
  for (const {module, block} of blocksOf(course)) {
    if (block.type === 'quiz') {
      for (const question of block.questions) {
        result.push({kind: 'question', id: question.id, outcome: question.outcome, points: question.points, module, question})
      }
    } else if (block.type === 'scenario' && block.outcome !== undefined) {
      result.push({kind: 'scenario', id: block.id, outcome: block.outcome, points: block.points, module, scenario: block})
    }
  }
  return result
}

/** The course as learners get it: trainer notes removed. */
export function forLearners(course: Course): Course {
  return {
    ...course,
    modules: course.modules.map((module) => ({
      ...module,
      pages: module.pages.map((page) => ({...page, blocks: page.blocks.filter((block) => block.type !== 'trainer')}))
    }))
  }
}
