export {maxDepth, parseMarkdown, parseWithMicromark, takesFastPath} from './lib/parse.js'
export type {ParseResult} from './lib/parse.js'
export {balanceFences} from './lib/fences.js'
export type {FenceReport} from './lib/fences.js'
