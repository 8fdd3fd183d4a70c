import fs from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import type {Theme} from '@coursemark/render'

/** The repository (or installation) root: where `themes/` and `packages/runtime` live. */
export const toolRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..')

/** Where to look for themes besides the built-in ones (optional). */
export interface ThemeOptions {
  /** A course folder: its `themes/<name>/` comes before the built-in theme of that name. */
  readonly courseRoot?: string | undefined
}

async function isFolder(folder: string): Promise<boolean> {
  return fs.stat(folder).then((stat) => stat.isDirectory(), () => false)
}

async function readFolder(folder: string, extension: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {}
  for (const file of (await fs.readdir(folder).catch(() => [] as string[])).sort()) {
    if (file.endsWith(extension)) files[file.slice(0, -extension.length)] = await fs.readFile(path.join(folder, file), 'utf8')
  }
  return files
}

/**
 * Load `themes/<name>/` (the course's own, else the built-in one): layout, partials, CSS, UI
 * strings and assets. A theme whose `theme.json` says `{"extends": "default"}` starts from that
 * theme: its CSS comes after the parent's, and its layout, partials, strings (key by key) and
 * assets replace the parent's.
 */
export async function loadTheme(name: string, options?: ThemeOptions | null, seen: ReadonlyArray<string> = []): Promise<Theme> {
  const own = options?.courseRoot ? path.join(options.courseRoot, 'themes', name) : undefined
  const base = own && (await isFolder(own)) ? own : path.join(toolRoot, 'themes', name)
  if (!(await isFolder(base))) {
    const known = (await fs.readdir(path.join(toolRoot, 'themes')).catch(() => [] as string[])).sort()
    throw new Error('Unexpected unknown theme `' + name + '`, expected one of ' + known.map((theme) => '`' + theme + '`').join(', ') + ' or a folder `themes/' + name + '/` beside course.yaml')
  }
  const manifest = JSON.parse(await fs.readFile(path.join(base, 'theme.json'), 'utf8').catch(() => '{}')) as {extends?: unknown}
  const parentName = typeof manifest.extends === 'string' ? manifest.extends : undefined
  if (parentName && (seen.includes(parentName) || parentName === name)) throw new Error('Unexpected theme `' + name + '` that extends itself through `' + parentName + '`')
  const parent = parentName ? await loadTheme(parentName, options, [...seen, name]) : undefined
  const layout = await fs.readFile(path.join(base, 'layout.hbs'), 'utf8').catch(() => parent?.layout)
  if (layout === undefined) throw new Error('Unexpected theme `' + name + '` without `layout.hbs`, expected one or `"extends"` in `theme.json`')
  const css = await fs.readFile(path.join(base, 'coursemark.css'), 'utf8').catch(() => '')
  const strings: Record<string, Record<string, string>> = {}
  for (const [language, text] of Object.entries(await readFolder(path.join(base, 'strings'), '.json'))) strings[language] = JSON.parse(text) as Record<string, string>
  for (const [language, values] of Object.entries(parent?.strings ?? {})) strings[language] = {...values, ...strings[language]}
  const assets: Record<string, Uint8Array> = {...parent?.assets}
  const assetFolder = path.join(base, 'assets')
  for (const file of ((await fs.readdir(assetFolder, {recursive: true}).catch(() => [])) as string[]).sort()) {
    const full = path.join(assetFolder, file)
    if ((await fs.stat(full)).isFile()) assets[file.split(path.sep).join('/')] = new Uint8Array(await fs.readFile(full))
  }
  return {
    name,
    layout,
    partials: {...parent?.partials, ...(await readFolder(path.join(base, 'partials'), '.hbs'))},
    css: parent ? parent.css + '\n' + css : css,
    strings,
    assets
  }
}

/**
 * Load the runtime bundle built by `pnpm build`: the player of every package, or the player of
 * `coursemark preview` (`preview`: with the adapters its LMS inspector records).
 */
export async function loadRuntime(bundle: 'package' | 'preview' = 'package'): Promise<string> {
  const file = path.join(toolRoot, 'packages', 'runtime', 'dist', bundle === 'preview' ? 'coursemark-preview.js' : 'coursemark.js')
  try {
    return await fs.readFile(file, 'utf8')
  } catch {
    throw new Error('The player runtime is not built (' + file + '). Run `pnpm build` first.')
  }
}
