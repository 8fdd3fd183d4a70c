/**
 * Text as manifests need it. Templates escape markup (`&`, `<`, `>`, quotes) themselves; these
 * helpers deal with what escaping cannot fix.
 */

/** Longest title Moodle accepts on import (it fails on longer ones); the SCORM 2004 limit. */
export const maxTitleLength = 255

/** Longest title the SCORM 1.2 content packaging schema allows (`titleType`, `maxLength` 200). */
export const maxTitleLength12 = 200

/** Characters XML 1.0 forbids even as character references (C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates). */
const invalidXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/**
 * Drop characters that cannot appear in an XML 1.0 document.
 *
 * @param value
 *   Any string.
 * @returns
 *   `value` without them.
 */
export function xmlText(value: string): string {
  return value.replace(invalidXml, '')
}

/**
 * Make a one-line title of at most `max` characters (Unicode code points), ending in `…` when it
 * had to be cut.
 *
 * @param value
 *   Title as written by the author.
 * @param fallback
 *   Used when `value` is empty after trimming (for example the course slug).
 * @param max
 *   Longest allowed title (default: `maxTitleLength`, 255).
 * @returns
 *   The title for `<title>` elements.
 */
export function manifestTitle(value: string, fallback: string, max = maxTitleLength): string {
  const line = xmlText(value).replace(/\s+/g, ' ').trim() || xmlText(fallback).replace(/\s+/g, ' ').trim()
  const codePoints = [...line]
  if (codePoints.length <= max) return line
  return codePoints.slice(0, max - 1).join('').trimEnd() + '…'
}
