/**
 * Normalise free text for comparison: case-insensitive, whitespace collapsed,
 * accents ignored (NFD, combining marks removed).
 */
export function normalizeText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * Parse a number typed by a learner: surrounding and grouping spaces are ignored,
 * and a lone comma is read as a decimal separator (`3,5` → 3.5).
 * Returns `undefined` when the text is not a finite number.
 */
export function parseNumber(value: string): number | undefined {
  let text = value.replace(/[\s\u00a0\u202f]/g, '')
  if (text.indexOf(',') !== -1 && text.indexOf('.') === -1 && text.split(',').length === 2) text = text.replace(',', '.')
  if (!/^[-+\u2212]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) return undefined
  const number = Number(text.replace('\u2212', '-'))
  return Number.isFinite(number) ? number : undefined
}
