import type {Root} from 'mdast'
import {visit} from 'unist-util-visit'
import {resolvePath, sourceHash, type CourseInput} from '@coursemark/compiler'
import type {Course} from '@coursemark/model'
import {parseMarkdown} from '@coursemark/syntax'
import {parseDocument} from 'yaml'
import {courseYamlUnits} from './course-yaml.js'
import {segmentMarkdown, type Segmented} from './segment.js'

/** A file of the course that has text to translate. */
export interface TextFile {
  /** Course-relative path. */
  readonly path: string
  readonly kind: 'course' | 'module' | 'include'
  /** Start of the unit ids: `course`, the module id, or the path of an included file. */
  readonly base: string
}

/** The course file, every module, and every Markdown file they include or link as a transcript (in that order, no duplicates). */
export function textFiles(input: CourseInput, course: Course): TextFile[] {
  const manifest = input.manifest ?? 'course.yaml'
  const files: TextFile[] = [{path: manifest, kind: 'course', base: 'course'}]
  const seen = new Set<string>([manifest])
  const queue: string[] = []
  for (const module of course.modules) {
    if (seen.has(module.source.path)) continue
    seen.add(module.source.path)
    files.push({path: module.source.path, kind: 'module', base: module.id})
    queue.push(module.source.path)
  }
  while (queue.length > 0) {
    const from = queue.shift()!
    for (const path of includesOf(input.files.get(from) ?? '', from)) {
      if (seen.has(path) || !input.files.has(path)) continue
      seen.add(path)
      files.push({path, kind: 'include', base: path})
      queue.push(path)
    }
  }
  return files
}

function includesOf(text: string, from: string): string[] {
  const {tree} = parseMarkdown(text)
  const found: string[] = []
  visit(tree as Root, function (node) {
    if (node.type !== 'leafDirective') return
    // Included Markdown, and transcripts written in Markdown: both are text for learners.
    const src = node.name === 'include' ? node.attributes?.['src'] : node.name === 'audio' || node.name === 'video' ? node.attributes?.['transcript'] : undefined
    if (typeof src !== 'string' || (node.name !== 'include' && !/\.md$/i.test(src))) return
    const resolved = resolvePath(from, src)
    if (resolved.kind === 'inside') found.push(resolved.path)
  })
  return found
}

/** The units (and, for Markdown, the edits) of one file. */
export function segmentFile(file: TextFile, text: string): Segmented {
  if (file.kind === 'course') return {text, units: courseYamlUnits(text), edits: []}
  return segmentMarkdown(text, file.base)
}

/** The `sourceHash` recorded in a translated file (front matter of a module, `translation:` of course.yaml). */
export function recordedSourceHash(file: TextFile, text: string): string | undefined {
  if (file.kind === 'course') {
    const value = parseDocument(text).getIn(['translation', 'sourceHash'])
    return typeof value === 'string' ? value : undefined
  }
  const {tree} = parseMarkdown(text)
  const yaml = tree.children[0]?.type === 'yaml' ? tree.children[0].value : undefined
  const value = yaml === undefined ? undefined : parseDocument(yaml).get('sourceHash')
  return typeof value === 'string' ? value : undefined
}

export {sourceHash}
