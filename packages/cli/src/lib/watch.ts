import fs from 'node:fs'
import path from 'node:path'

/** A running folder watch. */
export interface Watch {
  close(): void
}

const ignored = new Set(['.git', 'node_modules', 'dist'])

/**
 * Watch a folder and every folder below it (one `fs.watch` per folder, which keeps working when
 * editors save by renaming a temporary file over the old one) and call `onChange` with each
 * changed path, relative to `root` and `/`-separated. New folders are watched as they appear.
 */
export function watchTree(root: string, onChange: (file: string) => void): Watch {
  const watchers = new Map<string, fs.FSWatcher>()
  const add = (folder: string): void => {
    if (watchers.has(folder)) return
    let watcher: fs.FSWatcher
    try {
      watcher = fs.watch(folder, (_event, name) => {
        const file = name ? path.join(folder, String(name)) : folder
        const relative = path.relative(root, file).split(path.sep).join('/')
        if (relative.split('/').some((part) => ignored.has(part))) return
        if (name) {
          try {
            if (fs.statSync(file).isDirectory()) walk(file)
          } catch {
            const gone = watchers.get(file)
            gone?.close()
            watchers.delete(file)
          }
        }
        onChange(relative === '' ? '' : relative)
      })
    } catch {
      return
    }
    watcher.on('error', () => {
      watcher.close()
      watchers.delete(folder)
    })
    watchers.set(folder, watcher)
  }
  const walk = (folder: string): void => {
    add(folder)
    let entries: fs.Dirent[]
    try {
      entries = fs.readdirSync(folder, {withFileTypes: true})
    } catch {
      return
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !ignored.has(entry.name)) walk(path.join(folder, entry.name))
    }
  }
  walk(root)
  return {
    close() {
      for (const watcher of watchers.values()) watcher.close()
      watchers.clear()
    }
  }
}
