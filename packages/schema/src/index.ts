export {createValidator} from './lib/validator.js'
export type {SchemaShape, Validator} from './lib/validator.js'
export {describeErrors} from './lib/describe.js'
export type {DescribeOptions, ErrorDescription} from './lib/describe.js'
