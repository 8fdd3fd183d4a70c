import {createHash} from 'node:crypto'
import type {VFileMessage} from 'vfile-message'
import type {Module} from '@coursemark/model'
import type {Validator} from '@coursemark/schema'
import {vfileOf, type Context, type DeclaredId, type OutcomeRef, type TermUse} from './context.js'
import type {LoadedModule} from './module.js'

/**
 * Compiled modules kept between compiles of the same course (`coursemark preview` keeps one while
 * it watches). A module is compiled again only when something it depends on changed: its own
 * text, any other Markdown file (it may include one), the course's term definitions, the set of
 * files in the folder, or course settings that shape its HTML. Everything a module compile adds to
 * the course (messages, ids, outcome and term references, media) is recorded and replayed, so a
 * compile with a cache gives the same result as one without.
 */
export interface CompileCache {
  /** @internal By module path. */
  readonly entries: Map<string, CacheEntry>
  /** @internal The validator the entries were made with. */
  validator: Validator | undefined
  /** Modules compiled and modules reused, counted over every compile that used this cache. */
  readonly stats: {compiled: number; reused: number}
}

/** Create an empty cache to pass as `CompileOptions.cache` to every compile of one course. */
export function createCompileCache(): CompileCache {
  return {entries: new Map(), validator: undefined, stats: {compiled: 0, reused: 0}}
}

/** What a unit of work added to the course-wide state. */
interface Effects {
  readonly messages: ReadonlyArray<readonly [string, VFileMessage]>
  readonly ids: ReadonlyArray<DeclaredId>
  readonly outcomeRefs: ReadonlyArray<OutcomeRef>
  readonly terms: ReadonlyArray<TermUse>
  readonly media: ReadonlyArray<readonly [string, Context['media'] extends Map<string, infer Kind> ? Kind : never]>
  readonly incomplete: boolean
}

/** @internal */
export interface CacheEntry {
  readonly loadKey: string
  readonly load: {readonly loaded: LoadedModule | undefined; readonly definitions: ReadonlyArray<readonly [string, string]>; readonly effects: Effects}
  build?: {readonly key: string; readonly module: Module; readonly effects: Effects} | undefined
}

/** A loaded module as a cache hands it out. */
export interface CachedLoad {
  readonly loaded: LoadedModule | undefined
  /** Whether `loaded` is the cache's own copy (building a module changes its tree: build a copy). */
  readonly shared: boolean
  /** Term definitions in this module, first first, by lower-case term. */
  readonly definitions: ReadonlyArray<readonly [string, string]>
  /** Key of the load, part of the key of the build. */
  readonly key: string
  readonly entry: CacheEntry | undefined
}

/** Hash of the parts of a course every module depends on but which are not in the module itself. */
export function sharedKey(context: Context, modulePaths: ReadonlySet<string>): string {
  const hash = createHash('sha256')
  for (const [path, text] of [...context.files].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    if (modulePaths.has(path) || !/\.md$/i.test(path)) continue
    hash.update(path + '\0' + text + '\0')
  }
  hash.update('\u0001' + [...context.assets].sort().join('\0'))
  hash.update('\u0001' + [...context.outside].sort().join('\0'))
  hash.update('\u0001' + [...context.sizes].filter(([path]) => !/\.(md|ya?ml)$/i.test(path)).sort((a, b) => (a[0] < b[0] ? -1 : 1)).join('\0'))
  hash.update('\u0001' + context.maxMediaBytes + '\0' + context.externalLinks + '\0' + context.language)
  return hash.digest('hex')
}

/** Load a module, or hand out the cached load when neither it nor `shared` changed. */
export function loadCached(cache: CompileCache | undefined, context: Context, path: string, shared: string, load: () => LoadedModule | undefined, definitionsOf: (loaded: LoadedModule) => Array<[string, string]>): CachedLoad {
  const key = shared + '\0' + (context.files.get(path) ?? '')
  if (!cache) {
    // Nothing to record for: a compile without a cache loads each module once, in place.
    const loaded = load()
    return {loaded, shared: false, definitions: loaded ? definitionsOf(loaded) : [], key, entry: undefined}
  }
  if (cache.validator !== context.validator) {
    cache.entries.clear()
    cache.validator = context.validator
  }
  const entry = cache.entries.get(path)
  if (entry && entry.loadKey === key) {
    replay(context, entry.load.effects)
    return {loaded: entry.load.loaded, shared: true, definitions: entry.load.definitions, key, entry}
  }
  const {value: loaded, effects} = record(context, load)
  const definitions = loaded ? definitionsOf(loaded) : []
  const fresh: CacheEntry = {loadKey: key, load: {loaded: loaded && {...loaded, tree: structuredClone(loaded.tree)}, definitions, effects}}
  cache.entries.set(path, fresh)
  return {loaded, shared: false, definitions, key, entry: fresh}
}

/** Build a loaded module, or hand out the cached module when its load and `definitions` are unchanged. */
export function buildCached(cache: CompileCache | undefined, load: CachedLoad, context: Context, definitions: string, build: (loaded: LoadedModule) => Module): Module | undefined {
  const loaded = load.loaded
  if (!loaded) return undefined
  if (!cache) return build(loaded)
  const key = load.key + '\0' + definitions
  const cached = load.entry?.build
  if (cached && cached.key === key) {
    cache.stats.reused++
    replay(context, cached.effects)
    return structuredClone(cached.module)
  }
  cache.stats.compiled++
  const {value: module, effects} = record(context, () => build(load.shared ? {...loaded, tree: structuredClone(loaded.tree)} : loaded))
  if (load.entry) load.entry.build = {key, module: structuredClone(module), effects}
  return module
}

/** Hash of the course's term definitions, in order. */
export function definitionsKey(definitions: ReadonlyMap<string, string>): string {
  return createHash('sha256').update(JSON.stringify([...definitions])).digest('hex')
}

/** Run `work`, noting everything it adds to the course-wide state of `context`. */
function record<T>(context: Context, work: () => T): {value: T; effects: Effects} {
  const counts = new Map([...context.vfiles].map(([path, file]) => [path, file.messages.length]))
  const before = {ids: context.ids.length, outcomeRefs: context.outcomeRefs.length, terms: context.terms.length, media: context.media, incomplete: context.incomplete}
  // Media and `incomplete` are only set once per course: run the work on empty ones to see what it sets.
  const state = context as {media: Context['media']; incomplete: boolean}
  state.media = new Map()
  state.incomplete = false
  let value: T
  let media: Context['media']
  let incomplete: boolean
  try {
    value = work()
  } finally {
    media = context.media
    incomplete = context.incomplete
    state.media = before.media
    state.incomplete = before.incomplete
  }
  const effects: Effects = {
    messages: [...context.vfiles].flatMap(([path, file]) => file.messages.slice(counts.get(path) ?? 0).map((message) => [path, copy(message)] as const)),
    ids: context.ids.slice(before.ids),
    outcomeRefs: context.outcomeRefs.slice(before.outcomeRefs),
    terms: context.terms.slice(before.terms),
    media: [...media],
    incomplete
  }
  apply(context, {...effects, messages: []})
  return {value, effects}
}

/** Add recorded effects to `context`, as if the work had run again. */
function replay(context: Context, effects: Effects): void {
  for (const [path, message] of effects.messages) vfileOf(context, path).messages.push(copy(message))
  context.ids.push(...effects.ids)
  context.outcomeRefs.push(...effects.outcomeRefs)
  context.terms.push(...effects.terms)
  apply(context, effects)
}

/** Merge the set-once state (media, `incomplete`) of recorded effects into `context`. */
function apply(context: Context, effects: Effects): void {
  for (const [path, kind] of effects.media) if (!context.media.has(path)) context.media.set(path, kind)
  if (effects.incomplete) context.incomplete = true
}

/** A copy of a message (compiling with `strict` marks messages fatal; the cache keeps its own). */
function copy(message: VFileMessage): VFileMessage {
  return Object.assign(Object.create(Object.getPrototypeOf(message) as object) as VFileMessage, message)
}
