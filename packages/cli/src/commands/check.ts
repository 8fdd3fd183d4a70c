import path from 'node:path'
import {compileCourse, type CompileResult} from '@coursemark/compiler'
import {compareDiagnostics, toDiagnostics, type Diagnostic} from '@coursemark/diagnostics'
import type {Validator} from '@coursemark/schema'
import {readCourse, type ReadCourse} from '../lib/read-course.js'

/** A course read and compiled, with every diagnostic (reading and compiling) in file order. */
export interface CheckedCourse {
  readonly read: ReadCourse
  readonly result: CompileResult
  readonly diagnostics: ReadonlyArray<Diagnostic>
  /** The course folder as the user named it, for printing paths. */
  readonly display: string
}

/** Read and compile one course folder. */
export async function checkCourse(cwd: string, folder: string, validator?: Validator): Promise<CheckedCourse> {
  const read = await readCourse(path.resolve(cwd, folder))
  const result = compileCourse(read.input, {validator})
  const diagnostics = [...read.diagnostics, ...toDiagnostics(result.messages)].sort(compareDiagnostics)
  return {read, result, diagnostics, display: path.relative(cwd, read.root) || '.'}
}
