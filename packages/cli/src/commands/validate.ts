import {formatDiagnostics, hasErrors, type Format} from '@coursemark/diagnostics'
import type {Io} from '../lib/io.js'
import {checkCourse} from './check.js'

export interface ValidateOptions {
  readonly courses: ReadonlyArray<string>
  readonly format: Format
}

/** Validate course folders; returns whether all are free of errors. */
export async function validate(io: Io, options: ValidateOptions): Promise<boolean> {
  let ok = true
  const all = []
  for (const folder of options.courses) {
    const checked = await checkCourse(io.cwd, folder)
    if (hasErrors(checked.diagnostics)) ok = false
    all.push(checked)
  }
  if (options.format === 'json') {
    const list = all.flatMap((checked) => JSON.parse(formatDiagnostics(checked.diagnostics, 'json', {base: checked.display})) as unknown[])
    io.stdout(JSON.stringify(list, undefined, 2) + '\n')
  } else {
    for (const checked of all) {
      const text = formatDiagnostics(checked.diagnostics, options.format, {base: checked.display, sources: checked.read.input.files})
      if (options.format === 'github') io.stdout(text)
      else if (text) io.stderr(text)
      else io.stderr(checked.display + ': no problems\n')
    }
  }
  return ok
}
