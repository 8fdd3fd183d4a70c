import Handlebars from 'handlebars'
import type {Course} from '@coursemark/model'

/** A theme as values: what `themes/<name>/` holds. Loaded by the CLI. */
export interface Theme {
  readonly name: string
  /** Handlebars source of the launch page (`layout.hbs`). */
  readonly layout: string
  /** Handlebars partials by name (`partials/*.hbs`). */
  readonly partials: Readonly<Record<string, string>>
  /** The stylesheet (`coursemark.css`). */
  readonly css: string
  /** UI strings by language (`strings/<lang>.json`); `en` is the fallback and must exist. */
  readonly strings: Readonly<Record<string, Readonly<Record<string, string>>>>
  /** Files the theme ships (`assets/**`: logos, fonts), by path; packed under `assets/theme/` (optional). */
  readonly assets?: Readonly<Record<string, Uint8Array>> | undefined
}

export type Target = 'web' | 'scorm12' | 'scorm2004' | 'xapi' | 'cmi5'

/** What `renderSite` needs. */
export interface SiteInput {
  /** The course as learners get it (see `forLearners`). */
  readonly course: Course
  readonly theme: Theme
  /** The runtime bundle (`assets/coursemark.js`). */
  readonly runtime: string
  readonly target: Target
}

/** The Content-Security-Policy of every page: nothing but the package itself. */
export const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"

/**
 * The Content-Security-Policy of a target's pages. xAPI and cmi5 packages talk to an LRS (and
 * cmi5 to the LMS's fetch URL) whose address comes from the launch URL, so it cannot be known
 * when the package is built: for those two targets `connect-src` also allows `https:` and
 * `http:` (plain http for LMSs on closed intranets; a page served over https still cannot reach
 * http, browsers block mixed content). Scripts stay `'self'` only, so nothing but the runtime
 * can use that wider `connect-src`. See docs/xapi.md, “Security”.
 */
export function contentSecurityPolicyFor(target: Target): string {
  return target === 'xapi' || target === 'cmi5' ? contentSecurityPolicy.replace("connect-src 'self'", "connect-src 'self' https: http:") : contentSecurityPolicy
}

const encoder = new TextEncoder()

/** The script that holds the course, beside the launch page. */
export const courseScriptPath = 'course.js'

/**
 * Render the launch page and assets of a package: `index.html`, `course.js` (the course),
 * `assets/coursemark.js`, `assets/coursemark.css`. Pure: one isolated Handlebars environment per call.
 *
 * The course is a script of its own rather than JSON inside the page: the browser parses a page
 * of 10 MB (1000 modules) slowly, but reads a script's string off the main thread. A layout
 * that still embeds `{{courseJson}}` gets the course inside the page and no `course.js`.
 */
export function renderSite(input: SiteInput): Map<string, Uint8Array> {
  const {course, theme, runtime, target} = input
  const handlebars = Handlebars.create()
  for (const [name, source] of Object.entries(theme.partials)) handlebars.registerPartial(name, source)
  const layout = handlebars.compile(theme.layout, {strict: true})
  const strings = uiStrings(theme, course.language)
  const html = layout({
    theme: theme.name,
    strings,
    language: course.language,
    direction: rtl.has(course.language.split('-')[0]!.toLowerCase()) ? 'rtl' : 'ltr',
    title: course.title,
    description: course.description,
    target,
    csp: contentSecurityPolicyFor(target),
    noscript: strings['noscript'] ?? 'This course needs JavaScript.',
    courseJson: new handlebars.SafeString(courseMarker),
    stringsJson: new handlebars.SafeString(jsonForScript(strings))
  })
  if (!html.includes(handlebars.Utils.escapeExpression(contentSecurityPolicyFor(target)))) {
    throw new Error('Unexpected layout of theme `' + theme.name + '` without the Content-Security-Policy, expected `<meta http-equiv="Content-Security-Policy" content="{{csp}}">`')
  }
  const files = new Map<string, Uint8Array>()
  if (html.includes(courseMarker)) {
    files.set('index.html', withCourse(html, course))
  } else if (html.includes('<script src="' + courseScriptPath + '"></script>')) {
    files.set('index.html', encoder.encode(html))
    files.set(courseScriptPath, courseScript(course))
  } else {
    throw new Error('Unexpected layout of theme `' + theme.name + '` without the course, expected `<script src="' + courseScriptPath + '"></script>` before `<script src="assets/coursemark.js"></script>`')
  }
  files.set('assets/coursemark.css', encoder.encode(theme.css))
  files.set('assets/coursemark.js', encoder.encode(runtime))
  for (const name of Object.keys(theme.assets ?? {}).sort()) files.set('assets/theme/' + name, theme.assets![name]!)
  return files
}

/** The UI strings for a language: the theme's English strings, overlaid with the language's (then its base language's). */
export function uiStrings(theme: Theme, language: string): Record<string, string> {
  const base = language.split('-')[0]!.toLowerCase()
  return {...theme.strings['en'], ...theme.strings[base], ...theme.strings[language]}
}

const rtl = new Set(['ar', 'he', 'fa', 'ur'])

/**
 * What the layout gets for `{{courseJson}}`; swapped for the course's JSON once rendered. Other
 * values are escaped (`<` never comes out of them), and a theme's own markup has no NUL.
 */
const courseMarker = '<\u0000coursemark-course\u0000>'

/** The course as UTF-8 JSON for a `<script>` (in the page), by course: every target embeds the same bytes (a course is never changed once built). */
const courseBytes = new WeakMap<object, Uint8Array>()

/** `course.js` by course: every target ships the same file (a course is never changed once built). */
const courseScripts = new WeakMap<object, Uint8Array>()

/**
 * The launch page's bytes when the layout embeds the course: the rendered layout with the
 * course's JSON in place of the marker. The JSON is encoded once per course, not once per target.
 */
function withCourse(html: string, course: Course): Uint8Array {
  const at = html.indexOf(courseMarker)
  if (html.includes(courseMarker, at + 1)) return encoder.encode(html.split(courseMarker).join(jsonForScript(course)))
  let json = courseBytes.get(course)
  if (!json) courseBytes.set(course, (json = encoder.encode(jsonForScript(course))))
  const before = encoder.encode(html.slice(0, at))
  const after = encoder.encode(html.slice(at + courseMarker.length))
  const bytes = new Uint8Array(before.length + json.length + after.length)
  bytes.set(before, 0)
  bytes.set(json, before.length)
  bytes.set(after, before.length + json.length)
  return bytes
}

/**
 * `course.js`: `window.coursemarkCourse = JSON.parse("…")`. Browsers parse a large JSON string
 * faster than the same object written as a literal. The file is never part of an HTML page, so
 * `<` needs no escaping; U+2028 and U+2029 are, for older script parsers.
 */
function courseScript(course: Course): Uint8Array {
  let script = courseScripts.get(course)
  if (!script) {
    const literal = JSON.stringify(JSON.stringify(course)).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
    script = encoder.encode('window.coursemarkCourse = JSON.parse(' + literal + ');\n')
    courseScripts.set(course, script)
  }
  return script
}

/** JSON that is safe inside `<script type="application/json">`. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
}
