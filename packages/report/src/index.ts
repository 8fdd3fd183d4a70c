export {bloomLevels, createReport, defaultAssumptions} from './lib/report.js'
export type {
  AssessmentRef, BloomRow, Gap, MatrixCell, MediaTime, ModuleReport, OutcomeReport, Report, ReportAssumptions, ReportInput,
  TranslationInput, TranslationReport, TranslationState
} from './lib/report.js'
export {duration, renderReportHtml} from './lib/html.js'
export {mediaSeconds} from './lib/media.js'
export {countWords, textOfHtml} from './lib/words.js'
