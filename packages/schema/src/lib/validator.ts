import {Ajv2020, type ErrorObject, type ValidateFunction} from 'ajv/dist/2020.js'
import {schemas} from '../generated/schemas.js'

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

/** Compile every schema once. Never keep the result in a module-level variable. */
export function createValidator(): Validator {
  // The schemas are not checked against the JSON Schema 2020-12 meta-schema here: compiling the
  // meta-schema costs about 40 ms on every run, and the schemas are fixed when the toolkit is
  // built (packages/schema/test/schemas.test.ts checks every one of them).
  const strict = new Ajv2020({allErrors: true, strict: false, validateSchema: false})
  const coercing = new Ajv2020({allErrors: true, strict: false, coerceTypes: true, validateSchema: false})
  for (const schema of Object.values(schemas)) {
    strict.addSchema(schema)
    coercing.addSchema(schema)
  }
  const cache = new Map<string, ValidateFunction>()
  const names = Object.keys(schemas).sort()

  return {
    names,
    validate(name, value) {
      const schema = schemas[name]
      if (!schema) throw new Error('Unknown schema `' + name + '`')
      const directive = name.startsWith('directives/')
      let validate = cache.get(name)
      if (!validate) {
        validate = (directive ? coercing : strict).getSchema((schema as {$id: string}).$id)!
        cache.set(name, validate)
      }
      const copy = directive && value && typeof value === 'object' ? {...value} : value
      const ok = validate(copy)
      return {value: copy, errors: ok ? [] : [...(validate.errors ?? [])]}
    },
    schema(name) {
      return schemas[name] as SchemaShape | undefined
    }
  }
}
