import type {VFileMessage} from 'vfile-message'

/** A message as plain data: what the JSON reporter prints and what the CLI returns. */
export interface Diagnostic {
  readonly file: string
  readonly line: number
  readonly column: number
  readonly endLine?: number | undefined
  readonly endColumn?: number | undefined
  readonly severity: 'error' | 'warning'
  readonly rule: string
  readonly message: string
  readonly hint?: string | undefined
}

/** Turn vfile messages into diagnostics, sorted by file, line and column. */
export function toDiagnostics(messages: ReadonlyArray<VFileMessage>): Diagnostic[] {
  return messages
    .map((message) => ({
      file: message.file || 'course.yaml',
      line: message.line ?? 1,
      column: message.column ?? 1,
      endLine: message.place && 'end' in message.place ? message.place.end.line : undefined,
      endColumn: message.place && 'end' in message.place ? message.place.end.column : undefined,
      severity: message.fatal === true ? ('error' as const) : ('warning' as const),
      rule: message.ruleId ?? 'internal',
      message: message.reason,
      hint: message.note
    }))
    .sort(compareDiagnostics)
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule)
}

/** Whether any diagnostic is an error. */
export function hasErrors(diagnostics: ReadonlyArray<Diagnostic>): boolean {
  return diagnostics.some((diagnostic) => diagnostic.severity === 'error')
}
