import {createRequire} from 'node:module'

/** The version of the coursemark CLI, from its package.json. */
export const version = (createRequire(import.meta.url)('../../package.json') as {version: string}).version
