import {createHash} from 'node:crypto'
import {VFile} from 'vfile'
import {report, rules} from '@coursemark/diagnostics'
import type {Block, Course, Module, Question, SourceRef} from '@coursemark/model'
import {compileCourse, type CompileOptions, type CompileResult, type CourseInput} from './compile.js'

/** Short hash of a source file's text, as kept in a translation's `sourceHash`. */
export function sourceHash(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n?/g, '\n')).digest('hex').slice(0, 12)
}

/** The source course a translation belongs to. */
export interface TranslationSource {
  readonly input: CourseInput
  readonly course: Course
}

/**
 * Compile a translation (the files of `translations/<language>/`, with the source's media) and
 * check it against its source: same outcomes, modules, pages, questions, options, correct answers
 * and scenario steps. Page ids are taken from the source, so tracking survives a change of language.
 */
export function compileTranslation(source: TranslationSource, language: string, input: CourseInput, options?: CompileOptions | null): CompileResult {
  const result = compileCourse(input, options)
  const files = new Map(result.files.map((file) => [String(file.path), file]))
  const at = (ref: SourceRef | undefined, rule: (typeof rules)[keyof typeof rules], reason: string): void => {
    const path = ref?.path ?? 'course.yaml'
    let file = files.get(path)
    if (!file) {
      file = new VFile({path, value: input.files.get(path) ?? ''})
      files.set(path, file)
    }
    report(file, ref?.start ? {line: ref.start.line, column: ref.start.column} : {line: 1, column: 1}, rule, reason)
  }
  const course = result.course
  if (course) {
    const manifest: SourceRef = {path: input.manifest ?? 'course.yaml', start: {line: 1, column: 1}}
    if (course.language !== language) at(manifest, rules.translationMismatch, 'Unexpected language `' + course.language + '` in `translations/' + language + '/`, expected `' + language + '`')
    if (!course.translation) {
      at(manifest, rules.translationMismatch, 'Unexpected translation without `translation:`, expected `translation: {source: ' + source.course.language + ', status: draft, sourceHash: ' + sourceHash(source.input.files.get('course.yaml') ?? '') + '}`')
    } else {
      if (course.translation.sourceLanguage !== source.course.language) {
        at(manifest, rules.translationMismatch, 'Unexpected source language `' + course.translation.sourceLanguage + '`, expected `' + source.course.language + '`')
      }
      const expected = sourceHash(source.input.files.get(source.input.manifest ?? 'course.yaml') ?? '')
      if (course.translation.sourceHash !== expected) {
        at(hashPlace(input, manifest.path) ?? manifest, rules.translationOutdated, 'Unexpected `sourceHash` ' + (course.translation.sourceHash ? '`' + course.translation.sourceHash + '`' : '(missing)') + ' in the translated course.yaml: the source course.yaml has changed, expected `' + expected + '` once the translation is updated')
      }
    }
    compareCourses(source, course, input, at)
  }
  const messages = [...files.values()].sort((a, b) => String(a.path).localeCompare(String(b.path))).flatMap((file) => file.messages)
  if (options?.strict) for (const message of messages) message.fatal = true
  const ok = !messages.some((message) => message.fatal === true)
  return {course: ok && course ? withSourcePageIds(course, source.course) : undefined, ok, messages, files: [...files.values()]}
}

type Report = (ref: SourceRef | undefined, rule: (typeof rules)[keyof typeof rules], reason: string) => void

function compareCourses(source: TranslationSource, translation: Course, input: CourseInput, at: Report): void {
  const original = source.course
  const manifest: SourceRef = {path: 'course.yaml', start: {line: 1, column: 1}}
  same(manifest, 'outcomes', original.outcomes.map((o) => o.id + ' ' + o.bloom + ' ' + o.domain + ' ' + o.eqf), translation.outcomes.map((o) => o.id + ' ' + o.bloom + ' ' + o.domain + ' ' + o.eqf), at)
  same(manifest, 'modules', original.modules.map((m) => m.id), translation.modules.map((m) => m.id), at)
  if (original.mastery !== translation.mastery) at(manifest, rules.translationMismatch, 'Unexpected `mastery` ' + translation.mastery + ', expected ' + original.mastery + ' as in the source')
  for (const module of translation.modules) {
    const counterpart = original.modules.find((m) => m.id === module.id)
    if (!counterpart) continue
    const path = counterpart.source.path
    const expectedHash = sourceHash(source.input.files.get(path) ?? '')
    if (module.sourceHash !== expectedHash) {
      at(hashPlace(input, module.source.path) ?? module.source, rules.translationOutdated, 'Unexpected `sourceHash` ' + (module.sourceHash ? '`' + module.sourceHash + '`' : '(missing)') + ': the source `' + path + '` has changed, expected `' + expectedHash + '` once the translation is updated')
    }
    same(module.source, 'outcomes of module `' + module.id + '`', counterpart.outcomes, module.outcomes, at)
    if (module.pages.length !== counterpart.pages.length) {
      at(module.source, rules.translationMismatch, 'Unexpected ' + module.pages.length + ' pages in module `' + module.id + '`, expected ' + counterpart.pages.length + ' as in the source (translate each `##` page, keep their number)')
      continue
    }
    module.pages.forEach((page, index) => {
      const other = counterpart.pages[index]!
      const mine = page.blocks.filter(isTracked)
      const theirs = other.blocks.filter(isTracked)
      if (mine.length !== theirs.length) {
        at(page.source, rules.translationMismatch, 'Unexpected ' + mine.length + ' quizzes, scenarios and reflections on page “' + page.title + '”, expected ' + theirs.length + ' as on the source page “' + other.title + '”')
        return
      }
      mine.forEach((block, position) => compareBlock(block, theirs[position]!, at))
    })
  }
}

function same(ref: SourceRef | undefined, what: string, expected: ReadonlyArray<string>, actual: ReadonlyArray<string>, at: Report): void {
  const length = Math.max(expected.length, actual.length)
  for (let index = 0; index < length; index++) {
    if (expected[index] !== actual[index]) {
      at(ref, rules.translationMismatch, 'Unexpected ' + what + ': `' + (actual[index] ?? 'nothing') + '`, expected `' + (expected[index] ?? 'nothing') + '` as in the source')
      return
    }
  }
}

type Tracked = Extract<Block, {type: 'quiz' | 'scenario' | 'reflection'}>

function isTracked(block: Block): block is Tracked {
  return block.type === 'quiz' || block.type === 'scenario' || block.type === 'reflection'
}

/** Compare what must not change in a translation: ids, types, answers and structure; never the text. */
function compareBlock(mine: Tracked, theirs: Tracked, at: Report): void {
  const where = 'source' in mine ? mine.source : undefined
  if (mine.type !== theirs.type || mine.id !== theirs.id) {
    at(where, rules.translationMismatch, 'Unexpected ' + mine.type + ' `' + mine.id + '`, expected ' + theirs.type + ' `' + theirs.id + '` as in the source')
    return
  }
  if (mine.type === 'quiz' && theirs.type === 'quiz') {
    if (mine.attempts !== theirs.attempts) at(mine.source, rules.translationMismatch, 'Unexpected `attempts=' + mine.attempts + '` on quiz `' + mine.id + '`, expected `attempts=' + theirs.attempts + '` as in the source')
    const length = Math.max(mine.questions.length, theirs.questions.length)
    for (let index = 0; index < length; index++) {
      const question = mine.questions[index]
      const original = theirs.questions[index]
      if (!question || !original) {
        at(question?.source ?? mine.source, rules.translationMismatch, 'Unexpected ' + mine.questions.length + ' questions in quiz `' + mine.id + '`, expected ' + theirs.questions.length + ' as in the source')
        return
      }
      const difference = questionDifference(question, original)
      if (difference) at(question.source, rules.translationMismatch, 'Unexpected change in question `' + question.id + '`: ' + difference + '; expected only its text to be translated')
    }
  } else if (mine.type === 'scenario' && theirs.type === 'scenario') {
    if (mine.outcome !== theirs.outcome || mine.points !== theirs.points) at(mine.source, rules.translationMismatch, 'Unexpected `outcome` or `points` on scenario `' + mine.id + '`, expected them as in the source')
    const steps = (block: typeof mine) => block.steps.map((step) => step.id + (step.result ? ' (' + step.result + ')' : '') + ' → ' + (step.choices.map((choice) => choice.next).join(', ') || 'end'))
    const a = steps(mine)
    const b = steps(theirs)
    const index = a.findIndex((step, position) => step !== b[position])
    if (index >= 0 || a.length !== b.length) {
      const step = mine.steps[index >= 0 ? index : a.length - 1]
      at(step?.source ?? mine.source, rules.translationMismatch, 'Unexpected step `' + (a[index] ?? 'nothing') + '` in scenario `' + mine.id + '`, expected `' + (b[index >= 0 ? index : a.length] ?? 'nothing') + '` as in the source (ids, results and links stay the same)')
    }
  }
}

/** In words, what differs between a translated question and its source, or `undefined`. */
function questionDifference(question: Question, original: Question): string | undefined {
  if (question.id !== original.id) return 'the id is `' + question.id + '`, the source has `' + original.id + '`'
  if (question.type !== original.type) return 'the type is `' + question.type + '`, the source has `' + original.type + '`'
  if (question.outcome !== original.outcome) return 'the outcome is `' + question.outcome + '`, the source has `' + original.outcome + '`'
  if (question.points !== original.points) return 'it gives ' + question.points + ' points, the source ' + original.points
  if ((question.type === 'single' || question.type === 'multiple') && (original.type === 'single' || original.type === 'multiple')) {
    if (question.choices.length !== original.choices.length) return 'it has ' + question.choices.length + ' options, the source ' + original.choices.length
    const index = question.choices.findIndex((choice, position) => choice.correct !== original.choices[position]!.correct)
    if (index >= 0) return 'option ' + (index + 1) + (question.choices[index]!.correct ? ' is marked `[x]`, but it is not correct in the source' : ' is not marked `[x]`, but it is correct in the source')
  }
  if (question.type === 'true-false' && original.type === 'true-false' && question.answer !== original.answer) return 'the answer is `' + question.answer + '`, the source has `' + original.answer + '`'
  if (question.type === 'order' && original.type === 'order' && question.items.length !== original.items.length) return 'it has ' + question.items.length + ' items, the source ' + original.items.length
  if (question.type === 'match' && original.type === 'match' && question.sources.length !== original.sources.length) return 'it has ' + question.sources.length + ' pairs, the source ' + original.sources.length
  if (question.type === 'numeric' && original.type === 'numeric' && (question.answer !== original.answer || question.tolerance !== original.tolerance)) return 'the answer is ' + question.answer + ' ± ' + question.tolerance + ', the source has ' + original.answer + ' ± ' + original.tolerance
  return undefined
}

/** The position of the `sourceHash:` value in a translated file, when it has one. */
function hashPlace(input: CourseInput, path: string): SourceRef | undefined {
  const lines = (input.files.get(path) ?? '').split(/\r?\n/)
  const index = lines.findIndex((line) => /^\s*sourceHash\s*:/.test(line))
  if (index < 0) return undefined
  const column = lines[index]!.indexOf(':') + 1
  const value = lines[index]!.slice(column).search(/\S/)
  return {path, start: {line: index + 1, column: column + 1 + Math.max(0, value)}}
}

function withSourcePageIds(course: Course, source: Course): Course {
  return {
    ...course,
    modules: course.modules.map((module: Module) => {
      const counterpart = source.modules.find((m) => m.id === module.id)
      return {...module, pages: module.pages.map((page, index) => ({...page, id: counterpart?.pages[index]?.id ?? page.id}))}
    })
  }
}
