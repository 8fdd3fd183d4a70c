/** A piece of translatable text: plain text, or a code that stands for Markdown syntax. */
export type Inline =
  | {readonly type: 'text'; readonly value: string}
  /** Start of a span (`**`, `[`, `:term[`): XLIFF `<bpt>`. */
  | {readonly type: 'open'; readonly id: number; readonly ctype: string; readonly native: string}
  /** End of a span (`**`, `](url)`, `]{def="…"}`): XLIFF `<ept>`. */
  | {readonly type: 'close'; readonly id: number; readonly native: string}
  /** Something that is not text (inline code, a line break, a footnote mark): XLIFF `<ph>`. */
  | {readonly type: 'ph'; readonly id: number; readonly ctype: string; readonly native: string}

/** The Markdown a list of inline parts stands for. */
export function inlineToMarkdown(parts: ReadonlyArray<Inline>): string {
  return parts.map((part) => (part.type === 'text' ? part.value : part.native)).join('')
}

/** The text of inline parts without codes (to tell whether there is anything to translate). */
export function inlineText(parts: ReadonlyArray<Inline>): string {
  return parts.map((part) => (part.type === 'text' ? part.value : '')).join('')
}

/** Merge adjacent text parts. */
export function normalizeInline(parts: ReadonlyArray<Inline>): Inline[] {
  const result: Inline[] = []
  for (const part of parts) {
    const last = result[result.length - 1]
    if (part.type === 'text' && last?.type === 'text') result[result.length - 1] = {type: 'text', value: last.value + part.value}
    else if (part.type !== 'text' || part.value !== '') result.push(part)
  }
  return result
}
