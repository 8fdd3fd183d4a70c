import type {Progress} from '../scoring.js'
import type {Context} from './context.js'
import {h} from './dom.js'
import {formatPercent} from './strings.js'

/** A bar for a percentage (decorative: the number is always written next to it). */
function meter(doc: Document, percent: number): HTMLElement {
  const fill = h(doc, 'span', {class: 'cm-meter-fill'})
  fill.style.width = Math.max(0, Math.min(100, percent)) + '%'
  return h(doc, 'span', {class: 'cm-meter', 'aria-hidden': 'true'}, fill)
}

/** The results view: score, pass or fail against the pass mark, every outcome, what is left to do. */
export function renderResults(context: Context, progress: Progress): HTMLElement {
  const {doc, t, index} = context
  const percent = (value: number): string => formatPercent(index.course.language, value)
  const heading = h(doc, 'h1', {class: 'cm-page-title', tabindex: -1}, t('results.title'))
  const parts: Array<HTMLElement | undefined> = [heading]
  const summary: Array<HTMLElement | undefined> = []
  const state = progress.total === 0 ? 'none' : !progress.decided ? 'pending' : progress.passed ? 'passed' : 'failed'

  if (progress.total > 0) {
    summary.push(h(doc, 'p', {class: 'cm-score'}, t('results.score', {percent: percent(progress.percent)})))
    summary.push(h(doc, 'p', {class: 'cm-mastery'}, t('results.mastery', {percent: percent(progress.masteryPercent)})))
    summary.push(progress.decided
      ? h(doc, 'p', {class: 'cm-verdict ' + (progress.passed ? 'cm-passed' : 'cm-failed')}, t(progress.passed ? 'results.passed' : 'results.failed'))
      : h(doc, 'p', {class: 'cm-verdict cm-pending'}, t('results.pending', {answered: progress.answered, total: progress.total})))
  } else {
    summary.push(h(doc, 'p', {class: 'cm-score'}, t('results.noScore')))
  }
  summary.push(h(doc, 'p', {class: 'cm-pages-seen'}, progress.completed
    ? t('results.completed')
    : t('results.pages', {visited: progress.visitedPages, total: progress.pages})))
  const ring = h(doc, 'span', {class: 'cm-score-ring', 'aria-hidden': 'true'},
    h(doc, 'span', {class: 'cm-score-number'}, progress.total > 0 ? percent(progress.percent) : progress.visitedPages + '/' + progress.pages))
  ring.style.setProperty('--cm-percent', String(progress.total > 0 ? progress.percent : (progress.visitedPages / Math.max(1, progress.pages)) * 100))
  parts.push(h(doc, 'div', {class: 'cm-summary cm-summary-' + state}, ring, h(doc, 'div', {class: 'cm-summary-text'}, ...summary)))

  if (progress.outcomes.length > 0) {
    const statements = new Map(index.course.outcomes.map((outcome) => [outcome.id, outcome.statement]))
    parts.push(h(doc, 'h2', null, t('results.outcomes')))
    parts.push(h(doc, 'table', {class: 'cm-outcomes'},
      h(doc, 'thead', null, h(doc, 'tr', null,
        h(doc, 'th', {scope: 'col'}, t('results.outcome')),
        h(doc, 'th', {scope: 'col'}, t('results.outcomeScore')),
        h(doc, 'th', {scope: 'col'}, t('results.outcomeStatus')))),
      h(doc, 'tbody', null, ...progress.outcomes.map((outcome) => h(doc, 'tr', {'data-outcome': outcome.id, class: 'cm-outcome-' + outcome.status.replace(' ', '-')},
        h(doc, 'th', {scope: 'row'}, statements.get(outcome.id) ?? outcome.id),
        h(doc, 'td', {class: 'cm-outcome-score'}, outcome.answered > 0 ? percent(outcome.percent) : '–', outcome.answered > 0 ? meter(doc, outcome.percent) : undefined),
        h(doc, 'td', null, h(doc, 'span', {class: 'cm-badge'}, t('results.status.' + outcome.status))))))))
  }

  const learner = context.state()
  const open = index.assessments.filter((assessment) =>
    assessment.kind === 'question' ? !learner.questions.has(assessment.id) : !learner.scenarios.has(assessment.id))
  const pages = [...new Set(open.map((assessment) => index.pageOf.get(assessment.id) ?? 0))]
  if (pages.length > 0) {
    parts.push(h(doc, 'h2', null, t('results.unanswered')))
    parts.push(h(doc, 'ul', {class: 'cm-unanswered'}, ...pages.map((page) => {
      const entry = index.pages[page]
      const button = h(doc, 'button', {type: 'button', class: 'cm-link'}, t('results.goTo', {page: entry?.page.title ?? '', module: entry?.module.title ?? ''}))
      button.addEventListener('click', () => context.goTo(page))
      return h(doc, 'li', null, button)
    })))
  }
  const print = h(doc, 'button', {type: 'button', class: 'cm-button cm-secondary cm-print'}, t('results.print'))
  print.addEventListener('click', () => doc.defaultView?.print())
  parts.push(h(doc, 'p', {class: 'cm-results-actions'}, print))
  return h(doc, 'article', {class: 'cm-page cm-results'}, ...parts)
}
