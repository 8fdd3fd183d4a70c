import fs from 'node:fs/promises'
import path from 'node:path'
import {formatDiagnostics, hasErrors} from '@coursemark/diagnostics'
import type {Course} from '@coursemark/model'
import {createReport, mediaSeconds, renderReportHtml, type Report} from '@coursemark/report'
import {ExitError, type Io} from '../lib/io.js'
import {writeAtomic} from '../lib/write-atomic.js'
import {checkCourse, type CheckedCourse} from './check.js'

export interface ReportOptions {
  readonly course: string
  readonly format: 'html' | 'json'
  /** File to write; `-` for standard output (default: JSON to standard output, HTML to `<course>-report.html`). */
  readonly out?: string | undefined
}

/** Read, check and report on a course: the alignment matrix, durations, Bloom levels, translations. */
export async function report(io: Io, options: ReportOptions): Promise<void> {
  const [source, ...translations] = await checkCourse(io.cwd, options.course)
  const course = source?.result.course
  if (!source || !course || hasErrors(source.diagnostics)) {
    if (source) io.stderr(formatDiagnostics(source.diagnostics, 'text', {base: source.display, sources: source.sources}))
    io.stderr((source?.display ?? options.course) + ': no report, fix the errors above first.\n')
    throw new ExitError(1)
  }
  const data = await reportOf(source, course, translations)
  const text = options.format === 'json' ? JSON.stringify(data, undefined, 2) + '\n' : renderReportHtml(data)
  const out = options.out ?? (options.format === 'json' ? '-' : course.slug + '-report.html')
  if (out === '-') {
    io.stdout(text)
    return
  }
  const file = path.resolve(io.cwd, out)
  await writeAtomic(file, new TextEncoder().encode(text))
  io.stderr('Wrote ' + path.relative(io.cwd, file) + '\n')
}

/** The report data of a checked course (reads the media to measure clips). */
export async function reportOf(source: CheckedCourse, course: Course, translations: ReadonlyArray<CheckedCourse>): Promise<Report> {
  const seconds = new Map<string, number>()
  for (const ref of course.media) {
    if (ref.kind !== 'video' && ref.kind !== 'audio' && ref.kind !== 'captions') continue
    const bytes = await fs.readFile(path.join(source.root, ...ref.path.split('/'))).catch(() => undefined)
    const value = bytes ? mediaSeconds(ref.path, new Uint8Array(bytes)) : undefined
    if (value !== undefined) seconds.set(ref.path, value)
  }
  return createReport({
    course,
    mediaSeconds: seconds,
    translations: translations.map((checked) => ({
      language: checked.translation ?? '',
      diagnostics: checked.diagnostics,
      course: checked.result.course,
      files: [...checked.sources.keys()]
    }))
  })
}
