/** The lexical space of `xs:language` (what `xml:lang` and LOM `language` accept). */
const xsLanguage = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/

/**
 * Turn a BCP 47 language tag into a valid `xs:language`.
 *
 * @param tag
 *   Language of the course (`en`, `sl`, `de-AT`; `de_AT` is accepted too).
 * @returns
 *   The tag, or `undefined` when it cannot be one (the manifest then leaves the language out
 *   rather than be invalid).
 */
export function languageTag(tag: string): string | undefined {
  const value = tag.trim().replace(/_/g, '-')
  return xsLanguage.test(value) ? value : undefined
}
