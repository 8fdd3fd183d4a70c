import fs from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import type {Theme} from '@coursemark/render'

/** The repository (or installation) root: where `themes/` and `packages/runtime` live. */
export const toolRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..')

/** Load `themes/<name>/`: layout, partials, CSS and UI strings. */
export async function loadTheme(name: string): Promise<Theme> {
  const base = path.join(toolRoot, 'themes', name)
  const layout = await fs.readFile(path.join(base, 'layout.hbs'), 'utf8')
  const partials: Record<string, string> = {}
  for (const file of await fs.readdir(path.join(base, 'partials')).catch(() => [] as string[])) {
    if (file.endsWith('.hbs')) partials[file.slice(0, -4)] = await fs.readFile(path.join(base, 'partials', file), 'utf8')
  }
  const css = await fs.readFile(path.join(base, 'coursemark.css'), 'utf8')
  const strings: Record<string, Record<string, string>> = {}
  for (const file of await fs.readdir(path.join(base, 'strings')).catch(() => [] as string[])) {
    if (file.endsWith('.json')) strings[file.slice(0, -5)] = JSON.parse(await fs.readFile(path.join(base, 'strings', file), 'utf8')) as Record<string, string>
  }
  return {name, layout, partials, css, strings}
}

/** Load the runtime bundle built by `pnpm build`. */
export async function loadRuntime(): Promise<string> {
  const file = path.join(toolRoot, 'packages', 'runtime', 'dist', 'coursemark.js')
  try {
    return await fs.readFile(file, 'utf8')
  } catch {
    throw new Error('The player runtime is not built (' + file + '). Run `pnpm build` first.')
  }
}
