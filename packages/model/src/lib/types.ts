/**
 * The course model: plain, versioned JSON. No classes, no functions, nothing cyclic.
 * Renderers, exporters and the runtime receive only a `Course`, never mdast.
 */

/** Bumped whenever a change to these types is not backwards compatible. */
export const MODEL_VERSION = 1

export interface Point {
  readonly line: number
  readonly column: number
}

/** Where something came from, for later diagnostics (paths are relative to the course folder). */
export interface SourceRef {
  readonly path: string
  readonly start?: Point | undefined
  readonly end?: Point | undefined
}

export type Bloom = 'remember' | 'understand' | 'apply' | 'analyse' | 'evaluate' | 'create'
export type EqfDomain = 'knowledge' | 'skills' | 'responsibility-autonomy'

export interface Outcome {
  readonly id: string
  readonly statement: string
  readonly bloom: Bloom
  readonly domain: EqfDomain
  readonly eqf: number
  readonly source: SourceRef
}

export interface Course {
  readonly type: 'course'
  readonly modelVersion: typeof MODEL_VERSION
  /** IRI of the course (xAPI/cmi5 activity id). */
  readonly id: string
  /** Folder name of the course: used in package names and as the base of SCORM identifiers. */
  readonly slug: string
  readonly title: string
  readonly version: string
  /** BCP 47 language tag. */
  readonly language: string
  readonly description: string
  readonly keywords: ReadonlyArray<string>
  readonly authors: ReadonlyArray<string>
  readonly license?: string | undefined
  /** Scaled pass mark, 0–1. */
  readonly mastery: number
  readonly completion: 'pages' | 'assessed'
  readonly theme: string
  readonly outcomes: ReadonlyArray<Outcome>
  readonly modules: ReadonlyArray<Module>
  readonly glossary: ReadonlyArray<GlossaryTerm>
  /** Every file of the course folder a learner package needs (images, video, captions, …). */
  readonly media: ReadonlyArray<MediaRef>
  /** Translation metadata when this course is a translation of another one. */
  readonly translation?: TranslationInfo | undefined
  /** Languages this course is translated into (each in `translations/<language>/`). */
  readonly translations: ReadonlyArray<string>
}

export interface TranslationInfo {
  /** Language of the source course. */
  readonly sourceLanguage: string
  /** `draft` until a native-speaking trainer has reviewed it. */
  readonly status: 'draft' | 'reviewed'
  /** Hash of the source `course.yaml` the translation was made from. */
  readonly sourceHash?: string | undefined
}

export interface Module {
  readonly type: 'module'
  readonly id: string
  readonly title: string
  readonly description?: string | undefined
  /** Estimated minutes of study. */
  readonly duration?: number | undefined
  /** Outcomes this module teaches. */
  readonly outcomes: ReadonlyArray<string>
  /** In a translation: hash of the source module the translation was made from. */
  readonly sourceHash?: string | undefined
  readonly pages: ReadonlyArray<Page>
  readonly source: SourceRef
}

export interface Page {
  readonly type: 'page'
  /** Unique in the course: `<module>.<slug of the heading>`. */
  readonly id: string
  readonly title: string
  readonly blocks: ReadonlyArray<Block>
  readonly source: SourceRef
}

export type Block = HtmlBlock | QuizBlock | ScenarioBlock | ReflectionBlock | ActivityBlock | TrainerBlock

/** Static, sanitized HTML (text, images, notes, details, video, audio). */
export interface HtmlBlock {
  readonly type: 'html'
  readonly html: string
}

/** Notes for the trainer: never put into learner packages. */
export interface TrainerBlock {
  readonly type: 'trainer'
  readonly html: string
  readonly source: SourceRef
}

/** A facilitated classroom exercise. */
export interface ActivityBlock {
  readonly type: 'activity'
  readonly title: string
  /** Minutes. */
  readonly duration?: number | undefined
  readonly html: string
  readonly source: SourceRef
}

/** A free-text, unscored prompt. */
export interface ReflectionBlock {
  readonly type: 'reflection'
  readonly id: string
  readonly html: string
  readonly source: SourceRef
}

export interface QuizBlock {
  readonly type: 'quiz'
  readonly id: string
  readonly title?: string | undefined
  /** Tries per question before the answer is revealed (≥ 1). */
  readonly attempts: number
  readonly questions: ReadonlyArray<Question>
  readonly source: SourceRef
}

export type QuestionType = 'single' | 'multiple' | 'true-false' | 'order' | 'match' | 'text' | 'numeric'

interface QuestionBase {
  readonly id: string
  readonly outcome: string
  readonly points: number
  /** Question text as sanitized HTML. */
  readonly prompt: string
  /** Question text as plain text (for LMS reports and statements). */
  readonly promptText: string
  /** Explanation shown after answering (HTML), if any. */
  readonly feedback?: string | undefined
  readonly source: SourceRef
}

export interface Choice {
  /** Short stable id: `a`, `b`, … (in source order). */
  readonly id: string
  readonly html: string
  readonly text: string
  readonly correct: boolean
  readonly feedback?: string | undefined
}

export interface ChoiceQuestion extends QuestionBase {
  readonly type: 'single' | 'multiple'
  readonly choices: ReadonlyArray<Choice>
}

export interface TrueFalseQuestion extends QuestionBase {
  readonly type: 'true-false'
  readonly answer: boolean
}

export interface OrderItem {
  /** Short stable id: `a`, `b`, … in the correct order. */
  readonly id: string
  readonly html: string
  readonly text: string
}

export interface OrderQuestion extends QuestionBase {
  readonly type: 'order'
  /** Items in the correct order. */
  readonly items: ReadonlyArray<OrderItem>
}

export interface MatchQuestion extends QuestionBase {
  readonly type: 'match'
  /** Column headings of the table. */
  readonly headers: readonly [string, string]
  /** Left items (`id` `a`, `b`, …) in source order. */
  readonly sources: ReadonlyArray<OrderItem>
  /** Right items (`id` `1`, `2`, …) in source order; `sources[i]` matches `targets[i]`. */
  readonly targets: ReadonlyArray<OrderItem>
}

export interface TextQuestion extends QuestionBase {
  readonly type: 'text'
  /** Accepted answers as written by the author. */
  readonly accepted: ReadonlyArray<string>
}

export interface NumericQuestion extends QuestionBase {
  readonly type: 'numeric'
  readonly answer: number
  readonly tolerance: number
}

export type Question = ChoiceQuestion | TrueFalseQuestion | OrderQuestion | MatchQuestion | TextQuestion | NumericQuestion

export interface ScenarioChoice {
  /** Short stable id: `a`, `b`, … in source order within the step. */
  readonly id: string
  readonly html: string
  readonly text: string
  /** Step the choice leads to. */
  readonly next: string
  readonly feedback?: string | undefined
}

export interface ScenarioStep {
  readonly id: string
  readonly html: string
  readonly choices: ReadonlyArray<ScenarioChoice>
  /** Only on endings (steps without choices). */
  readonly result?: 'good' | 'partial' | 'poor' | undefined
  readonly source: SourceRef
}

export interface ScenarioBlock {
  readonly type: 'scenario'
  readonly id: string
  readonly title?: string | undefined
  /** When set, the scenario is scored on this outcome (good 1, partial 0.5, poor 0). */
  readonly outcome?: string | undefined
  readonly points: number
  /** The first step is the start. */
  readonly steps: ReadonlyArray<ScenarioStep>
  readonly source: SourceRef
}

export interface GlossaryTerm {
  readonly term: string
  readonly definition: string
  readonly source: SourceRef
}

export interface MediaRef {
  /** Path inside the course folder, `/`-separated, e.g. `media/gate.svg`. */
  readonly path: string
  readonly kind: 'image' | 'video' | 'audio' | 'captions' | 'transcript'
}
