import fs from 'node:fs/promises'
import path from 'node:path'
import {ExitError, type Io} from '../lib/io.js'
import {toolRoot} from '../lib/resources.js'
import {scaffoldCourse} from '../lib/scaffold.js'
import {writeAtomic} from '../lib/write-atomic.js'

export interface NewOptions {
  /** Folder to create the course in (created when missing; must be empty). */
  readonly dir: string
  /** Course title (default: made from the folder name). */
  readonly title?: string | undefined
}

const encoder = new TextEncoder()

/** Scaffold a new course in an empty (or new) folder. Exits 1 when the folder is not empty. */
export async function newCourse(io: Io, options: NewOptions): Promise<void> {
  const root = path.resolve(io.cwd, options.dir)
  const display = path.relative(io.cwd, root) || '.'
  const stat = await fs.stat(root).catch(() => undefined)
  if (stat && !stat.isDirectory()) {
    io.stderr(display + ' exists and is not a folder: choose another name.\n')
    throw new ExitError(1)
  }
  if (stat && (await fs.readdir(root)).length > 0) {
    io.stderr(display + ' is not empty: nothing was written. Choose a new or empty folder, so that no file is overwritten.\n')
    throw new ExitError(1)
  }
  const slug = path.basename(root)
  const files = scaffoldCourse({slug, title: options.title, schema: await schemaPath(root)})
  for (const [name, text] of files) await writeAtomic(path.join(root, ...name.split('/')), encoder.encode(text))
  io.stderr('Created ' + display + '/ with ' + [...files.keys()].join(', ') + '.\n' +
    'Next: check it with `coursemark validate ' + display + '`, play it with `coursemark preview ' + display + '`,\n' +
    'and see docs/authoring.md for everything you can write.\n')
}

/** The relative path to `schemas/course.schema.json` when `root` is inside the coursemark repository. */
async function schemaPath(root: string): Promise<string | undefined> {
  const schema = path.join(toolRoot, 'schemas', 'course.schema.json')
  const exists = await fs.stat(schema).then(() => true, () => false)
  if (!exists) return undefined
  const realTool = await fs.realpath(toolRoot)
  const real = await nearestExisting(root)
  if (!real.startsWith(realTool + path.sep)) return undefined
  return path.relative(real, path.join(realTool, 'schemas', 'course.schema.json')).split(path.sep).join('/')
}

/** The real path of `folder`, or of its nearest existing ancestor joined with the rest. */
async function nearestExisting(folder: string): Promise<string> {
  const real = await fs.realpath(folder).catch(() => undefined)
  if (real) return real
  const parent = path.dirname(folder)
  if (parent === folder) return folder
  return path.join(await nearestExisting(parent), path.basename(folder))
}
