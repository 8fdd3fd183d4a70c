import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {Worker} from 'node:worker_threads'
import {formatDiagnostics, hasErrors, type Format} from '@coursemark/diagnostics'
import {exportCmi5, exportScorm12, exportScorm2004, exportWeb, exportXapi, loadLrsResources, loadScormResources, createZipper, ZipLimitError, type LrsResources, type ScormResources} from '@coursemark/export'
import {forLearners, type Course} from '@coursemark/model'
import {renderSite, type Target, type Theme} from '@coursemark/render'
import {createValidator, type Validator} from '@coursemark/schema'
import type {Io} from '../lib/io.js'
import {readMedia} from '../lib/read-course.js'
import {loadRuntime, loadTheme} from '../lib/resources.js'
import {writeAtomic, writeFolderAtomic} from '../lib/write-atomic.js'
import {writeChecksums} from '../lib/checksums.js'
import {writeGuide} from '../lib/guide.js'
import {mapConcurrent} from '../lib/concurrent.js'
import {checkCourse} from './check.js'
import {courseKey, freshRecord, parseCachePath, saveRecord, toolkitKey} from '../lib/build-cache.js'
import {openParseCache} from '../lib/parse-cache.js'

export const targets: ReadonlyArray<Target> = ['scorm12', 'scorm2004', 'xapi', 'cmi5', 'web']
/** Targets this version can build. */
export const supportedTargets: ReadonlyArray<Target | 'guide'> = ['scorm12', 'scorm2004', 'xapi', 'cmi5', 'web', 'guide']

export interface BuildOptions {
  readonly courses: ReadonlyArray<string>
  readonly targets: ReadonlyArray<Target | 'guide'>
  readonly out: string
  readonly format: Format
  readonly sco?: 'single' | 'per-module' | undefined
  /** cmi5: one AU per module (default), or one AU for the course. */
  readonly au?: 'single' | 'per-module' | undefined
  /** Only build these languages (default: the source and every translation). */
  readonly languages?: ReadonlyArray<string> | undefined
  /** Courses built at the same time, each on its own thread (default: `defaultJobs()`, at most one per course). */
  readonly jobs?: number | undefined
  /** Reuse a course's packages when nothing changed since its last good build (default: `true`). */
  readonly cache?: boolean | undefined
  /** Build only this share of the courses (for a CI matrix): the `index`-th of `count`, from 1. */
  readonly shard?: Shard | undefined
}

/** One of `count` equal shares of a list of courses. */
export interface Shard {
  readonly index: number
  readonly count: number
}

/** What building one course folder gave. */
export interface CourseOutcome {
  readonly ok: boolean
  /** The packages written (zips, web folders' files), for SHA256SUMS. */
  readonly written: ReadonlyArray<string>
  /** Trainer guides written (not LMS packages: not in SHA256SUMS). */
  readonly guides: ReadonlyArray<string>
  /** With `--format json`: the diagnostics. */
  readonly report: ReadonlyArray<unknown>
  /** What the build printed, in order. */
  readonly lines: ReadonlyArray<Line>
}

/** A line a build printed, for printing again. */
export type Line = readonly ['stdout' | 'stderr', string]

/** The courses of shard `index` of `count`: every `count`-th course, starting at the `index`-th. */
export function shardOf<T>(courses: ReadonlyArray<T>, shard: Shard): T[] {
  return courses.filter((_, position) => position % shard.count === shard.index - 1)
}

/**
 * Build course folders into packages; returns whether every course built. Courses unchanged since
 * their last good build in `out` are not built again (see lib/build-cache.ts); the others are built
 * on `jobs` threads. Whatever the threads, courses print in the order given and the packages are
 * the same bytes.
 */
export async function build(io: Io, options: BuildOptions): Promise<boolean> {
  const out = path.resolve(io.cwd, options.out)
  const courses = options.shard ? shardOf(options.courses, options.shard) : options.courses
  const settings = {cwd: io.cwd, out, targets: options.targets, format: options.format, sco: options.sco, au: options.au, languages: options.languages}
  const roots = courses.map((folder) => path.resolve(io.cwd, folder))
  const keys = await Promise.all(roots.map((root) => (options.cache === false ? undefined : courseKey(root, settings).catch(() => undefined))))
  const outcomes: Array<CourseOutcome | undefined> = await Promise.all(roots.map(async (root, index) => {
    const record = keys[index] === undefined ? undefined : await freshRecord(out, root, keys[index]!)
    const where = (files: ReadonlyArray<{path: string}>): string[] => files.map((file) => path.join(out, ...file.path.split('/')))
    return record && {ok: true, lines: record.lines, report: record.report, written: where(record.files.filter((file) => !file.guide)), guides: where(record.files.filter((file) => file.guide))}
  }))
  const pending = outcomes.flatMap((outcome, index) => (outcome ? [] : [index]))
  let printed = 0
  /** Print the courses done, in order, up to the first not done. */
  const print = (): void => {
    for (; printed < outcomes.length && outcomes[printed]; printed++) for (const [stream, text] of outcomes[printed]!.lines) io[stream](text)
  }
  const finish = async (index: number, outcome: CourseOutcome): Promise<void> => {
    outcomes[index] = outcome
    print()
    const key = keys[index]
    if (key !== undefined && outcome.ok && outcome.written.length + outcome.guides.length > 0) await saveRecord(out, roots[index]!, {key, lines: outcome.lines, report: outcome.report}, outcome.written, outcome.guides)
  }
  const jobs = Math.max(1, Math.min(options.jobs ?? defaultJobs(), pending.length))
  if (jobs > 1) {
    // Largest courses first (by their Markdown), so no thread is left with a big one at the end.
    const sizes = await Promise.all(roots.map((root) => markdownBytes(root)))
    const queue = [...pending].sort((a, b) => sizes[b]! - sizes[a]! || a - b)
    const take = (): number | undefined => queue.shift()
    // This thread is one of the lanes: it has loaded the toolkit already.
    const here = courseBuilder(options)
    const lanes = [(async () => {
      for (let index = take(); index !== undefined; index = take()) {
        const lines: Line[] = []
        const capture: Io = {...io, stdout: (text) => void lines.push(['stdout', text]), stderr: (text) => void lines.push(['stderr', text])}
        await finish(index, {...(await here(capture, courses[index]!)), lines})
      }
    })()]
    for (let lane = 1; lane < jobs; lane++) lanes.push(workerLane(io.cwd, options, courses, take, finish))
    await Promise.all(lanes)
  } else {
    // One course at a time: a large one parses its Markdown on every core, where there are more
    // than two (on two, reading the trees back costs this thread what the other one saves).
    const cores = os.availableParallelism()
    const builder = courseBuilder(options, cores > 2 ? cores : 1)
    for (const index of pending) {
      // On this thread a course prints as it builds, after the (cached) courses before it.
      print()
      const lines: Line[] = []
      const tee: Io = {...io, stdout: (text) => void (lines.push(['stdout', text]), io.stdout(text)), stderr: (text) => void (lines.push(['stderr', text]), io.stderr(text))}
      const outcome = {...(await builder(tee, courses[index]!)), lines}
      printed = index + 1
      await finish(index, outcome)
    }
  }
  print()
  await writeChecksums(out, outcomes.flatMap((outcome) => outcome?.written ?? []))
  if (options.format === 'json') io.stdout(JSON.stringify(outcomes.flatMap((outcome) => outcome?.report ?? []), undefined, 2) + '\n')
  return outcomes.every((outcome) => outcome?.ok === true)
}

/**
 * A worker thread that builds courses taken from the shared queue (`take`), one at a time, until
 * the queue is empty. `done` gets each course's outcome, with what it printed.
 */
async function workerLane(cwd: string, options: BuildOptions, courses: ReadonlyArray<string>, take: () => number | undefined, done: (index: number, outcome: CourseOutcome) => Promise<void>): Promise<void> {
  const worker = new Worker(new URL('../lib/build-worker.js', import.meta.url), {workerData: {cwd, options: {...options, courses: []}} satisfies BuildWorkerData})
  try {
    await new Promise<void>((resolve, reject) => {
      let busy = false
      const give = (): void => {
        const index = take()
        busy = index !== undefined
        if (index === undefined) return resolve()
        worker.postMessage({index, folder: courses[index]!} satisfies BuildTask)
      }
      worker.on('message', (result: BuildResult) => void done(result.index, result).then(give, reject))
      worker.on('error', reject)
      worker.on('exit', (code) => {
        if (busy) reject(new Error('A build thread stopped (exit code ' + code + ') before its course was built'))
      })
      give()
    })
  } finally {
    await worker.terminate()
  }
}

/**
 * Threads `build` uses by default: one less than the CPU cores. One build thread already keeps
 * about 1.2 cores busy (garbage collection, V8's compiler threads, zlib), so on 2 cores a second
 * thread costs more (its own start-up and warm-up) than it gains; from 4 cores on it pays.
 */
export function defaultJobs(): number {
  return Math.max(1, os.availableParallelism() - 1)
}

/** Bytes of Markdown in a course folder: what building it costs, roughly. */
async function markdownBytes(root: string): Promise<number> {
  const entries = await fs.readdir(root, {recursive: true, withFileTypes: true}).catch(() => [])
  const sizes = await Promise.all(entries.filter((entry) => entry.isFile() && entry.name.endsWith('.md')).map((entry) => fs.stat(path.join(entry.parentPath, entry.name)).then((stat) => stat.size, () => 0)))
  return sizes.reduce((sum, size) => sum + size, 0)
}

/** What a build thread is started with. */
export interface BuildWorkerData {
  readonly cwd: string
  readonly options: BuildOptions
}

/** A course for a build thread. */
export interface BuildTask {
  /** The course's place in the list given to `build`. */
  readonly index: number
  readonly folder: string
}

/** A course built by a build thread. */
export interface BuildResult extends CourseOutcome {
  readonly index: number
}

/**
 * A function that builds one course folder (the source and its translations) into packages,
 * printing as it goes. Resources (validator, themes, player, templates) are loaded once, on first use.
 * `parseThreads`: worker threads a large course may parse its Markdown on (default 1: none).
 */
export function courseBuilder(options: BuildOptions, parseThreads = 1): (io: Io, folder: string) => Promise<Omit<CourseOutcome, 'lines'>> {
  let validator: Validator | undefined
  let runtime: string | undefined
  const themes = new Map<string, Theme>()
  let scorm: ScormResources | undefined
  let lrs: LrsResources | undefined
  return async function buildFolder(io: Io, folder: string): Promise<Omit<CourseOutcome, 'lines'>> {
    validator ??= createValidator()
    const out = path.resolve(io.cwd, options.out)
    let ok = true
    const report: unknown[] = []
    const written: string[] = []
    const guides: string[] = []
    // Parsed Markdown from the last build into this --out (it only changes with the text); what
    // is not there is parsed ahead on threads when the course is large.
    const parseCache = options.cache === false ? await openParseCache(undefined, '') : await openParseCache(parseCachePath(out, path.resolve(io.cwd, folder)), await toolkitKey())
    const prepare = async (files: ReadonlyMap<string, string>): Promise<void> =>
      parseCache.prefetch([...files].filter(([file]) => /\.md$/i.test(file)).map(([, text]) => text), {threads: parseThreads})
    for (const checked of await checkCourse(io.cwd, folder, validator, {parse: parseCache.parse, prepare})) {
      const label = checked.display + (checked.translation ? ' (' + checked.translation + ')' : '')
      if (options.format === 'json') report.push(...(JSON.parse(formatDiagnostics(checked.diagnostics, 'json', {base: checked.display})) as unknown[]))
      else {
        const text = formatDiagnostics(checked.diagnostics, options.format, {base: checked.display, sources: checked.sources})
        if (options.format === 'github') io.stdout(text)
        else io.stderr(text)
      }
      const course = checked.result.course
      if (!course || hasErrors(checked.diagnostics)) {
        ok = false
        if (options.format === 'text') io.stderr(label + ': not built (errors above)\n')
        continue
      }
      if (options.languages && !options.languages.includes(course.language)) continue
      let theme = themes.get(checked.root + '\0' + course.theme)
      if (!theme) {
        try {
          theme = await loadTheme(course.theme, {courseRoot: checked.root})
        } catch (error) {
          ok = false
          io.stderr(label + ': not built: ' + (error instanceof Error ? error.message : String(error)) + '\n')
          continue
        }
        themes.set(checked.root + '\0' + course.theme, theme)
      }
      const script = (runtime ??= await loadRuntime())
      const learner = forLearners(course)
      const media = await readMedia(checked.root, learner.media.map((ref) => ref.path), checked.mediaRoot)
      if (options.targets.some((target) => target === 'scorm12' || target === 'scorm2004')) scorm ??= await loadScormResources()
      if (options.targets.some((target) => target === 'xapi' || target === 'cmi5')) lrs ??= await loadLrsResources()
      // Every target at once: zipping waits mostly on zlib, which deflates on libuv's threads, so
      // the packages of one course overlap. They are listed in the order the targets were given.
      const wanted = [...new Set(options.targets)]
      // The packages share most of their bytes (player, media, course): each is deflated once.
      const zipPackage = createZipper()
      const made = await mapConcurrent(wanted, wanted.length, async (target): Promise<{path: string; guide?: boolean; folder?: ReadonlyArray<string>; refused?: string}> => {
        if (target === 'guide') return {path: await writeGuide(out, course, media), guide: true}
        const site = exportWeb(learner, renderSite({course: learner, theme, runtime: script, target}), media)
        const name = course.slug + '-' + course.version + '-' + course.language + '-' + target
        if (target === 'web') {
          await writeFolderAtomic(path.join(out, name), site)
          return {path: path.join(out, name), folder: [...site.keys()]}
        }
        const files = target === 'xapi' ? exportXapi(learner, site, lrs!)
          : target === 'cmi5' ? exportCmi5(learner, site, lrs!, {au: options.au})
          : target === 'scorm12' ? exportScorm12(learner, site, scorm!, {sco: options.sco})
          : exportScorm2004(learner, site, scorm!, {sco: options.sco})
        const file = path.join(out, name + '.zip')
        let bytes: Uint8Array
        try {
          bytes = await zipPackage(files)
        } catch (error) {
          if (error instanceof ZipLimitError) return {path: file, refused: error.message}
          throw error
        }
        await writeAtomic(file, bytes)
        return {path: file}
      })
      for (const item of made) {
        if (item.refused) {
          ok = false
          io.stderr(label + ': ' + path.relative(io.cwd, item.path) + ' not written: ' + item.refused + '\n')
          continue
        }
        if (item.guide) guides.push(item.path)
        else if (item.folder) for (const file of item.folder) written.push(path.join(item.path, ...file.split('/')))
        else written.push(item.path)
        io.stdout(path.relative(io.cwd, item.path) + (item.folder ? '/' : '') + '\n')
      }
    }
    if (options.cache !== false && ok && written.length + guides.length > 0) {
      // Kept only beside good packages: a build with errors writes nothing. A cache that cannot
      // be written only costs the next build its speed.
      await parseCache.save().catch(() => undefined)
    }
    return {ok, written, guides, report}
  }
}

/** Every course folder (holding a `course.yaml`) under `curricula/` and `examples/` of `root`. */
export async function discoverCourses(root: string): Promise<string[]> {
  const found: string[] = []
  for (const group of ['curricula', 'examples']) {
    const entries = await fs.readdir(path.join(root, group), {withFileTypes: true}).catch(() => [])
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (!entry.isDirectory()) continue
      const exists = await fs.stat(path.join(root, group, entry.name, 'course.yaml')).then(() => true, () => false)
      if (exists) found.push(path.join(group, entry.name))
    }
  }
  return found
}

export type {Course}
