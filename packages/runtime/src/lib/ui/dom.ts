import type {Translate} from './strings.js'

/** Attribute values for `h`: `false`/`undefined` leave the attribute out, `true` sets it empty. */
export type Attributes = Readonly<Record<string, string | number | boolean | undefined>>

/** A child for `h`: nodes as they are, strings as text. */
export type Child = Node | string | undefined | false

/** What showing course HTML needs: the document, and the UI strings for the labels it adds. */
export interface Ui {
  readonly doc: Document
  readonly t: Translate
}

/** Create an element in `doc` with attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attributes?: Attributes | null,
  ...children: ReadonlyArray<Child>
): HTMLElementTagNameMap[K] {
  const element = doc.createElement(tag)
  if (attributes) {
    for (const name of Object.keys(attributes)) {
      const value = attributes[name]
      if (value === undefined || value === false) continue
      element.setAttribute(name, value === true ? '' : String(value))
    }
  }
  for (const child of children) {
    if (child === undefined || child === false) continue
    element.append(typeof child === 'string' ? doc.createTextNode(child) : child)
  }
  return element
}

/** Create an element holding sanitized course HTML (the compiler sanitizes every HTML string of the model). */
export function html<K extends keyof HTMLElementTagNameMap>(ui: Ui, tag: K, attributes: Attributes | null, content: string): HTMLElementTagNameMap[K] {
  const element = h(ui.doc, tag, attributes)
  element.innerHTML = content
  enhance(ui, element)
  return element
}

/**
 * Finish course HTML for the learner: glossary terms reachable by keyboard and read with their
 * definition, notes labelled by kind, and the few words the compiler writes in English
 * (transcript links, footnotes) in the course language.
 */
export function enhance(ui: Ui, element: HTMLElement): void {
  const {doc, t} = ui
  const all = (selector: string): HTMLElement[] => Array.from(element.querySelectorAll<HTMLElement>(selector))
  for (const term of all('dfn.cm-term[data-definition]')) {
    term.tabIndex = 0
    term.setAttribute('aria-description', term.getAttribute('data-definition') ?? '')
  }
  for (const note of all('aside.cm-note[data-kind]')) {
    note.prepend(h(doc, 'p', {class: 'cm-note-label'}, t('note.' + (note.getAttribute('data-kind') ?? 'info'))))
  }
  for (const link of all('.cm-transcript a')) link.textContent = t('media.transcript')
  for (const label of all('[data-footnotes] > h2')) label.textContent = t('content.footnotes')
  for (const link of all('a[data-footnote-backref]')) link.setAttribute('aria-label', t('content.backToContent'))
  for (const link of all('a[target="_blank"]')) link.append(srOnly(doc, ' (' + t('content.newWindow') + ')'))
}

/** An element id made of `prefix` and a course id (ids may hold any character). */
export function domId(prefix: string, id: string): string {
  return prefix + '-' + id.replace(/[^A-Za-z0-9_-]/g, (character) => '_' + character.charCodeAt(0).toString(36))
}

/** Text hidden on screen but read by screen readers. */
export function srOnly(doc: Document, text: string): HTMLSpanElement {
  return h(doc, 'span', {class: 'cm-sr-only'}, text)
}

const icons = {
  menu: 'M4 6h16M4 12h16M4 18h16',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  cross: 'M7 7l10 10M17 7L7 17',
  up: 'M12 19V5M6 11l6-6 6 6',
  down: 'M12 5v14M6 13l6 6 6-6',
  previous: 'M15 5l-7 7 7 7',
  next: 'M9 5l7 7-7 7'
} as const

/** A decorative stroke icon (hidden from screen readers; its meaning is always also in text). */
export function icon(doc: Document, name: keyof typeof icons): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg'
  const svg = doc.createElementNS(ns, 'svg')
  svg.setAttribute('class', 'cm-icon')
  svg.setAttribute('viewBox', '0 0 24 24')
  svg.setAttribute('aria-hidden', 'true')
  svg.setAttribute('focusable', 'false')
  const path = doc.createElementNS(ns, 'path')
  path.setAttribute('d', icons[name])
  svg.append(path)
  return svg
}
