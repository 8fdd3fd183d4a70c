// Learning Locker's xAPI statement validator (`@learninglocker/xapi-validation`).
import {createRequire} from 'node:module'

const require = createRequire(import.meta.url)
const validate = (require('@learninglocker/xapi-validation') as {default: (data: unknown) => ReadonlyArray<{readonly path: ReadonlyArray<string | number>; readonly typeName?: string; readonly constructor: {readonly name: string}}>}).default

/** What the validator finds wrong with a statement: `path: warning (expected type)`; empty when valid. */
export function statementProblems(statement: unknown): string[] {
  return validate(statement).map((warning) => warning.path.join('.') + ': ' + warning.constructor.name + (warning.typeName ? ' (' + warning.typeName + ')' : ''))
}
