import fs from 'node:fs/promises'
import path from 'node:path'
import type {CourseInput} from '@coursemark/compiler'
import type {Diagnostic} from '@coursemark/diagnostics'
import {rules} from '@coursemark/diagnostics'
import {fileConcurrency, mapConcurrent} from './concurrent.js'

/** Largest Markdown or YAML file the compiler reads. */
export const maxTextBytes = 4 * 1024 * 1024
/** Most files a course folder may hold. */
export const maxFiles = 20000
const textFile = /\.(md|ya?ml)$/i
const skipped = new Set(['node_modules', '.git', 'dist'])

/** A course folder read into memory, plus problems found while reading. */
export interface ReadCourse {
  readonly root: string
  readonly input: CourseInput
  readonly diagnostics: ReadonlyArray<Diagnostic>
}

/** Configuration for `readCourse` (optional). */
export interface ReadCourseOptions {
  /** Most files the folder may hold; past it, one `too-many-files` error and nothing more is read (default: `maxFiles`, 20 000). */
  readonly maxFiles?: number | null | undefined
}

/**
 * Read every Markdown and YAML file of a course folder, and list every other file with its size
 * (media are read only when a package is built; the compiler checks their size first).
 * Symbolic links that lead outside the course folder are never followed or read.
 */
export async function readCourse(root: string, options?: ReadCourseOptions | null): Promise<ReadCourse> {
  const limit = options?.maxFiles ?? maxFiles
  const real = await fs.realpath(root)
  const files = new Map<string, string>()
  const assets = new Set<string>()
  const unreadable = new Set<string>()
  const outside = new Set<string>()
  const sizes = new Map<string, number>()
  const diagnostics: Diagnostic[] = []
  const decoder = new TextDecoder('utf-8', {fatal: true})
  const queue: string[] = ['']
  let stopped = false
  while (queue.length > 0 && !stopped) {
    const relative = queue.shift()!
    const entries = (await fs.readdir(path.join(real, relative), {withFileTypes: true}))
      .filter((entry) => !entry.name.startsWith('.') && !skipped.has(entry.name))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    // Where each entry leads, many at once (a large course has thousands of files); then each is
    // taken in name order, as if one at a time.
    const found = await mapConcurrent(entries, fileConcurrency, async (entry) => {
      const rel = relative ? relative + '/' + entry.name : entry.name
      try {
        const target = await fs.realpath(path.join(real, rel))
        if (target !== real && !target.startsWith(real + path.sep)) return {rel, outside: true} as const
        return {rel, stat: await fs.stat(target)} as const
      } catch {
        return {rel} as const // dangling link
      }
    })
    const texts: string[] = []
    for (const {rel, outside: leadsOutside, stat} of found) {
      if (leadsOutside) {
        outside.add(rel) // leads outside the course: never read, never packed
        continue
      }
      if (!stat) continue
      if (stat.isDirectory()) {
        queue.push(rel)
        continue
      }
      if (!stat.isFile()) continue
      if (assets.size >= limit) {
        // Report where reading stopped, so nothing is left out silently.
        diagnostics.push({file: rel, line: 1, column: 1, severity: 'error', rule: rules.tooManyFiles.id,
          message: 'Unexpected more than ' + limit + ' files in the course folder, expected at most ' + limit + '; this file and those after it are not read', hint: rules.tooManyFiles.hint})
        stopped = true
        break
      }
      assets.add(rel)
      sizes.set(rel, stat.size)
      if (!textFile.test(rel)) continue
      if (stat.size > maxTextBytes) {
        diagnostics.push({file: rel, line: 1, column: 1, severity: 'error', rule: rules.fileTooLarge.id,
          message: 'Unexpected file of ' + stat.size + ' bytes, expected at most ' + maxTextBytes, hint: rules.fileTooLarge.hint})
        unreadable.add(rel)
        continue
      }
      texts.push(rel)
    }
    const contents = await mapConcurrent(texts, fileConcurrency, (rel) => fs.readFile(path.join(real, rel)))
    texts.forEach((rel, index) => {
      try {
        files.set(rel, decoder.decode(contents[index]!).replace(/^\uFEFF/, ''))
      } catch {
        diagnostics.push({file: rel, line: 1, column: 1, severity: 'error', rule: rules.invalidEncoding.id,
          message: 'Unexpected bytes that are not UTF-8, expected a UTF-8 text file', hint: rules.invalidEncoding.hint})
        unreadable.add(rel)
      }
    })
  }
  return {root: real, input: {slug: path.basename(real), files, assets, unreadable, outside, sizes}, diagnostics}
}

/** Read the bytes of the given course-relative files. */
export async function readMedia(root: string, paths: ReadonlyArray<string>, locate: (file: string) => string = (file) => file): Promise<Map<string, Uint8Array>> {
  const bytes = await mapConcurrent(paths, fileConcurrency, async (file) => new Uint8Array(await fs.readFile(path.join(root, ...locate(file).split('/')))))
  return new Map(paths.map((file, index) => [file, bytes[index]!]))
}
