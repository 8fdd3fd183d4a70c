import type {CourseIndex, PageEntry} from '../course-index.js'
import type {Progress} from '../scoring.js'
import type {State} from '../state.js'
import {h, icon, srOnly, type Ui} from './dom.js'
import {formatPercent} from './strings.js'

/** The course menu, made once and kept up to date as the learner moves on. */
export interface Menu {
  /** The module list and the results entry, for the menu's content. */
  readonly elements: ReadonlyArray<HTMLElement>
  /** Show the pages seen and the page being read. */
  update(state: State): void
}

/**
 * A course of more pages than this opens only the module being read in the menu; the learner
 * opens the others. A module's pages are made when it is first opened, so a course of 1000
 * modules (4000 pages) starts as fast as a short one.
 */
export const openModulesUpTo = 200

/**
 * Module entries made in one go. A longer course gets the rest in later tasks, a batch at a
 * time, so its first page shows at once and the page stays responsive while the menu fills.
 */
export const modulesPerBatch = 100

/**
 * The course menu: each module a disclosure (`<details>`) with its progress and its pages (seen
 * or not), then the results. One click handler serves every page entry. `later` runs work in a
 * later task (the window's `setTimeout`); without it every module entry is made at once.
 */
export function createMenu(ui: Ui, index: CourseIndex, goTo: (page: number) => void, later?: (run: () => void) => void): Menu {
  const {doc, t} = ui
  const openAll = index.pages.length <= openModulesUpTo
  // The pages of each module, in one pass.
  const byModule = index.course.modules.map((): Array<{entry: PageEntry; page: number}> => [])
  index.pages.forEach((entry, page) => byModule[entry.moduleIndex]?.push({entry, page}))

  const link = (page: number, label: string, seen: boolean, current: boolean): HTMLElement => h(doc, 'button', {
    type: 'button',
    class: 'cm-menu-link' + (seen ? ' cm-seen' : ''),
    'aria-current': current ? 'page' : undefined,
    'data-page': page
  },
  h(doc, 'span', {class: 'cm-menu-mark'}, seen ? icon(doc, 'check') : undefined),
  h(doc, 'span', {class: 'cm-menu-label'}, label, seen ? srOnly(doc, ' (' + t('menu.visited') + ')') : undefined))

  let state: State | undefined
  // The module being read: the menu opens a module as the learner arrives in it (and leaves
  // open or closed what the learner opened or closed).
  let reading = -1

  function makeEntry(moduleIndex: number): {details: HTMLDetailsElement; item: HTMLElement; draw: () => void} {
    const module = index.course.modules[moduleIndex]!
    const pages = byModule[moduleIndex]!
    const progress = h(doc, 'span', {class: 'cm-menu-module-progress'})
    const fill = h(doc, 'span', {class: 'cm-meter-fill'})
    const list = h(doc, 'ol', {class: 'cm-menu-pages'})
    const summary = h(doc, 'summary', {class: 'cm-menu-module-summary'},
      h(doc, 'span', {class: 'cm-menu-module-title'}, h(doc, 'span', {class: 'cm-menu-module-name'}, module.title), progress),
      h(doc, 'span', {class: 'cm-meter', 'aria-hidden': 'true'}, fill))
    const details = h(doc, 'details', {class: 'cm-menu-module-pages', open: openAll || moduleIndex === reading}, summary, list)
    const item = h(doc, 'li', {class: 'cm-menu-module'}, details)
    // What the entry shows now: pages seen and the page being read (`''`: not drawn yet).
    let shown = ''
    let listed = ''
    /** Draw the entry; its pages too when it is open (or `opening`: about to open). */
    const draw = (opening = false): void => {
      if (!state) return
      const seen = pages.filter(({page}) => state!.visited[page]).length
      const summary = seen + '/' + pages.length
      if (summary !== shown) {
        shown = summary
        progress.replaceChildren(' ' + summary, srOnly(doc, ' (' + t('menu.moduleProgress', {visited: seen, total: pages.length}) + ')'))
        fill.style.width = (pages.length > 0 ? Math.round((seen / pages.length) * 100) : 0) + '%'
        item.classList.toggle('cm-done', seen === pages.length)
      }
      if (!details.open && !opening) return
      const current = state.page
      const marks = pages.map(({page}) => (page === current ? 'c' : '') + (state!.visited[page] ? 's' : '-')).join('')
      if (marks === listed) return
      listed = marks
      list.replaceChildren(...pages.map(({entry, page}) => h(doc, 'li', null, link(page, entry.page.title, state!.visited[page] === true, page === current))))
    }
    // A click (or Enter) on the title opens the module after the event: its pages are drawn
    // now, so it never shows open and empty. Any other way of opening it draws on the `toggle`
    // that follows.
    summary.addEventListener('click', () => {
      if (!details.open) draw(true)
    })
    details.addEventListener('toggle', () => draw())
    return {details, item, draw}
  }

  const total = index.course.modules.length
  const modules: Array<ReturnType<typeof makeEntry>> = []
  const container = h(doc, 'ol', {class: 'cm-menu-modules'})
  /** Make the next batch of module entries (all that are left without `later`). */
  const makeMore = (): void => {
    const end = later ? Math.min(total, modules.length + modulesPerBatch) : total
    const made: HTMLElement[] = []
    while (modules.length < end) {
      const entry = makeEntry(modules.length)
      entry.draw()
      modules.push(entry)
      made.push(entry.item)
    }
    container.append(...made)
    if (later && modules.length < total) later(makeMore)
  }
  makeMore()

  const results = link(index.pages.length, t('menu.results'), false, false)
  const footer = h(doc, 'p', {class: 'cm-menu-results'}, results)
  for (const part of [container, footer]) {
    part.addEventListener('click', (event) => {
      const target = (event.target as Element | null)?.closest?.('.cm-menu-link[data-page]')
      if (target) goTo(Number(target.getAttribute('data-page')))
    })
  }

  return {
    elements: [container, footer],
    update(next) {
      state = next
      const now = index.pages[next.page]?.moduleIndex ?? -1
      if (now !== reading) {
        reading = now
        const module = modules[now]
        if (module) module.details.open = true
      }
      for (const module of modules) module.draw()
      if (next.page === index.pages.length) results.setAttribute('aria-current', 'page')
      else results.removeAttribute('aria-current')
    }
  }
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
