import type {Diagnostic} from './diagnostic.js'

export type Format = 'text' | 'json' | 'github'

/** Configuration for `formatDiagnostics` (optional). */
export interface FormatOptions {
  /** Source text by file path, for code frames in the text format (optional). */
  readonly sources?: ReadonlyMap<string, string> | null | undefined
  /** Prefix for file paths, e.g. the course folder relative to the working directory (default: none). */
  readonly base?: string | null | undefined
}

/** Format diagnostics as text (with hints and code frames), JSON, or GitHub Actions annotations. */
export function formatDiagnostics(diagnostics: ReadonlyArray<Diagnostic>, format: Format, options?: FormatOptions | null): string {
  const base = options?.base ?? ''
  const located = diagnostics.map((d) => ({...d, file: joinPath(base, d.file)}))
  if (format === 'json') return JSON.stringify(located.map(({file, line, column, severity, rule, message, hint}) => ({file, line, column, severity, rule, message, hint})), undefined, 2) + '\n'
  if (format === 'github') return located.map(githubLine).join('')
  return located.map((d, index) => textBlock(d, options?.sources?.get(diagnostics[index]!.file))).join('') + summary(diagnostics)
}

function joinPath(base: string, file: string): string {
  if (!base || base === '.') return file
  return base.replace(/\/+$/, '') + '/' + file
}

function textBlock(d: Diagnostic, source: string | undefined): string {
  let out = d.file + ':' + d.line + ':' + d.column + ': ' + d.severity + ' ' + d.rule + ' ' + d.message + '\n'
  if (d.hint) out += '  hint: ' + d.hint + '\n'
  if (source !== undefined) out += codeFrame(source, d.line, d.column)
  return out
}

/** A short code frame: the line before, the line, and a caret under the column. */
export function codeFrame(source: string, line: number, column: number): string {
  const lines = source.split(/\r?\n/)
  if (line < 1 || line > lines.length) return ''
  const width = String(line).length
  let out = ''
  for (let n = Math.max(1, line - 1); n <= line; n++) {
    out += (n === line ? '  > ' : '    ') + String(n).padStart(width) + ' | ' + truncate(lines[n - 1] ?? '') + '\n'
  }
  out += '    ' + ' '.repeat(width) + ' | ' + ' '.repeat(Math.max(0, Math.min(column, 120) - 1)) + '^\n'
  return out
}

function truncate(text: string): string {
  return text.length > 120 ? text.slice(0, 119) + '…' : text
}

function summary(diagnostics: ReadonlyArray<Diagnostic>): string {
  if (diagnostics.length === 0) return ''
  const errors = diagnostics.filter((d) => d.severity === 'error').length
  const warnings = diagnostics.length - errors
  return plural(errors, 'error') + ', ' + plural(warnings, 'warning') + '\n'
}

function plural(count: number, word: string): string {
  return count + ' ' + word + (count === 1 ? '' : 's')
}

function githubLine(d: Diagnostic): string {
  const properties = 'file=' + escapeProperty(d.file) + ',line=' + d.line + ',col=' + d.column +
    (d.endLine ? ',endLine=' + d.endLine : '') + ',title=' + escapeProperty(d.rule)
  return '::' + d.severity + ' ' + properties + '::' + escapeData(d.message + (d.hint ? ' — ' + d.hint : '')) + '\n'
}

function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
}
