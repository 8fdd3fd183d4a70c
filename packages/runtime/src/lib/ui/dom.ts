/** Attribute values for `h`: `false`/`undefined` leave the attribute out, `true` sets it empty. */
export type Attributes = Readonly<Record<string, string | number | boolean | undefined>>

/** A child for `h`: nodes as they are, strings as text. */
export type Child = Node | string | undefined | false

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
export function html<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, attributes: Attributes | null, content: string): HTMLElementTagNameMap[K] {
  const element = h(doc, tag, attributes)
  element.innerHTML = content
  enhance(element)
  return element
}

/** Make glossary terms in course HTML reachable by keyboard and readable by screen readers. */
export function enhance(element: HTMLElement): void {
  for (const term of Array.from(element.querySelectorAll<HTMLElement>('dfn.cm-term[data-definition]'))) {
    term.tabIndex = 0
    term.setAttribute('aria-description', term.getAttribute('data-definition') ?? '')
  }
}

/** An element id made of `prefix` and a course id (ids may hold any character). */
export function domId(prefix: string, id: string): string {
  return prefix + '-' + id.replace(/[^A-Za-z0-9_-]/g, (character) => '_' + character.charCodeAt(0).toString(36))
}

/** Text hidden on screen but read by screen readers. */
export function srOnly(doc: Document, text: string): HTMLSpanElement {
  return h(doc, 'span', {class: 'cm-sr-only'}, text)
}
