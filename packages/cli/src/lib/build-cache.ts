import {createHash} from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import {sha256} from './checksums.js'
import {fileConcurrency, mapConcurrent} from './concurrent.js'
import {readCourse} from './read-course.js'
import {toolRoot} from './resources.js'
import {writeAtomic} from './write-atomic.js'

/**
 * The build cache: a course whose files, build options and toolkit are unchanged since its last
 * good build is not built again, when every package that build wrote is still in the output folder,
 * byte for byte (builds are reproducible, so a rebuild would write the same bytes). What the
 * build printed (diagnostics, file names) is printed again. One record per course folder, in
 * `<out>/.coursemark-cache/`.
 */
export interface CacheRecord {
  readonly key: string
  /** What the build printed, in order. */
  readonly lines: ReadonlyArray<readonly ['stdout' | 'stderr', string]>
  /** With `--format json`: the diagnostics. */
  readonly report: ReadonlyArray<unknown>
  /** Every file written, relative to the output folder, with its SHA-256; `guide` for trainer guides. */
  readonly files: ReadonlyArray<{readonly path: string; readonly sha256: string; readonly guide?: boolean}>
}

export const cacheFolder = '.coursemark-cache'

let toolkit: Promise<string> | undefined

/** Hash of everything of the toolkit that shapes a package: its code, templates, schemas, player and themes, and its dependencies. */
export function toolkitKey(): Promise<string> {
  toolkit ??= (async () => {
    const hash = createHash('sha256')
    // The toolkit's own files, the patches to its dependencies and the exact versions of them.
    const roots = ['packages', 'themes', 'patches']
    for (const root of roots) {
      const entries = (await fs.readdir(path.join(toolRoot, root), {recursive: true, withFileTypes: true}).catch(() => []))
        .filter((entry) => entry.isFile())
        .map((entry) => path.join(entry.parentPath, entry.name))
        .filter((file) => !file.split(path.sep).includes('node_modules') && !/[\\/](src|test)[\\/]/.test(path.relative(toolRoot, file)) && !file.endsWith('.d.ts') && !file.endsWith('.map'))
        .sort()
      const contents = await mapConcurrent(entries, fileConcurrency, (file) => fs.readFile(file))
      entries.forEach((file, index) => hash.update(path.relative(toolRoot, file) + '\0').update(contents[index]!).update('\0'))
    }
    hash.update((await fs.readFile(path.join(toolRoot, 'pnpm-lock.yaml')).catch(() => undefined)) ?? '-')
    return hash.digest('hex')
  })()
  return toolkit
}

/** Hash of a course folder (every file's bytes), the toolkit and the options that shape its packages. */
export async function courseKey(root: string, settings: unknown): Promise<string> {
  const read = await readCourse(root)
  const hash = createHash('sha256').update(await toolkitKey()).update(JSON.stringify(settings) + '\0')
  const files = [...read.input.assets].sort()
  const sums = await mapConcurrent(files, fileConcurrency, (file) => fs.readFile(path.join(read.root, ...file.split('/'))).then(sha256, () => '-'))
  files.forEach((file, index) => hash.update(file + '\0' + sums[index] + '\0'))
  return hash.digest('hex')
}

function recordPath(out: string, root: string): string {
  return path.join(out, cacheFolder, courseHash(root) + '.json')
}

/** Where the parse cache of a course folder lives (see `openParseCache`). */
export function parseCachePath(out: string, root: string): string {
  return path.join(out, cacheFolder, courseHash(root) + '.parse.gz')
}

function courseHash(root: string): string {
  return createHash('sha256').update(path.resolve(root)).digest('hex').slice(0, 16)
}

/** The record of a course's last good build, when its key matches and every file it wrote is unchanged. */
export async function freshRecord(out: string, root: string, key: string): Promise<CacheRecord | undefined> {
  const text = await fs.readFile(recordPath(out, root), 'utf8').catch(() => undefined)
  if (text === undefined) return undefined
  let record: CacheRecord
  try {
    record = JSON.parse(text) as CacheRecord
  } catch {
    return undefined
  }
  if (record.key !== key || !Array.isArray(record.files) || record.files.length === 0) return undefined
  for (const file of record.files) {
    const bytes = await fs.readFile(path.join(out, file.path)).catch(() => undefined)
    if (!bytes || sha256(bytes) !== file.sha256) return undefined
  }
  return record
}

/** Keep the record of a good build (the files as written, read back). */
export async function saveRecord(out: string, root: string, record: Omit<CacheRecord, 'files'>, written: ReadonlyArray<string>, guides: ReadonlyArray<string>): Promise<void> {
  const files: Array<CacheRecord['files'][number]> = []
  for (const file of [...written, ...guides]) {
    files.push({path: path.relative(out, file).split(path.sep).join('/'), sha256: sha256(await fs.readFile(file)), ...(guides.includes(file) ? {guide: true} : {})})
  }
  await fs.mkdir(path.join(out, cacheFolder), {recursive: true})
  await writeAtomic(recordPath(out, root), new TextEncoder().encode(JSON.stringify({...record, files})))
}
