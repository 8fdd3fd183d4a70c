import type {CourseIndex} from '../course-index.js'
import type {Progress} from '../scoring.js'
import type {State} from '../state.js'
import {h, icon, srOnly, type Ui} from './dom.js'
import {formatPercent} from './strings.js'

/** The course menu: modules with their progress, their pages (seen or not), the results. */
export function renderMenu(ui: Ui, index: CourseIndex, state: State, goTo: (page: number) => void): HTMLElement[] {
  const {doc, t} = ui
  const link = (page: number, label: string, seen: boolean): HTMLElement => {
    const button = h(doc, 'button', {
      type: 'button',
      class: 'cm-menu-link' + (seen ? ' cm-seen' : ''),
      'aria-current': page === state.page ? 'page' : undefined,
      'data-page': page
    },
    h(doc, 'span', {class: 'cm-menu-mark'}, seen ? icon(doc, 'check') : undefined),
    h(doc, 'span', {class: 'cm-menu-label'}, label, seen ? srOnly(doc, ' (' + t('menu.visited') + ')') : undefined))
    button.addEventListener('click', () => goTo(page))
    return button
  }
  const modules = index.course.modules.map((module, moduleIndex) => {
    const pages = index.pages.map((entry, page) => ({entry, page})).filter(({entry}) => entry.moduleIndex === moduleIndex)
    const seen = pages.filter(({page}) => state.visited[page]).length
    const fill = h(doc, 'span', {class: 'cm-meter-fill'})
    fill.style.width = (pages.length > 0 ? Math.round((seen / pages.length) * 100) : 0) + '%'
    return h(doc, 'li', {class: 'cm-menu-module' + (seen === pages.length ? ' cm-done' : '')},
      h(doc, 'p', {class: 'cm-menu-module-title'}, module.title,
        h(doc, 'span', {class: 'cm-menu-module-progress'}, ' ' + seen + '/' + pages.length,
          srOnly(doc, ' (' + t('menu.moduleProgress', {visited: seen, total: pages.length}) + ')'))),
      h(doc, 'span', {class: 'cm-meter', 'aria-hidden': 'true'}, fill),
      h(doc, 'ol', {class: 'cm-menu-pages'}, ...pages.map(({entry, page}) => h(doc, 'li', null, link(page, entry.page.title, state.visited[page] === true)))))
  })
  return [
    h(doc, 'ol', {class: 'cm-menu-modules'}, ...modules),
    h(doc, 'p', {class: 'cm-menu-results'}, link(index.pages.length, t('menu.results'), false))
  ]
}

/** Update the progress bar of the header. */
export function renderProgress(ui: Ui, language: string, bar: HTMLElement, fill: HTMLElement, label: HTMLElement, progress: Progress): void {
  const percent = progress.pages > 0 ? Math.round((progress.visitedPages / progress.pages) * 100) : 100
  const text = ui.t('progress.text', {percent: formatPercent(language, percent)})
  bar.setAttribute('aria-valuenow', String(percent))
  bar.setAttribute('aria-valuetext', text)
  fill.style.width = percent + '%'
  label.textContent = text
}

/** Previous / position / next (or results) buttons. */
export function renderPager(ui: Ui, index: CourseIndex, page: number, goTo: (page: number) => void): HTMLElement[] {
  const {doc, t} = ui
  const total = index.pages.length
  const previous = h(doc, 'button', {type: 'button', class: 'cm-button cm-secondary cm-previous', disabled: page === 0}, icon(doc, 'previous'), t('pager.previous'))
  previous.addEventListener('click', () => goTo(page - 1))
  const parts: HTMLElement[] = [previous]
  if (page < total) {
    parts.push(h(doc, 'span', {class: 'cm-position'}, t('pager.position', {page: page + 1, total})))
    const next = h(doc, 'button', {type: 'button', class: 'cm-button cm-next'}, page === total - 1 ? t('pager.results') : t('pager.next'), icon(doc, 'next'))
    next.addEventListener('click', () => goTo(page + 1))
    parts.push(next)
  }
  return parts
}
