import type {Problem} from '../adapters/types.js'
import type {CourseIndex} from '../course-index.js'
import {goToPage, type State} from '../state.js'
import type {Change, Tracker} from '../tracker.js'
import {renderBlock} from './blocks.js'
import {renderMenu, renderPager, renderProgress} from './chrome.js'
import type {Context} from './context.js'
import {h} from './dom.js'
import {createNotices} from './notices.js'
import {renderResults} from './results.js'
import type {Translate} from './strings.js'

/** Configuration for `createPlayer`. */
export interface PlayerOptions {
  /** The `#coursemark` element; its content is replaced. */
  readonly root: HTMLElement
  readonly index: CourseIndex
  readonly t: Translate
  readonly tracker: Tracker
  /** The state to start from (`tracker.start().state`). */
  readonly state: State
  /** The clock: milliseconds since the epoch. */
  readonly now: () => number
  /** Open the menu at start (wide screens). */
  readonly menuOpen: boolean
}

/** A running player. */
export interface Player {
  state(): State
  notify(problem: Problem): void
}

/** Render the course into `root` and play it. */
export function createPlayer(options: PlayerOptions): Player {
  const {root, index, t, tracker, now} = options
  const doc = root.ownerDocument
  let state = options.state

  const notices = createNotices(doc, t)
  const toggle = h(doc, 'button', {type: 'button', class: 'cm-menu-toggle', 'aria-controls': 'cm-menu', 'aria-expanded': String(options.menuOpen)}, t('menu.toggle'))
  const fill = h(doc, 'div', {class: 'cm-progress-fill'})
  const bar = h(doc, 'div', {class: 'cm-progress-bar', role: 'progressbar', 'aria-label': t('progress.label'), 'aria-valuemin': 0, 'aria-valuemax': 100}, fill)
  const progressLabel = h(doc, 'span', {class: 'cm-progress-text', 'aria-hidden': 'true'})
  const menu = h(doc, 'nav', {id: 'cm-menu', class: 'cm-menu', 'aria-label': t('menu.label')})
  const view = h(doc, 'div', {class: 'cm-view'})
  const pager = h(doc, 'nav', {class: 'cm-pager', 'aria-label': t('pager.label')})
  const main = h(doc, 'main', {id: 'cm-main', class: 'cm-main'}, view, pager)

  root.classList.toggle('cm-menu-open', options.menuOpen)
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true'
    toggle.setAttribute('aria-expanded', String(open))
    root.classList.toggle('cm-menu-open', open)
  })

  const skip = h(doc, 'a', {class: 'cm-skip', href: '#cm-main'}, t('app.skip'))
  skip.addEventListener('click', (event) => {
    event.preventDefault()
    view.querySelector<HTMLElement>('h1')?.focus()
  })

  root.replaceChildren(
    skip,
    h(doc, 'header', {class: 'cm-header'},
      toggle,
      h(doc, 'p', {class: 'cm-course-title'}, index.course.title),
      h(doc, 'div', {class: 'cm-progress'}, bar, progressLabel)),
    notices.element,
    h(doc, 'div', {class: 'cm-body'}, menu, main))

  const context: Context = {
    doc,
    index,
    t,
    now,
    state: () => state,
    apply(next: State, change: Change) {
      state = next
      tracker.update(state, change)
      refreshChrome()
    },
    keep(next: State) {
      state = next
    },
    goTo
  }

  function refreshChrome(): void {
    menu.replaceChildren(...renderMenu(doc, t, index, state, goTo))
    renderProgress(bar, fill, progressLabel, t, tracker.progress(state))
  }

  function renderView(): void {
    const entry = index.pages[state.page]
    if (!entry) {
      view.replaceChildren(renderResults(context, tracker.progress(state)))
    } else {
      const blocks = entry.page.blocks.map((block) => renderBlock(context, block)).filter((block): block is HTMLElement => block !== undefined)
      view.replaceChildren(h(doc, 'article', {class: 'cm-page', 'data-page': entry.page.id},
        h(doc, 'p', {class: 'cm-page-module'}, t('page.module', {number: entry.moduleIndex + 1, title: entry.module.title})),
        h(doc, 'h1', {class: 'cm-page-title', tabindex: -1}, entry.page.title),
        ...blocks))
    }
    pager.replaceChildren(...renderPager(doc, t, index, state.page, goTo))
    refreshChrome()
  }

  function goTo(page: number): void {
    const target = Math.max(0, Math.min(index.pages.length, page))
    state = goToPage(state, target)
    tracker.update(state, {type: 'page'})
    renderView()
    view.querySelector<HTMLElement>('h1')?.focus()
    if (root.classList.contains('cm-menu-open') && toggle.offsetParent !== null && doc.defaultView?.matchMedia?.('(max-width: 47.99em)').matches) {
      toggle.setAttribute('aria-expanded', 'false')
      root.classList.remove('cm-menu-open')
    }
  }

  renderView()
  return {
    state: () => state,
    notify: notices.show
  }
}
