/** Text for `tincan.xml` and `cmi5.xml`: one line, no characters XML forbids. */

import {xmlText} from '../lom/text.js'

/**
 * A name or title: whitespace collapsed, or `fallback` when empty.
 *
 * @param value
 *   Text as written.
 * @param fallback
 *   Used when `value` is empty (an id).
 * @returns
 *   The text (Handlebars escapes markup).
 */
export function lineText(value: string | undefined, fallback: string): string {
  return xmlText(value ?? '').replace(/\s+/g, ' ').trim() || xmlText(fallback).replace(/\s+/g, ' ').trim()
}
