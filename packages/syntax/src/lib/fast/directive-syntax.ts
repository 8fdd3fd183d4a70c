/**
 * The parts of a directive (`:name[label]{attributes}`) as the fast path reads them: the common
 * forms only. Each reader gives `undefined` for anything else, and the fast path then leaves the
 * text to micromark-extension-directive, which has the last word on the syntax.
 */

/** A character that cannot be in a directive name (micromark-extension-directive: whitespace and Unicode punctuation or symbols, but `-` and `_`). */
const notInName = /[\s\p{P}\p{S}]/u
const nameRun = /[^\s\p{P}\p{S}]|[-_]/uy

/**
 * The end of the directive name starting at `from` (micromark's rules: it starts with a character
 * that is neither whitespace nor punctuation, goes on with those, `-` and `_`, and does not end in
 * `-` or `_`); `-1` when there is no name there.
 */
export function nameEnd(text: string, from: number): number {
  const first = text.charAt(from)
  if (first === '' || notInName.test(first)) return -1
  let end = from + 1
  for (;;) {
    nameRun.lastIndex = end
    if (!nameRun.test(text)) break
    end = nameRun.lastIndex
  }
  const last = text.charAt(end - 1)
  return last === '-' || last === '_' ? -1 : end
}

/**
 * A label the fast path takes: plain words on one line, no markup, no brackets, no escapes, and no
 * space at either end. Its end (after `]`), or `undefined`.
 */
const plainLabel = /\[(?:[^\s\[\]\\`*_<>&!~:|^$]|[^\S\n\t\r](?=[^\]\s]))*\]/y

function labelEnd(text: string, from: number): number | undefined {
  plainLabel.lastIndex = from
  if (!plainLabel.test(text)) return undefined
  const end = plainLabel.lastIndex
  // `[ x]`: a leading space is not taken either.
  return text.charAt(from + 1) === ' ' ? undefined : end
}

/** Attributes in braces, on one line, in the forms `#id`, `.class`, `key`, `key=value`, `key="value"` and `key='value'`, without character references. */
const attributeList =
  /\{[ ]*(?:(?:#[^\s"#'.<=>`}&]+|\.[^\s"#'.<=>`}&]+|(?:[^\s\p{P}\p{S}]|[-_])(?:[^\s\p{P}\p{S}]|[-.:_])*(?:[ ]*=[ ]*(?:"[^"\n&]*"|'[^'\n&]*'|[^\s"'<=>`}&]+))?)(?:[ ]+|(?=\})))*\}/uy

/** The end of the attribute list starting at `from` (after `}`), or `undefined`. */
function attributesEnd(text: string, from: number): number | undefined {
  attributeList.lastIndex = from
  return attributeList.test(text) ? attributeList.lastIndex : undefined
}

/** Where the parts of a directive are in a text: offsets in it. */
export interface DirectiveParts {
  /** The end of the name. */
  readonly nameEnd: number
  /** The label, brackets included. */
  readonly label?: {readonly from: number; readonly to: number} | undefined
  /** The attribute list, braces included. */
  readonly attributes?: {readonly from: number; readonly to: number} | undefined
  /** After the last part. */
  readonly end: number
}

/**
 * The name, label and attributes of a directive whose name starts at `from` in `text`:
 * `undefined` when no name starts there; `false` when a label or attribute list follows the name
 * in a form not read here (micromark's to read).
 */
export function directiveParts(text: string, from: number): DirectiveParts | false | undefined {
  const nameTo = nameEnd(text, from)
  if (nameTo === -1) return undefined
  let end = nameTo
  let label: DirectiveParts['label']
  let attributes: DirectiveParts['attributes']
  if (text.charAt(end) === '[') {
    const to = labelEnd(text, end)
    if (to === undefined) return false
    label = {from: end, to}
    end = to
  }
  if (text.charAt(end) === '{') {
    const to = attributesEnd(text, end)
    if (to === undefined) return false
    attributes = {from: end, to}
    end = to
  }
  return {nameEnd: nameTo, label, attributes, end}
}

const attribute = /#([^\s"#'.<=>`}&]+)|\.([^\s"#'.<=>`}&]+)|((?:[^\s\p{P}\p{S}]|[-_])(?:[^\s\p{P}\p{S}]|[-.:_])*)(?:[ ]*=[ ]*(?:"([^"]*)"|'([^']*)'|([^\s"'<=>`}]+)))?/gu

/**
 * The attributes of a list `attributesEnd` took, as mdast-util-directive makes them: the last
 * value of a key wins, classes add up.
 */
export function readAttributes(list: string): Record<string, string> {
  const attributes: Record<string, string> = {}
  for (const match of list.slice(1, -1).matchAll(attribute)) {
    const [key, value] = match[1] !== undefined ? ['id', match[1]] : match[2] !== undefined ? ['class', match[2]] : [match[3]!, match[4] ?? match[5] ?? match[6] ?? '']
    if (key === 'class' && attributes.class) attributes.class += ' ' + value
    else attributes[key] = value
  }
  return attributes
}
