/**
 * Identifiers for package manifests: valid `xs:ID` values (NCNames) that stay the same across
 * versions of a course, because LMSs key learner tracking on them (Moodle deletes a learner's
 * tracks when a SCO identifier disappears). They are derived from names the author chose (course
 * slug, module ids, outcome ids), never from the version, a date or a position.
 */

/** Longest identifier emitted (Moodle stores SCO identifiers in `varchar(255)`). */
const maxLength = 200

/** Characters an ASCII NCName may contain after the first one. */
const ncNameRest = /^[A-Za-z_][\w.-]*$/

/**
 * Turn any string into an ASCII NCName (`xs:ID`, `xs:NCName`).
 *
 * A value that already is one (and is not too long) is returned unchanged. Otherwise accents are
 * dropped, other characters become `-`, a leading digit, `-` or `.` gets an `_` before it, and a
 * short hash of the original value is appended, so two different inputs never end up the same
 * (`a b` and `a-b` give `a-b-…` and `a-b`).
 *
 * @param value
 *   Any string (slug, module id, outcome id).
 * @returns
 *   An NCName of at most 200 characters.
 */
export function toNcName(value: string): string {
  if (value.length <= maxLength && ncNameRest.test(value)) return value
  const base = value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\w.-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength - 12)
  const start = /^[A-Za-z_]/.test(base) ? base : '_' + base
  return (start === '_' ? '_' : start + '-') + hash(value)
}

/**
 * A set of identifiers that hands out unique ones.
 * Create one per document: all `xs:ID` values of a document share one space.
 */
export interface IdentifierSet {
  /**
   * Reserve an identifier.
   *
   * @param wanted
   *   Preferred identifier (any string: it is passed through `toNcName`).
   * @returns
   *   `toNcName(wanted)`, or that plus `-2`, `-3`, … when it is already taken.
   */
  take(wanted: string): string
}

/** Create an empty identifier set. */
export function createIdentifierSet(): IdentifierSet {
  const taken = new Set<string>()
  return {
    take(wanted) {
      const base = toNcName(wanted)
      let candidate = base
      let suffix = 1
      while (taken.has(candidate)) {
        suffix++
        candidate = base + '-' + String(suffix)
      }
      taken.add(candidate)
      return candidate
    }
  }
}

/** FNV-1a (32 bit) of the UTF-16 code units of `value`, in base 36. */
function hash(value: string): string {
  let h = 0x811c9dc5
  for (let index = 0; index < value.length; index++) {
    h ^= value.charCodeAt(index)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h.toString(36)
}
