export {guideLabels, renderGuide} from './lib/guide.js'
export type {GuideLabels, GuideOptions} from './lib/guide.js'
export {bestPath} from './lib/scenario.js'
