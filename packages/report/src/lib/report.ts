import type {Diagnostic} from '@coursemark/diagnostics'
import type {Block, Bloom, Course, EqfDomain, Module, QuestionType} from '@coursemark/model'
import {countWords, textOfHtml} from './words.js'

/** The numbers behind the duration estimates. All documented in docs/cli.md (“report”). */
export interface ReportAssumptions {
  /** Reading speed: adults reading in a second language (default 180 words a minute). */
  readonly wordsPerMinute: number
  /** Time to answer a question, on top of reading it (default 30 s). */
  readonly secondsPerQuestion: number
  /** Time to take in a picture (default 10 s). */
  readonly secondsPerImage: number
  /** Time to write a reflection (default 120 s). */
  readonly secondsPerReflection: number
  /** Time to decide at a scenario step with choices (default 20 s). */
  readonly secondsPerDecision: number
  /** Playing time assumed for a clip whose length cannot be read from its file or captions (default 120 s). */
  readonly defaultMediaSeconds: number
}

export const defaultAssumptions: ReportAssumptions = {
  wordsPerMinute: 180,
  secondsPerQuestion: 30,
  secondsPerImage: 10,
  secondsPerReflection: 120,
  secondsPerDecision: 20,
  defaultMediaSeconds: 120
}

/** One translation of the course, as checked by the compiler. */
export interface TranslationInput {
  readonly language: string
  /** Diagnostics of the translation, paths relative to the source course folder (`translations/<language>/…`). */
  readonly diagnostics: ReadonlyArray<Diagnostic>
  /** The compiled translation, when it has no errors. */
  readonly course?: Course | null | undefined
  /** Every text file present in the course folder, relative to it (to tell missing modules). */
  readonly files?: ReadonlySet<string> | ReadonlyArray<string> | null | undefined
}

/** What `createReport` needs. */
export interface ReportInput {
  /** The source course (trainer notes included; they do not count towards learner time). */
  readonly course: Course
  readonly translations?: ReadonlyArray<TranslationInput> | null | undefined
  /** Playing time of media files in seconds, by course path (see `mediaSeconds`). */
  readonly mediaSeconds?: ReadonlyMap<string, number> | null | undefined
  readonly assumptions?: Partial<ReportAssumptions> | null | undefined
}

export type TranslationState = 'ok' | 'outdated' | 'missing' | 'mismatch' | 'errors'

export interface AssessmentRef {
  readonly kind: 'question' | 'scenario'
  readonly id: string
  readonly type: QuestionType | 'scenario'
  readonly module: string
  /** The quiz of a question. */
  readonly quiz?: string | undefined
  readonly points: number
}

export interface MediaTime {
  readonly path: string
  readonly kind: 'video' | 'audio'
  readonly seconds: number
  /** `false` when the length could not be read and `defaultMediaSeconds` was assumed. */
  readonly measured: boolean
}

export interface ModuleReport {
  readonly id: string
  readonly title: string
  readonly file: string
  readonly outcomes: ReadonlyArray<string>
  readonly pages: number
  readonly words: number
  readonly images: number
  readonly media: ReadonlyArray<MediaTime>
  readonly questions: number
  readonly scenarios: number
  readonly reflections: number
  readonly activities: ReadonlyArray<{readonly title: string; readonly minutes?: number | undefined}>
  /** Estimated self-study minutes, one decimal. */
  readonly minutes: {readonly reading: number; readonly media: number; readonly practice: number; readonly total: number}
  /** Classroom minutes from the activities' `duration`. */
  readonly classroomMinutes: number
  /** The `duration` the author wrote in the front matter, if any. */
  readonly declaredMinutes?: number | undefined
}

/** `taught`: the module lists the outcome; `assessments`: ids of its questions and scenarios on it. */
export interface MatrixCell {
  readonly module: string
  readonly taught: boolean
  readonly assessments: ReadonlyArray<string>
}

export type Gap = 'not-taught' | 'not-assessed'

export interface OutcomeReport {
  readonly id: string
  readonly statement: string
  readonly bloom: Bloom
  readonly domain: EqfDomain
  readonly eqf: number
  readonly taughtBy: ReadonlyArray<string>
  readonly assessedBy: ReadonlyArray<AssessmentRef>
  /** One cell per module, in course order. */
  readonly cells: ReadonlyArray<MatrixCell>
  readonly gaps: ReadonlyArray<Gap>
  /** Modules that assess the outcome without teaching it (often fine, worth a look). */
  readonly assessedWithoutTeaching: ReadonlyArray<string>
}

export interface BloomRow {
  readonly level: Bloom
  readonly outcomes: number
  /** Questions and scored scenarios on outcomes of this level. */
  readonly assessments: number
  readonly points: number
}

export interface TranslationReport {
  readonly language: string
  readonly status: TranslationState
  /** `draft` or `reviewed`, from the translated course.yaml (when it compiled). */
  readonly review?: 'draft' | 'reviewed' | undefined
  readonly title?: string | undefined
  readonly errors: number
  readonly warnings: number
  readonly modules: ReadonlyArray<{readonly id: string; readonly file: string; readonly status: TranslationState}>
  /** The first problems, for a quick look (run `validate` for all). */
  readonly problems: ReadonlyArray<{readonly file: string; readonly line: number; readonly severity: 'error' | 'warning'; readonly rule: string; readonly message: string}>
}

export interface Report {
  readonly type: 'coursemark-report'
  readonly reportVersion: 1
  readonly course: {
    readonly slug: string
    readonly id: string
    readonly title: string
    readonly version: string
    readonly language: string
    readonly mastery: number
  }
  readonly assumptions: ReportAssumptions
  readonly modules: ReadonlyArray<ModuleReport>
  readonly outcomes: ReadonlyArray<OutcomeReport>
  readonly bloom: ReadonlyArray<BloomRow>
  /** Questions per type (plus `scenario` for scored scenarios). */
  readonly assessmentTypes: Readonly<Record<string, number>>
  readonly translations: ReadonlyArray<TranslationReport>
  readonly totals: {
    readonly minutes: number
    readonly classroomMinutes: number
    readonly words: number
    readonly pages: number
    readonly questions: number
    readonly scenarios: number
    readonly points: number
    readonly outcomes: number
    readonly gaps: number
  }
}

export const bloomLevels: ReadonlyArray<Bloom> = ['remember', 'understand', 'apply', 'analyse', 'evaluate', 'create']

/** The report of a course: pure, deterministic, plain JSON. */
export function createReport(input: ReportInput): Report {
  const course = input.course
  const assumptions: ReportAssumptions = {...defaultAssumptions, ...stripUndefined(input.assumptions ?? {})}
  const seconds = input.mediaSeconds ?? new Map<string, number>()
  const modules = course.modules.map((module) => moduleReport(module, assumptions, seconds))
  const assessments = course.modules.flatMap((module) => assessmentsIn(module))
  const outcomes = course.outcomes.map((outcome): OutcomeReport => {
    const taughtBy = course.modules.filter((module) => module.outcomes.includes(outcome.id)).map((module) => module.id)
    const assessedBy = assessments.filter((item) => item.outcome === outcome.id).map(({outcome: _, ...ref}) => ref)
    const cells = course.modules.map((module) => ({
      module: module.id,
      taught: module.outcomes.includes(outcome.id),
      assessments: assessedBy.filter((ref) => ref.module === module.id).map((ref) => ref.id)
    }))
    const gaps: Gap[] = []
    if (taughtBy.length === 0) gaps.push('not-taught')
    if (assessedBy.length === 0) gaps.push('not-assessed')
    return {
      id: outcome.id, statement: outcome.statement, bloom: outcome.bloom, domain: outcome.domain, eqf: outcome.eqf,
      taughtBy, assessedBy, cells, gaps,
      assessedWithoutTeaching: cells.filter((cell) => !cell.taught && cell.assessments.length > 0).map((cell) => cell.module)
    }
  })
  const bloom = bloomLevels.map((level): BloomRow => {
    const ids = new Set(course.outcomes.filter((outcome) => outcome.bloom === level).map((outcome) => outcome.id))
    const items = assessments.filter((item) => ids.has(item.outcome))
    return {level, outcomes: ids.size, assessments: items.length, points: items.reduce((sum, item) => sum + item.points, 0)}
  })
  const assessmentTypes: Record<string, number> = {}
  for (const item of assessments) assessmentTypes[item.type] = (assessmentTypes[item.type] ?? 0) + 1
  const translations = (input.translations ?? []).map((translation) => translationReport(course, translation))
  return {
    type: 'coursemark-report',
    reportVersion: 1,
    course: {slug: course.slug, id: course.id, title: course.title, version: course.version, language: course.language, mastery: course.mastery},
    assumptions,
    modules,
    outcomes,
    bloom,
    assessmentTypes: sortKeys(assessmentTypes),
    translations,
    totals: {
      minutes: round(modules.reduce((sum, module) => sum + module.minutes.total, 0)),
      classroomMinutes: modules.reduce((sum, module) => sum + module.classroomMinutes, 0),
      words: modules.reduce((sum, module) => sum + module.words, 0),
      pages: modules.reduce((sum, module) => sum + module.pages, 0),
      questions: assessments.filter((item) => item.kind === 'question').length,
      scenarios: assessments.filter((item) => item.kind === 'scenario').length,
      points: assessments.reduce((sum, item) => sum + item.points, 0),
      outcomes: outcomes.length,
      gaps: outcomes.reduce((sum, outcome) => sum + outcome.gaps.length, 0)
    }
  }
}

function assessmentsIn(module: Module): Array<AssessmentRef & {readonly outcome: string}> {
  const result: Array<AssessmentRef & {readonly outcome: string}> = []
  for (const page of module.pages) {
    for (const block of page.blocks) {
      if (block.type === 'quiz') {
        for (const question of block.questions) {
          result.push({kind: 'question', id: question.id, type: question.type, module: module.id, quiz: block.id, points: question.points, outcome: question.outcome})
        }
      } else if (block.type === 'scenario' && block.outcome !== undefined) {
        result.push({kind: 'scenario', id: block.id, type: 'scenario', module: module.id, points: block.points, outcome: block.outcome})
      }
    }
  }
  return result
}

function moduleReport(module: Module, assumptions: ReportAssumptions, seconds: ReadonlyMap<string, number>): ModuleReport {
  let words = 0
  let images = 0
  let questions = 0
  let scenarios = 0
  let reflections = 0
  let decisions = 0
  const media: MediaTime[] = []
  const activities: Array<{title: string; minutes?: number | undefined}> = []
  const read = (html: string | undefined): void => {
    if (html) words += countWords(textOfHtml(html))
  }
  const visit = (block: Block): void => {
    switch (block.type) {
      case 'html': {
        read(block.html)
        images += (block.html.match(/<img\b/g) ?? []).length
        for (const match of block.html.matchAll(/<(video|audio)\b([^>]*)>([\s\S]*?)<\/\1>/g)) {
          const src = attribute(match[2]!, 'src')
          if (!src) continue
          const captions = attribute(/<track\b([^>]*)>/.exec(match[3]!)?.[1] ?? '', 'src')
          const known = seconds.get(src) ?? (captions ? seconds.get(captions) : undefined)
          media.push({path: src, kind: match[1] as 'video' | 'audio', seconds: round(known ?? assumptions.defaultMediaSeconds), measured: known !== undefined})
        }
        return
      }
      case 'trainer':
        return
      case 'activity':
        read(block.html)
        activities.push(block.duration === undefined ? {title: block.title} : {title: block.title, minutes: block.duration})
        return
      case 'reflection':
        read(block.html)
        reflections++
        return
      case 'quiz':
        for (const question of block.questions) {
          questions++
          words += countWords(question.promptText)
          read(question.feedback)
          switch (question.type) {
            case 'single':
            case 'multiple':
              for (const choice of question.choices) words += countWords(choice.text)
              break
            case 'order':
              for (const item of question.items) words += countWords(item.text)
              break
            case 'match':
              for (const item of [...question.sources, ...question.targets]) words += countWords(item.text)
              break
            default:
              break
          }
        }
        return
      case 'scenario':
        scenarios++
        for (const step of block.steps) {
          read(step.html)
          for (const choice of step.choices) words += countWords(choice.text)
          if (step.choices.length > 0) decisions++
        }
        return
    }
  }
  for (const page of module.pages) for (const block of page.blocks) visit(block)
  const reading = words / assumptions.wordsPerMinute + (images * assumptions.secondsPerImage) / 60
  const mediaMinutes = media.reduce((sum, item) => sum + item.seconds, 0) / 60
  const practice = (questions * assumptions.secondsPerQuestion + reflections * assumptions.secondsPerReflection + decisions * assumptions.secondsPerDecision) / 60
  return {
    id: module.id,
    title: module.title,
    file: module.source.path,
    outcomes: [...module.outcomes],
    pages: module.pages.length,
    words,
    images,
    media,
    questions,
    scenarios,
    reflections,
    activities,
    minutes: {reading: round(reading), media: round(mediaMinutes), practice: round(practice), total: round(reading + mediaMinutes + practice)},
    classroomMinutes: activities.reduce((sum, activity) => sum + (activity.minutes ?? 0), 0),
    declaredMinutes: module.duration
  }
}

const translationRules: Readonly<Record<string, TranslationState>> = {
  'translation-missing': 'missing',
  'translation-mismatch': 'mismatch',
  'translation-outdated': 'outdated'
}

const precedence: ReadonlyArray<TranslationState> = ['missing', 'mismatch', 'errors', 'outdated', 'ok']

function stateOf(diagnostics: ReadonlyArray<Diagnostic>): TranslationState {
  const states = new Set<TranslationState>()
  for (const diagnostic of diagnostics) {
    const state = translationRules[diagnostic.rule]
    if (state) states.add(state)
    else if (diagnostic.severity === 'error') states.add('errors')
  }
  return precedence.find((state) => states.has(state)) ?? 'ok'
}

function translationReport(source: Course, translation: TranslationInput): TranslationReport {
  const prefix = 'translations/' + translation.language + '/'
  const files = translation.files ? new Set(translation.files) : undefined
  const diagnostics = translation.diagnostics
  const manifestMissing = diagnostics.some((diagnostic) => diagnostic.rule === 'translation-missing')
  const modules = source.modules.map((module) => {
    const file = prefix + module.source.path
    const own = diagnostics.filter((diagnostic) => diagnostic.file === file)
    const missing = manifestMissing || (files !== undefined && !files.has(file))
    return {id: module.id, file, status: missing ? ('missing' as const) : stateOf(own)}
  })
  const status = stateOf(diagnostics)
  const overall = status === 'ok' && modules.some((module) => module.status === 'missing') ? 'missing' : status
  return {
    language: translation.language,
    status: overall,
    review: translation.course?.translation?.status,
    title: translation.course?.title,
    errors: diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length,
    warnings: diagnostics.filter((diagnostic) => diagnostic.severity === 'warning').length,
    modules,
    problems: diagnostics.slice(0, 10).map((diagnostic) => ({file: diagnostic.file, line: diagnostic.line, severity: diagnostic.severity, rule: diagnostic.rule, message: diagnostic.message}))
  }
}

function attribute(attributes: string, name: string): string | undefined {
  const match = new RegExp('\\s' + name + '="([^"]*)"').exec(attributes)
  return match ? textOfHtml(match[1]!) : undefined
}

function round(value: number): number {
  return Math.round(value * 10) / 10
}

function sortKeys(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)))
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>
}
