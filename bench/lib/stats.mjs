// Small statistics and formatting helpers for the benchmark.

export function median(list) {
  if (list.length === 0) return undefined
  const sorted = [...list].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

export function min(list) {
  return list.length === 0 ? undefined : Math.min(...list)
}

/** Summary of repeated samples: median, min, max and the samples themselves. */
export function summary(list) {
  return {median: round(median(list)), min: round(min(list)), max: round(Math.max(...list)), runs: list.length, samples: list.map(round)}
}

export function round(value, digits = 2) {
  if (value === undefined || value === null || Number.isNaN(value)) return value
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

/** `1234.5` ms → `1.23 s`; below a second → `235 ms`. */
export function ms(value) {
  if (value === undefined || value === null) return '–'
  if (value >= 1000) return (value / 1000).toFixed(2) + ' s'
  if (value >= 10) return Math.round(value) + ' ms'
  return value.toFixed(1) + ' ms'
}

export function kb(bytes) {
  if (bytes === undefined || bytes === null) return '–'
  if (bytes >= 1024 * 1024 * 10) return (bytes / 1048576).toFixed(1) + ' MB'
  return (bytes / 1024).toFixed(1) + ' KB'
}

export function mb(kilobytes) {
  if (kilobytes === undefined || kilobytes === null) return '–'
  return Math.round(kilobytes / 1024) + ' MB'
}

/** A Markdown table from a header row and rows of cells. */
export function table(header, rows, align) {
  const lines = ['| ' + header.join(' | ') + ' |', '| ' + header.map((_, index) => (align?.[index] === 'r' ? '---:' : '---')).join(' | ') + ' |']
  for (const row of rows) lines.push('| ' + row.map((cell) => String(cell ?? '–')).join(' | ') + ' |')
  return lines.join('\n')
}
