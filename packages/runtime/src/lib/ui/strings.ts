/** Look up a UI string and fill in `{name}` placeholders. */
export type Translate = (key: string, values?: Readonly<Record<string, string | number>>) => string

/**
 * Create a lookup over the strings of the launch page, with the built-in English strings
 * as fallback for keys the page does not have (and the key itself as the last resort).
 */
export function createTranslate(strings: Readonly<Record<string, unknown>>, fallback: Readonly<Record<string, string>>): Translate {
  return function (key, values) {
    const own = Object.prototype.hasOwnProperty.call(strings, key) ? strings[key] : undefined
    const template = typeof own === 'string' ? own : Object.prototype.hasOwnProperty.call(fallback, key) ? fallback[key] ?? key : key
    return template.replace(/\{([\w. ]+)\}/g, (match, name: string) =>
      values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match)
  }
}

/**
 * A percentage (0–100) written the way the course language writes it (`50 %` in German,
 * `%50` in Turkish, `66,67 %` with a decimal comma), at most two decimals.
 */
export function formatPercent(language: string, percent: number): string {
  try {
    let format = percentFormats.get(language)
    if (!format) percentFormats.set(language, (format = new Intl.NumberFormat(language, {style: 'percent', maximumFractionDigits: 2})))
    return format.format(percent / 100)
  } catch {
    return percent + '%'
  }
}

/** Number formats by language: making one costs more than formatting many numbers. */
const percentFormats = new Map<string, Intl.NumberFormat>()
