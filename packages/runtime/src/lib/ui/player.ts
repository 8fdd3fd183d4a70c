import type {Problem} from '../adapters/types.js'
import type {CourseIndex} from '../course-index.js'
import {goToPage, type State} from '../state.js'
import type {Change, Tracker} from '../tracker.js'
import {renderBlock} from './blocks.js'
import {createMenu, renderPager, renderProgress} from './chrome.js'
import type {Context} from './context.js'
import {h, icon} from './dom.js'
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
  /** Progress is kept in this browser only (no LMS): said at the foot of the menu. */
  readonly savedInBrowser?: boolean | undefined
}

/** A running player. */
export interface Player {
  state(): State
  notify(problem: Problem): void
}

/** Narrow screens (the theme contract's breakpoint), where the menu is a panel above the page rather than a column beside it. */
const narrow = '(max-width: 63.99em)'

/** The theme's own markup for a slot of the player (`<template id="coursemark-brand">` of the layout). */
function slot(doc: Document, name: string): DocumentFragment | undefined {
  const template = doc.getElementById('coursemark-' + name) as HTMLTemplateElement | null
  if (template?.tagName !== 'TEMPLATE') return undefined
  const content = template.content
  if (content.textContent?.trim() === '' && !content.querySelector('img, svg')) return undefined
  return content.cloneNode(true) as DocumentFragment
}

/** Render the course into `root` and play it. */
export function createPlayer(options: PlayerOptions): Player {
  const {root, index, t, tracker, now} = options
  const doc = root.ownerDocument
  const win = doc.defaultView
  let state = options.state

  const notices = createNotices(doc, t)
  const toggle = h(doc, 'button', {type: 'button', class: 'cm-menu-toggle', 'aria-controls': 'cm-menu', 'aria-expanded': String(options.menuOpen)},
    icon(doc, 'menu'), h(doc, 'span', null, t('menu.toggle')))
  const fill = h(doc, 'span', {class: 'cm-progress-fill'})
  const bar = h(doc, 'span', {class: 'cm-progress-bar', role: 'progressbar', 'aria-label': t('progress.label'), 'aria-valuemin': 0, 'aria-valuemax': 100}, fill)
  const progressLabel = h(doc, 'span', {class: 'cm-progress-text', 'aria-hidden': 'true'})
  const pages = h(doc, 'div', {class: 'cm-menu-content'})
  const menu = h(doc, 'nav', {id: 'cm-menu', class: 'cm-menu', 'aria-label': t('menu.label')}, h(doc, 'div', {class: 'cm-menu-inner'}, pages,
    options.savedInBrowser ? h(doc, 'p', {class: 'cm-menu-status'}, t('menu.savedInBrowser')) : undefined))
  const view = h(doc, 'div', {class: 'cm-view'})
  const pager = h(doc, 'nav', {class: 'cm-pager', 'aria-label': t('pager.label')})
  const announcer = h(doc, 'div', {class: 'cm-sr-only', role: 'status', 'aria-live': 'polite'})
  const main = h(doc, 'main', {id: 'cm-main', class: 'cm-main'}, notices.element, view, pager, announcer)
  const brand = slot(doc, 'brand')
  const footer = slot(doc, 'footer')

  const setMenu = (open: boolean): void => {
    toggle.setAttribute('aria-expanded', String(open))
    root.classList.toggle('cm-menu-open', open)
  }
  const isNarrow = (): boolean => win?.matchMedia?.(narrow).matches === true
  setMenu(options.menuOpen)
  toggle.addEventListener('click', () => setMenu(toggle.getAttribute('aria-expanded') !== 'true'))
  menu.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && isNarrow()) {
      setMenu(false)
      toggle.focus()
    }
  })

  const skip = h(doc, 'a', {class: 'cm-skip', href: '#cm-main'}, t('app.skip'))
  skip.addEventListener('click', (event) => {
    event.preventDefault()
    focusHeading()
  })

  root.replaceChildren(...[
    skip,
    h(doc, 'header', {class: 'cm-header'},
      toggle,
      brand ? h(doc, 'div', {class: 'cm-brand'}, brand) : undefined,
      h(doc, 'p', {class: 'cm-course-title'}, index.course.title),
      h(doc, 'div', {class: 'cm-progress'}, bar, progressLabel)),
    h(doc, 'div', {class: 'cm-body'}, menu, main),
    footer ? h(doc, 'footer', {class: 'cm-footer'}, footer) : undefined
  ].filter((part): part is HTMLElement => part !== undefined))

  // Printing shows every folded detail.
  win?.addEventListener('beforeprint', () => {
    for (const details of Array.from(doc.querySelectorAll('details:not([open])'))) {
      details.setAttribute('open', '')
      details.setAttribute('data-print-opened', '')
    }
  })
  win?.addEventListener('afterprint', () => {
    for (const details of Array.from(doc.querySelectorAll('details[data-print-opened]'))) {
      details.removeAttribute('open')
      details.removeAttribute('data-print-opened')
    }
  })

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
    goTo,
    announce(text: string) {
      // A new node each time, so the same words are read again.
      announcer.replaceChildren(h(doc, 'p', null, text))
    }
  }

  const courseMenu = createMenu(context, index, goTo, win ? (run) => win.setTimeout(run, 0) : undefined)
  pages.replaceChildren(...courseMenu.elements)

  function refreshChrome(): void {
    courseMenu.update(state)
    renderProgress(context, index.course.language, bar, fill, progressLabel, tracker.progress(state))
  }

  function focusHeading(): void {
    const heading = view.querySelector<HTMLElement>('h1')
    if (!heading) return
    heading.focus({preventScroll: true})
    heading.scrollIntoView?.({block: 'nearest'})
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
    pager.replaceChildren(...renderPager(context, index, state.page, goTo))
    refreshChrome()
  }

  function goTo(page: number): void {
    const target = Math.max(0, Math.min(index.pages.length, page))
    state = goToPage(state, target)
    tracker.update(state, {type: 'page'})
    renderView()
    if (isNarrow()) setMenu(false)
    win?.scrollTo?.(0, 0)
    focusHeading()
  }

  renderView()
  return {
    state: () => state,
    notify: notices.show
  }
}
