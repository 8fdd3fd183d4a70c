import fs from 'node:fs/promises'
import path from 'node:path'

/** A course folder as the compiler takes it: the text of every Markdown and YAML file, and every file's path. */
export async function readFolder(folder: string): Promise<{files: Map<string, string>; assets: Set<string>}> {
  const files = new Map<string, string>()
  const assets = new Set<string>()
  for (const entry of (await fs.readdir(folder, {recursive: true})).sort()) {
    const full = path.join(folder, entry)
    if (!(await fs.stat(full)).isFile()) continue
    const rel = entry.split(path.sep).join('/')
    assets.add(rel)
    if (/\.(md|ya?ml)$/.test(rel)) files.set(rel, await fs.readFile(full, 'utf8'))
  }
  return {files, assets}
}
