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
        at(manifest, rules.translationOutdated, 'Unexpected `sourceHash` ' + (course.translation.sourceHash ? '`' + course.translation.sourceHash + '`' : '(missing)') + ' in the translated course.yaml: the source course.yaml has changed, expected `' + expected + '` once the translation is updated')
      }
    }
    compareCourses(source, course, at)
  }
  const messages = [...files.values()].sort((a, b) => String(a.path).localeCompare(String(b.path))).flatMap((file) => file.messages)
  if (options?.strict) for (const message of messages) message.fatal = true
  const ok = !messages.some((message) => message.fatal === true)
  return {course: ok && course ? withSourcePageIds(course, source.course) : undefined, ok, messages, files: [...files.values()]}
}

type Report = (ref: SourceRef | undefined, rule: (typeof rules)[keyof typeof rules], reason: string) => void

function compareCourses(source: TranslationSource, translation: Course, at: Report): void {
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
      at(module.source, rules.translationOutdated, 'Unexpected `sourceHash` ' + (module.sourceHash ? '`' + module.sourceHash + '`' : '(missing)') + ': the source `' + path + '` has changed, expected `' + expectedHash + '` once the translation is updated')
    }
    same(module.source, 'outcomes of module `' + module.id + '`', counterpart.outcomes, module.outcomes, at)
    if (module.pages.length !== counterpart.pages.length) {
      at(module.source, rules.translationMismatch, 'Unexpected ' + module.pages.length + ' pages in module `' + module.id + '`, expected ' + counterpart.pages.length + ' as in the source (translate each `##` page, keep their number)')
      continue
    }
    module.pages.forEach((page, index) => {
      const other = counterpart.pages[index]!
      same(page.source, 'blocks of page “' + page.title + '”', other.blocks.map(shape), page.blocks.map(shape), at)
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

/** What must not change in a translation: ids, types, answers and structure; never the text. */
function shape(block: Block): string {
  switch (block.type) {
    case 'quiz':
      return 'quiz ' + block.id + ' attempts=' + block.attempts + ' [' + block.questions.map(questionShape).join('; ') + ']'
    case 'scenario':
      return 'scenario ' + block.id + ' outcome=' + (block.outcome ?? '') + ' [' + block.steps.map((step) => step.id + (step.result ? '=' + step.result : '') + '→' + step.choices.map((choice) => choice.next).join(',')).join('; ') + ']'
    case 'reflection':
      return 'reflection ' + block.id
    default:
      return block.type
  }
}

function questionShape(question: Question): string {
  const head = question.id + ' ' + question.type + ' ' + question.outcome + ' ' + question.points
  switch (question.type) {
    case 'single':
    case 'multiple':
      return head + ' ' + question.choices.map((choice) => (choice.correct ? 'x' : 'o')).join('')
    case 'true-false':
      return head + ' ' + question.answer
    case 'order':
      return head + ' ' + question.items.length + ' items'
    case 'match':
      return head + ' ' + question.sources.length + ' pairs'
    case 'text':
      return head + ' accepted answers'
    case 'numeric':
      return head + ' ' + question.answer + '±' + question.tolerance
  }
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
