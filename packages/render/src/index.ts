export {contentSecurityPolicy, contentSecurityPolicyFor, courseScriptPath, jsonForScript, renderSite, uiStrings} from './lib/render.js'
export type {SiteInput, Target, Theme} from './lib/render.js'
