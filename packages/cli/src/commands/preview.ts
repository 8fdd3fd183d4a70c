import fsp from 'node:fs/promises'
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import path from 'node:path'
import {compileCourse, createCompileCache, type CourseInput} from '@coursemark/compiler'
import {compareDiagnostics, hasErrors, quoteList, rules, toDiagnostics, type Diagnostic} from '@coursemark/diagnostics'
import {forLearners, type Course} from '@coursemark/model'
import {renderSite, type Theme} from '@coursemark/render'
import {createValidator} from '@coursemark/schema'
import {ExitError, type Io} from '../lib/io.js'
import {checkTranslation} from './check.js'
import {hostPage, hostScript, hostStyle, placeholderPage, previewBase, reloadScript} from '../lib/preview-host.js'
import {maxTextBytes, readCourse} from '../lib/read-course.js'
import {loadRuntime, loadTheme} from '../lib/resources.js'
import {watchTree} from '../lib/watch.js'

export interface PreviewOptions {
  readonly course: string
  /** Port on 127.0.0.1 (0: any free port). */
  readonly port: number
  /** Play this translation (`translations/<language>/`) instead of the source (default: the source). */
  readonly language?: string | undefined
  /** Stop after this signal (tests); default: runs until the process is stopped. */
  readonly signal?: AbortSignal | undefined
}

/** What the host page asks for at `/__coursemark/state`. */
interface PreviewState {
  version: number
  ok: boolean
  /** Whether a course without errors has been built (the frame shows the last one). */
  site: boolean
  title: string
  /** The course id (the inspector shows xAPI activity ids after it). */
  courseId: string
  folder: string
  root: string
  ms: number
  diagnostics: Diagnostic[]
}

const types: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.avif': 'image/avif',
  '.mp4': 'video/mp4', '.webm': 'video/webm', '.mp3': 'audio/mpeg', '.ogg': 'audio/ogg', '.m4a': 'audio/mp4', '.vtt': 'text/vtt; charset=utf-8',
  '.md': 'text/plain; charset=utf-8', '.txt': 'text/plain; charset=utf-8', '.pdf': 'application/pdf', '.woff2': 'font/woff2'
}
const skipped = /(^|\/)(\.|node_modules(\/|$)|dist(\/|$))/
const textFile = /\.(md|ya?ml)$/i
const encoder = new TextEncoder()

/**
 * `coursemark preview`: serve the course on 127.0.0.1 as a learner sees it, inside a host page
 * with an LMS inspector; watch the folder, re-read only the files that changed, recompile, and
 * reload the open page. Prints the time of each rebuild.
 */
export async function preview(io: Io, options: PreviewOptions): Promise<void> {
  const read = await readCourse(path.resolve(io.cwd, options.course)).catch(() => undefined)
  if (!read) {
    io.stderr('Cannot read the course folder ' + options.course + '.\n')
    throw new ExitError(2)
  }
  const root = read.root
  const folder = path.relative(io.cwd, root) || '.'
  const validator = createValidator()
  // Kept between rebuilds: a save recompiles only the modules it changed (of the source and of the translation played).
  const cache = createCompileCache()
  const translationCache = createCompileCache()
  const runtime = await loadRuntime('preview')
  let input: {slug: string; files: Map<string, string>; assets: Set<string>} = {slug: read.input.slug, files: new Map(read.input.files), assets: new Set(read.input.assets)}
  let readProblems: Diagnostic[] = [...read.diagnostics]
  let theme: Theme | undefined
  let themeName = ''
  let site = new Map<string, Uint8Array>()
  /** Media the course uses: the path in the site → the path in the course folder. */
  let media = new Map<string, string>()
  /** The languages the course can be played in (known once the source compiles). */
  let languages: ReadonlyArray<string> | undefined
  const state: PreviewState = {version: 0, ok: false, site: false, title: read.input.slug, courseId: '', folder, root, ms: 0, diagnostics: []}
  const clients = new Set<http.ServerResponse>()

  let stamps = await stampsOf(root, input.assets)

  async function rebuild(named: ReadonlyArray<string> | undefined): Promise<void> {
    const started = performance.now()
    let changed: string[] = []
    if (named) {
      const next = await applyChanges(root, input, stamps, named)
      if (next === 'reread') {
        const again = await readCourse(root)
        input = {slug: again.input.slug, files: new Map(again.input.files), assets: new Set(again.input.assets)}
        readProblems = [...again.diagnostics]
        stamps = await stampsOf(root, input.assets)
        changed = ['(folder)']
      } else {
        changed = next
      }
      // Nothing the course holds changed (a temporary file, a save without changes): no rebuild.
      if (changed.length === 0) return
      if (changed.some((file) => file.startsWith('themes/') || file === '(folder)')) theme = undefined
    }
    const readDone = performance.now()
    const result = compileCourse(input as CourseInput, {validator, cache})
    const translated = await translation(result.ok ? result.course : undefined)
    const compiled = performance.now()
    const diagnostics = [...readProblems, ...toDiagnostics(result.messages), ...(translated?.diagnostics ?? [])].sort(compareDiagnostics)
    let course: Course | undefined = translated ? translated.course : result.ok ? result.course : undefined
    if (course) {
      try {
        if (!theme || themeName !== course.theme) {
          theme = await loadTheme(course.theme, {courseRoot: root})
          themeName = course.theme
        }
        const learner = forLearners(course)
        const files = renderSite({course: learner, theme, runtime, target: 'scorm12'})
        const index = files.get('index.html')
        if (index) files.set('index.html', encoder.encode(new TextDecoder().decode(index).replace('</body>', '<script src="' + previewBase + 'reload.js"></script>\n</body>')))
        site = files
        media = new Map(learner.media.map((ref) => [ref.path, translated?.mediaRoot(ref.path) ?? ref.path]))
        state.title = course.title
        state.courseId = course.id
      } catch (error) {
        course = undefined
        diagnostics.push({file: 'course.yaml', line: 1, column: 1, severity: 'error', rule: 'theme', message: error instanceof Error ? error.message : String(error)})
      }
    }
    const done = performance.now()
    state.version++
    state.ok = course !== undefined
    state.site ||= state.ok
    state.diagnostics = diagnostics
    state.ms = Math.round(done - started)
    const errors = diagnostics.filter((d) => d.severity === 'error').length
    const what = !named ? 'Built' : changed[0] === '(folder)' ? 'Files added or removed: read again and rebuilt' :
      changed.slice(0, 3).join(', ') + (changed.length > 3 ? ' and ' + (changed.length - 3) + ' more' : '') + ' changed: rebuilt'
    io.stderr(what + ' in ' + state.ms + ' ms (read ' + Math.round(readDone - started) + ' ms, compile ' + Math.round(compiled - readDone) + ' ms, render ' + Math.round(done - compiled) + ' ms)' +
      (errors > 0 ? ', ' + errors + (errors === 1 ? ' error' : ' errors') + ' (shown in the page)' : '') + '\n')
    for (const client of clients) client.write('event: build\ndata: ' + JSON.stringify({version: state.version, ok: state.ok, ms: state.ms}) + '\n\n')
  }

  /**
   * With `--lang`: the translation of the compiled source (`undefined` when playing the source),
   * its diagnostics, and where its media live (translated media in `translations/<language>/`).
   */
  async function translation(source: Course | undefined): Promise<{course: Course | undefined; diagnostics: ReadonlyArray<Diagnostic>; mediaRoot: (file: string) => string} | undefined> {
    if (!source) return undefined
    languages = [source.language, ...source.translations]
    const language = options.language
    if (!language || language === source.language) return undefined
    if (!source.translations.includes(language)) {
      return {course: undefined, mediaRoot: (file) => file, diagnostics: [{file: 'course.yaml', line: 1, column: 1, severity: 'error', rule: rules.translationMissing.id,
        message: 'Unexpected language `' + language + '` for --lang, expected ' + quoteList(languages) + ' (the course’s language or one listed under `translations:`)', hint: rules.translationMissing.hint}]}
    }
    const checked = await checkTranslation({root, input: input as CourseInput, diagnostics: []}, source, folder, language, validator, translationCache)
    return {course: hasErrors(checked.diagnostics) ? undefined : checked.result.course, diagnostics: checked.diagnostics, mediaRoot: checked.mediaRoot}
  }

  await rebuild(undefined)
  if (options.language && languages && !languages.includes(options.language)) {
    io.stderr('The course has no translation `' + options.language + '`: use --lang with ' + quoteList(languages) + '.\n')
    throw new ExitError(2)
  }

  const server = http.createServer((request, response) => {
    void handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500)
      response.end()
    })
  })

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end()
      return
    }
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname)
    const send = (status: number, type: string, body: string | Uint8Array): void => {
      const bytes = typeof body === 'string' ? encoder.encode(body) : body
      response.writeHead(status, {'content-type': type, 'content-length': bytes.length, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff'})
      response.end(request.method === 'HEAD' ? undefined : bytes)
    }
    if (pathname === '/' || pathname === '/index.html') return send(200, types['.html']!, hostPage(state.title))
    if (pathname === previewBase + 'host.js') return send(200, types['.js']!, hostScript)
    if (pathname === previewBase + 'host.css') return send(200, types['.css']!, hostStyle)
    if (pathname === previewBase + 'reload.js') return send(200, types['.js']!, reloadScript)
    if (pathname === previewBase + 'state') return send(200, types['.json']!, JSON.stringify(state))
    if (pathname === previewBase + 'events') {
      response.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive'})
      response.write('retry: 500\n\n')
      clients.add(response)
      request.on('close', () => clients.delete(response))
      return
    }
    if (pathname === '/course' || pathname === '/course/') {
      response.writeHead(302, {location: '/course/index.html'}).end()
      return
    }
    if (pathname.startsWith('/course/')) {
      const file = pathname.slice('/course/'.length)
      if (!state.site && file === 'index.html') return send(200, types['.html']!, placeholderPage())
      const built = site.get(file)
      if (built) return send(200, types[path.extname(file).toLowerCase()] ?? 'application/octet-stream', built)
      // Media are read from the course folder, and only those the course uses.
      const source = media.get(file)
      if (source !== undefined) {
        const bytes = await fsp.readFile(path.join(root, ...source.split('/'))).catch(() => undefined)
        if (bytes) return send(200, types[path.extname(file).toLowerCase()] ?? 'application/octet-stream', new Uint8Array(bytes))
      }
    }
    send(404, 'text/plain; charset=utf-8', 'Not found\n')
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        io.stderr('Port ' + options.port + ' is in use: choose another with --port (0 picks a free one).\n')
        reject(new ExitError(2))
      } else reject(error)
    })
    server.listen(options.port, '127.0.0.1', () => resolve())
  })
  const {port} = server.address() as AddressInfo
  io.stdout('Preview of ' + folder + (options.language ? ' (' + options.language + ')' : '') + ' at http://127.0.0.1:' + port + '/ (stop with Ctrl+C)\n')

  // Watch: collect changed paths, rebuild once they settle.
  let queue = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  let building = Promise.resolve()
  const watcher = watchTree(root, (file) => {
    queue.add(file)
    clearTimeout(timer)
    timer = setTimeout(() => {
      const changed = [...queue]
      queue = new Set()
      building = building.then(() => rebuild(changed)).catch((error: unknown) => {
        io.stderr('Rebuild failed: ' + (error instanceof Error ? error.message : String(error)) + '\n')
      })
    }, 60)
  })

  await new Promise<void>((resolve) => {
    const stop = (): void => resolve()
    options.signal?.addEventListener('abort', stop, {once: true})
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  watcher.close()
  clearTimeout(timer)
  for (const client of clients) client.end()
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
}

/**
 * Bring the in-memory course up to date with the changed paths: re-read only files that changed.
 * Editors often save by writing a temporary file and renaming it over the old one, and the
 * watcher may then name only the temporary file: so the known files in the same folders are
 * checked too (by modification time and size). Returns the files that really changed, or
 * `reread` when the whole folder must be read again (a folder appeared or went).
 */
async function applyChanges(root: string, input: {files: Map<string, string>; assets: Set<string>}, stamps: Map<string, string>, named: ReadonlyArray<string>): Promise<string[] | 'reread'> {
  if (named.includes('')) return 'reread'
  const folders = new Set(named.map((file) => path.posix.dirname(file)))
  const candidates = new Set(named)
  for (const file of input.assets) if (folders.has(path.posix.dirname(file))) candidates.add(file)
  const changed: string[] = []
  for (const file of [...candidates].sort()) {
    if (skipped.test(file)) continue
    const full = path.join(root, ...file.split('/'))
    const stat = await fsp.stat(full).catch(() => undefined)
    if (!stat) {
      const prefix = file + '/'
      if ([...input.assets].some((asset) => asset.startsWith(prefix))) return 'reread'
      if (input.assets.delete(file)) changed.push(file)
      input.files.delete(file)
      stamps.delete(file)
      continue
    }
    if (stat.isDirectory()) {
      if (named.includes(file)) return 'reread'
      continue
    }
    if (!stat.isFile()) continue
    const stamp = stat.mtimeMs + ':' + stat.size
    const known = input.assets.has(file)
    if (known && stamps.get(file) === stamp) continue
    stamps.set(file, stamp)
    input.assets.add(file)
    if (!textFile.test(file)) {
      changed.push(file)
      continue
    }
    if (stat.size > maxTextBytes) return 'reread'
    const text = await fsp.readFile(full, 'utf8').catch(() => undefined)
    if (text === undefined) return 'reread'
    const value = text.replace(/^\uFEFF/, '')
    if (known && input.files.get(file) === value) continue
    input.files.set(file, value)
    changed.push(file)
  }
  return changed
}

/** Modification time and size of every file of the course, to tell which ones a save changed. */
async function stampsOf(root: string, files: Iterable<string>): Promise<Map<string, string>> {
  const stamps = new Map<string, string>()
  for (const file of files) {
    const stat = await fsp.stat(path.join(root, ...file.split('/'))).catch(() => undefined)
    if (stat) stamps.set(file, stat.mtimeMs + ':' + stat.size)
  }
  return stamps
}
