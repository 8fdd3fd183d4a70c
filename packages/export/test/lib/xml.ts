/**
 * A small, strict XML reader for checking manifests in tests: elements, attributes, text,
 * character and predefined entity references, comments, the XML declaration. It throws on
 * anything else (DOCTYPE, CDATA, processing instructions, mismatched tags), so a manifest that
 * needs more than this is a failure worth seeing.
 */

export interface XmlElement {
  /** Qualified name as written (`adlcp:masteryscore`). */
  readonly name: string
  readonly attributes: ReadonlyMap<string, string>
  readonly children: ReadonlyArray<XmlElement>
  /** Text directly inside this element (entities decoded). */
  readonly text: string
}

const entities: Record<string, string> = {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'"}

function decode(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);|&/g, (all, reference: string | undefined) => {
    if (reference === undefined) throw new Error('Unescaped `&` in `' + value + '`')
    if (reference.startsWith('#x')) return String.fromCodePoint(Number.parseInt(reference.slice(2), 16))
    if (reference.startsWith('#')) return String.fromCodePoint(Number.parseInt(reference.slice(1), 10))
    const replacement = entities[reference]
    if (replacement === undefined) throw new Error('Unknown entity `' + all + '`')
    return replacement
  })
}

/** Parse a document and return its root element. */
export function parseXml(source: string): XmlElement {
  let index = 0
  const declaration = /^<\?xml[^?]*\?>/.exec(source)
  if (declaration) index = declaration[0].length

  interface Open { name: string; attributes: Map<string, string>; children: XmlElement[]; text: string }
  const stack: Open[] = []
  let root: XmlElement | undefined

  while (index < source.length) {
    const lt = source.indexOf('<', index)
    const text = source.slice(index, lt === -1 ? source.length : lt)
    if (text.includes('>')) throw new Error('Unescaped `>` in text `' + text + '`')
    if (stack.length > 0) stack[stack.length - 1]!.text += decode(text)
    else if (text.trim() !== '') throw new Error('Text outside the root element')
    if (lt === -1) break
    index = lt

    if (source.startsWith('<!--', index)) {
      const end = source.indexOf('-->', index)
      if (end === -1) throw new Error('Unclosed comment')
      index = end + 3
      continue
    }

    if (source.startsWith('</', index)) {
      const match = /^<\/([^\s>]+)\s*>/.exec(source.slice(index))
      if (!match) throw new Error('Bad end tag at ' + index)
      const open = stack.pop()
      if (!open || open.name !== match[1]) throw new Error('Mismatched end tag `' + match[1] + '`')
      close(open)
      index += match[0].length
      continue
    }

    const tag = /^<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/.exec(source.slice(index))
    if (!tag) throw new Error('Bad start tag at ' + index + ': ' + source.slice(index, index + 40))
    const attributes = new Map<string, string>()
    for (const attribute of tag[2]!.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      const name = attribute[1]!
      if (attributes.has(name)) throw new Error('Duplicate attribute `' + name + '`')
      attributes.set(name, decode(attribute[2] ?? attribute[3] ?? ''))
    }
    const open: Open = {name: tag[1]!, attributes, children: [], text: ''}
    index += tag[0].length
    if (tag[3] === '/') close(open)
    else stack.push(open)
  }

  if (stack.length > 0) throw new Error('Unclosed element `' + stack[stack.length - 1]!.name + '`')
  if (!root) throw new Error('No root element')
  return root

  function close(open: Open): void {
    const element: XmlElement = {name: open.name, attributes: open.attributes, children: open.children, text: open.text}
    const parent = stack[stack.length - 1]
    if (parent) parent.children.push(element)
    else if (root) throw new Error('Second root element')
    else root = element
  }
}

/** Every element below (and including) `element`, in document order. */
export function descendants(element: XmlElement): XmlElement[] {
  return [element, ...element.children.flatMap((child) => descendants(child))]
}

/** Elements named `name` below (and including) `element`. */
export function all(element: XmlElement, name: string): XmlElement[] {
  return descendants(element).filter((node) => node.name === name)
}

/** Direct children named `name`. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name)
}
