import type {ErrorObject} from 'ajv/dist/2020.js'
import {schemas} from '../generated/schemas.js'
import * as coercingValidators from '../generated/validators-coercing.js'
import * as strictValidators from '../generated/validators-strict.js'

/** A validate function as ajv makes it: `errors` holds the last call's errors. */
type ValidateFunction = ((data: unknown) => boolean) & {errors?: ErrorObject[] | null}

/** Validates values against coursemark's JSON Schemas. Create one per compilation run. */
export interface Validator {
  /** Names of the schemas, e.g. `course`, `module`, `directives/quiz`. */
  readonly names: ReadonlyArray<string>
  /**
   * Validate `value` against the schema `name`. Directive attributes (strings in Markdown) are
   * coerced to numbers and booleans where their schema says so; `value` is not changed.
   */
  validate(name: string, value: unknown): {readonly value: unknown; readonly errors: ReadonlyArray<ErrorObject>}
  /** The schema `name` itself (for listing allowed properties and values). */
  schema(name: string): SchemaShape | undefined
}

/** The parts of a schema the compiler reads. */
export interface SchemaShape {
  readonly properties?: Readonly<Record<string, {readonly enum?: ReadonlyArray<unknown>}>>
  readonly required?: ReadonlyArray<string>
}

/**
 * A validator over every schema. The validation code is ajv's, compiled from schemas/ when the
 * toolkit is built (scripts/generate-schemas.mjs, ajv standalone code), with the options
 * `allErrors` and, for directive attributes, `coerceTypes`: nothing is compiled at run time.
 */
export function createValidator(): Validator {
  const names = Object.keys(schemas).sort()
  const strict = strictValidators as unknown as Record<string, ValidateFunction>
  const coercing = coercingValidators as unknown as Record<string, ValidateFunction>

  return {
    names,
    validate(name, value) {
      if (!schemas[name]) throw new Error('Unknown schema `' + name + '`')
      const directive = name.startsWith('directives/')
      const validate = (directive ? coercing : strict)[name.replace(/[^A-Za-z0-9]/g, '_')]!
      const copy = directive && value && typeof value === 'object' ? {...value} : value
      const ok = validate(copy)
      return {value: copy, errors: ok ? [] : [...(validate.errors ?? [])]}
    },
    schema(name) {
      return schemas[name] as SchemaShape | undefined
    }
  }
}
