/**
 * Whether `line` can be a GFM table's delimiter row: its trailing run of spaces, tabs, `|`, `:`
 * and `-` holds a `-` and a `:` or `|` (micromark-extension-gfm-table needs both in a delimiter
 * row; before the run come the line's container markers, if any).
 */
export function mayBeDelimiterRow(line: string): boolean {
  const run = /[ \t|:-]*$/.exec(line)![0]
  return run.includes('-') && (run.includes('|') || run.includes(':'))
}
