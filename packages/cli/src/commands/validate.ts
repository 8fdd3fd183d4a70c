import {formatDiagnostics, hasErrors, type Format} from '@coursemark/diagnostics'
import type {Io} from '../lib/io.js'
import {checkCourse, type CheckedCourse} from './check.js'

export interface ValidateOptions {
  readonly courses: ReadonlyArray<string>
  readonly format: Format
}

/** Validate course folders (and their translations); returns whether all are free of errors. */
export async function validate(io: Io, options: ValidateOptions): Promise<boolean> {
  const all: CheckedCourse[] = []
  for (const folder of options.courses) all.push(...(await checkCourse(io.cwd, folder)))
  if (options.format === 'json') {
    const list = all.flatMap((checked) => JSON.parse(formatDiagnostics(checked.diagnostics, 'json', {base: checked.display})) as unknown[])
    io.stdout(JSON.stringify(list, undefined, 2) + '\n')
  } else {
    for (const checked of all) {
      const text = formatDiagnostics(checked.diagnostics, options.format, {base: checked.display, sources: checked.sources})
      const name = checked.display + (checked.translation ? ' (' + checked.translation + ')' : '')
      if (options.format === 'github') io.stdout(text)
      else if (text) io.stderr(text)
      else io.stderr(name + ': no problems\n')
    }
  }
  return !all.some((checked) => hasErrors(checked.diagnostics))
}
