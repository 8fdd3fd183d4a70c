import type {CourseIndex} from '../course-index.js'
import type {Progress} from '../scoring.js'
import type {State} from '../state.js'
import {h} from './dom.js'
import type {Translate} from './strings.js'

/** The course menu: modules with their progress, their pages, the results. */
export function renderMenu(doc: Document, t: Translate, index: CourseIndex, state: State, goTo: (page: number) => void): HTMLElement[] {
  const link = (page: number, label: string, seen: boolean): HTMLElement => {
    const button = h(doc, 'button', {
      type: 'button',
      class: 'cm-menu-link' + (seen ? ' cm-seen' : ''),
      'aria-current': page === state.page ? 'page' : undefined,
      'data-page': page
    }, label, seen ? h(doc, 'span', {class: 'cm-seen-mark'}, h(doc, 'span', {'aria-hidden': 'true'}, ' ✓'), h(doc, 'span', {class: 'cm-sr-only'}, ' (' + t('menu.visited') + ')')) : undefined)
    button.addEventListener('click', () => goTo(page))
    return button
  }
  const modules = index.course.modules.map((module, moduleIndex) => {
    const pages = index.pages.map((entry, page) => ({entry, page})).filter(({entry}) => entry.moduleIndex === moduleIndex)
    const seen = pages.filter(({page}) => state.visited[page]).length
    return h(doc, 'li', {class: 'cm-menu-module'},
      h(doc, 'p', {class: 'cm-menu-module-title'}, module.title,
        h(doc, 'span', {class: 'cm-menu-module-progress'}, ' ' + seen + '/' + pages.length,
          h(doc, 'span', {class: 'cm-sr-only'}, ' (' + t('menu.moduleProgress', {visited: seen, total: pages.length}) + ')'))),
      h(doc, 'ol', {class: 'cm-menu-pages'}, ...pages.map(({entry, page}) => h(doc, 'li', null, link(page, entry.page.title, state.visited[page] === true)))))
  })
  return [
    h(doc, 'ol', {class: 'cm-menu-modules'}, ...modules),
    h(doc, 'p', {class: 'cm-menu-results'}, link(index.pages.length, t('menu.results'), false))
  ]
}

/** Update the progress bar of the header. */
export function renderProgress(bar: HTMLElement, fill: HTMLElement, label: HTMLElement, t: Translate, progress: Progress): void {
  const percent = progress.pages > 0 ? Math.round((progress.visitedPages / progress.pages) * 100) : 100
  bar.setAttribute('aria-valuenow', String(percent))
  bar.setAttribute('aria-valuetext', t('progress.text', {percent}))
  fill.style.width = percent + '%'
  label.textContent = t('progress.text', {percent})
}

/** Previous / position / next (or results) buttons. */
export function renderPager(doc: Document, t: Translate, index: CourseIndex, page: number, goTo: (page: number) => void): HTMLElement[] {
  const total = index.pages.length
  const previous = h(doc, 'button', {type: 'button', class: 'cm-button cm-previous', disabled: page === 0}, t('pager.previous'))
  previous.addEventListener('click', () => goTo(page - 1))
  const parts: HTMLElement[] = [previous]
  if (page < total) {
    parts.push(h(doc, 'span', {class: 'cm-position'}, t('pager.position', {page: page + 1, total})))
    const next = h(doc, 'button', {type: 'button', class: 'cm-button cm-next'}, page === total - 1 ? t('pager.results') : t('pager.next'))
    next.addEventListener('click', () => goTo(page + 1))
    parts.push(next)
  }
  return parts
}
