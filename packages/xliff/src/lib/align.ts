import type {Inline} from './inline.js'

interface Code {
  readonly id: number
  readonly signature: string
}

function codesOf(parts: ReadonlyArray<Inline>): Code[] {
  const byId = new Map<number, {open?: string; close?: string; ph?: string; ctype?: string}>()
  const order: number[] = []
  for (const part of parts) {
    if (part.type === 'text') continue
    let entry = byId.get(part.id)
    if (!entry) {
      byId.set(part.id, (entry = {}))
      order.push(part.id)
    }
    entry[part.type] = part.native
  }
  return order.map((id) => {
    const entry = byId.get(id)!
    return {id, signature: JSON.stringify([entry.open ?? null, entry.close ?? null, entry.ph ?? null])}
  })
}

/**
 * Number the codes of a translated text like the codes of its source: a code with the same
 * Markdown (`**`, `](url)`) takes the source's id; others get new ids and keep their own text.
 */
export function alignCodes(source: ReadonlyArray<Inline>, translated: ReadonlyArray<Inline>): Inline[] {
  const sourceCodes = codesOf(source)
  const used = new Set<number>()
  const mapping = new Map<number, number>()
  let fresh = Math.max(0, ...sourceCodes.map((code) => code.id))
  for (const code of codesOf(translated)) {
    const match = sourceCodes.find((candidate) => !used.has(candidate.id) && candidate.signature === code.signature)
    if (match) {
      used.add(match.id)
      mapping.set(code.id, match.id)
    } else {
      mapping.set(code.id, ++fresh)
    }
  }
  return translated.map((part) => (part.type === 'text' ? part : {...part, id: mapping.get(part.id) ?? part.id}))
}
