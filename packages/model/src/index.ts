export {MODEL_VERSION} from './lib/types.js'
export type {
  ActivityBlock, Block, Bloom, Choice, ChoiceQuestion, Course, EqfDomain, GlossaryTerm, HtmlBlock, MatchQuestion,
  MediaRef, Module, NumericQuestion, OrderItem, OrderQuestion, Outcome, Page, Point, Question, QuestionType, QuizBlock,
  ReflectionBlock, ScenarioBlock, ScenarioChoice, ScenarioStep, SourceRef, TextQuestion, TrainerBlock, TranslationInfo,
  TrueFalseQuestion
} from './lib/types.js'
export {assessmentsOf, blocksOf, forLearners, pagesOf, questionsOf} from './lib/walk.js'
export type {Assessment} from './lib/walk.js'
export {activityIri, activityTypes, interactionDefinition, languageKey, responseNumber, responseText, scenarioDefinition} from './lib/xapi.js'
export type {ActivityKind, InteractionComponent, InteractionDefinition, LanguageMap} from './lib/xapi.js'
