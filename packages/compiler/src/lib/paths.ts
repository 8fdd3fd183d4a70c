/** Result of resolving an author's path against the course folder. */
export type Resolved =
  | {readonly kind: 'inside'; readonly path: string}
  | {readonly kind: 'outside'}
  | {readonly kind: 'external'; readonly url: string}

/**
 * Resolve `reference` (as written in `from`, a course-relative file path) to a course-relative,
 * `/`-separated path. Pure string work: nothing is read. Paths that leave the course folder,
 * absolute paths and `file:` URLs are `outside`.
 */
export function resolvePath(from: string, reference: string): Resolved {
  const trimmed = reference.trim()
  if (/^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(trimmed) || /^(?:https?|ftp|data|blob|javascript|mailto|tel):/i.test(trimmed)) {
    return {kind: 'external', url: trimmed}
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) && !/^[a-z]:[\\/]/i.test(trimmed)) return {kind: 'external', url: trimmed}
  const decoded = trimmed.split(/[?#]/)[0]!.split('/').map(decodeSegment).join('/')
  if (decoded.startsWith('/') || decoded.startsWith('\\') || /^[a-z]:[\\/]/i.test(decoded) || decoded.includes('\0')) return {kind: 'outside'}
  const base = from.split('/').slice(0, -1)
  const parts = [...base]
  for (const part of decoded.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') {
      if (parts.length === 0) return {kind: 'outside'}
      parts.pop()
    } else {
      parts.push(part)
    }
  }
  if (parts.length === 0) return {kind: 'outside'}
  return {kind: 'inside', path: parts.join('/')}
}

/** `decodeURIComponent`, but text that is not valid percent-encoding (a stray `%`) stays as written. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
