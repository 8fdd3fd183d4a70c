import path from 'node:path'
import {fileURLToPath} from 'node:url'
import fc from 'fast-check'
import {describe, expect, test} from 'vitest'
import {readFolder} from './lib/read-folder.js'
import {compileCourse, createCompileCache, type CompileResult, type CourseInput} from '@coursemark/compiler'
import {formatDiagnostics, toDiagnostics} from '@coursemark/diagnostics'
import {createValidator} from '@coursemark/schema'
import {parseMarkdown, type ParseResult} from '@coursemark/syntax'

// A compile with a cache must give exactly what a compile without one gives, after any edits.
const validator = createValidator()
const root = fileURLToPath(new URL('../../../', import.meta.url))


/** What a compile gives, as comparable text. */
function outcome(result: CompileResult): {course: string; messages: string; fatal: boolean[]} {
  return {
    course: JSON.stringify(result.course ?? null),
    messages: formatDiagnostics(toDiagnostics(result.messages), 'text'),
    fatal: result.messages.map((message) => message.fatal === true)
  }
}

const dirs = {
  'all-question-types': path.join(root, 'packages/compiler/test/fixtures/all-question-types/input'),
  'directives-tour': path.join(root, 'examples/directives-tour'),
  'workpris': path.join(root, 'curricula/workpris-tso-collaboration')
}

// Edits that change what modules depend on, one at a time: text, terms, includes, media, settings.
type Edit = (input: {files: Map<string, string>; assets: Set<string>}) => void
const modulesOf = (files: Map<string, string>): string[] => [...files.keys()].filter((file) => file.startsWith('modules/')).sort()
const edits: Record<string, (pick: number) => Edit> = {
  'append text': (pick) => ({files}) => {
    const file = modulesOf(files)[pick % modulesOf(files).length]!
    files.set(file, files.get(file)! + '\n\nMore text ' + pick + '.\n')
  },
  'break a directive': (pick) => ({files}) => {
    const file = modulesOf(files)[pick % modulesOf(files).length]!
    files.set(file, files.get(file)!.replace(':::quiz', ':::quiz{bad'))
  },
  'define a term': (pick) => ({files}) => {
    const list = modulesOf(files)
    const file = list[pick % list.length]!
    files.set(file, files.get(file)! + '\n\n## Terms ' + pick + '\n\nA :term[Parole]{def="Definition ' + pick + '"} and a :term[parole].\n')
  },
  'use a term bare': (pick) => ({files}) => {
    const list = modulesOf(files)
    const file = list[(pick + 1) % list.length]!
    files.set(file, files.get(file)! + '\n\n## Bare ' + pick + '\n\nSee :term[parole].\n')
  },
  'remove media': (pick) => ({assets}) => {
    const media = [...assets].filter((file) => !/\.(md|ya?ml)$/.test(file)).sort()
    if (media.length > 0) assets.delete(media[pick % media.length]!)
  },
  'add an include file': (pick) => ({files, assets}) => {
    files.set('snippets/shared.md', 'Shared text ' + pick + ' with ![a picture](missing-' + pick + '.png).\n')
    assets.add('snippets/shared.md')
  },
  'include it': (pick) => ({files}) => {
    const list = modulesOf(files)
    const file = list[pick % list.length]!
    files.set(file, files.get(file)! + '\n\n## Included ' + pick + '\n\n::include{src=../snippets/shared.md}\n')
  },
  'duplicate a module id': (pick) => ({files}) => {
    const list = modulesOf(files)
    if (list.length < 2) return
    const [a, b] = [list[pick % list.length]!, list[(pick + 1) % list.length]!]
    const id = /^id:\s*(.+)$/m.exec(files.get(a)!)?.[1]
    if (id) files.set(b, files.get(b)!.replace(/^id:\s*.+$/m, 'id: ' + id))
  },
  'allow external links': () => ({files}) => {
    files.set('course.yaml', files.get('course.yaml')!.replace(/^externalLinks:.*$/m, '') + '\nexternalLinks: allow\n')
  },
  'undo nothing': () => () => {}
}

describe('compile cache', () => {
  test.each(Object.entries(dirs))('%s: same result as without a cache, after random edits', async (_name, dir) => {
    const base = await readFolder(dir)
    // Small picks, so that edits often meet in the same modules; the examples are the dependencies
    // between modules: a bare term defined elsewhere later, an included file that changes.
    const examples: Array<[Array<[string, number]>]> = [
      [[['use a term bare', 0], ['define a term', 0], ['define a term', 1]]],
      [[['add an include file', 1], ['include it', 1], ['add an include file', 2]]],
      [[['remove media', 0], ['remove media', 1], ['allow external links', 0]]]
    ]
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...Object.keys(edits)), fc.nat(3)), {minLength: 1, maxLength: 6}), async (steps) => {
      const cache = createCompileCache()
      const input = {files: new Map(base.files), assets: new Set(base.assets)}
      const compile = (options: {cache?: typeof cache; strict?: boolean}): CompileResult =>
        compileCourse({slug: 'c', files: new Map(input.files), assets: new Set(input.assets)} satisfies CourseInput, {validator, ...options})
      expect(outcome(compile({cache}))).toEqual(outcome(compile({})))
      for (const [name, pick] of steps) {
        edits[name]!(pick)(input)
        const strict = pick % 3 === 0
        expect(outcome(compile({cache, strict}))).toEqual(outcome(compile({strict})))
      }
    }), {numRuns: 12, examples})
  }, 120_000)

  test('unchanged modules are not compiled again', async () => {
    const {files, assets} = await readFolder(dirs.workpris)
    const cache = createCompileCache()
    const first = compileCourse({slug: 'c', files, assets}, {validator, cache})
    const edited = new Map(files)
    const file = modulesOf(files)[0]!
    edited.set(file, files.get(file)! + '\n\nOne more sentence.\n')
    expect(cache.stats).toEqual({compiled: first.course!.modules.length, reused: 0})
    const second = compileCourse({slug: 'c', files: edited, assets}, {validator, cache})
    expect(cache.stats).toEqual({compiled: first.course!.modules.length + 1, reused: first.course!.modules.length - 1})
    expect(second.course!.modules.slice(1)).toEqual(first.course!.modules.slice(1))
    expect(second.course!.modules[0]).not.toEqual(first.course!.modules[0])
    // The cache hands out copies: changing a result does not change the next compile.
    second.course!.modules[1]!.title = 'changed'
    const third = compileCourse({slug: 'c', files: edited, assets}, {validator, cache})
    expect(third.course!.modules[1]!.title).toBe(first.course!.modules[1]!.title)
  })
})

describe('parse results kept as JSON (the parse cache of `build`)', () => {
  // `build` keeps parsed Markdown between runs as JSON: a tree read back must compile to exactly
  // what a fresh parse compiles to, messages and positions included.
  const readBack = (text: string): ParseResult => JSON.parse(JSON.stringify(parseMarkdown(text))) as ParseResult

  test.each(Object.entries(dirs))('%s: same result, after random edits', async (_name, dir) => {
    const base = await readFolder(dir)
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...Object.keys(edits)), fc.nat(3)), {maxLength: 4}), async (steps) => {
      const input = {files: new Map(base.files), assets: new Set(base.assets)}
      for (const [name, pick] of steps) edits[name]!(pick)(input)
      const compile = (parse?: (text: string) => ParseResult): CompileResult => compileCourse({slug: 'c', files: new Map(input.files), assets: new Set(input.assets)}, {validator, parse})
      const fresh = outcome(compile())
      expect(outcome(compile(readBack))).toEqual(fresh)
    }), {numRuns: 8})
  }, 120_000)

  test('odd Markdown: same result', () => {
    const piece = fc.constantFrom('## Page\n', 'text ', '*em* ', '`code` ', '[link](https://example.org) ', '![alt](pic.png) ', '<b>raw</b> ', ':term[Word]{def="A word"} ', ':::note\n', ':::\n', '::include{src=x.md}\n',
      '- [x] done\n', '1. one\n', '> quote\n', '| a | b |\n| - | - |\n| 1 | 2 |\n', 'www.example.org ', 'a@b.org ', '[^1]\n\n[^1]: note\n', '~~gone~~ ', '\n', '\t', '---\n', ':::quiz{id=q}\n:::question{id=a type=single outcome=LO1}\nQ?\n- [x] yes\n- [ ] no\n:::\n:::\n')
    fc.assert(fc.property(fc.array(piece, {maxLength: 30}), (parts) => {
      const module = '---\nid: m\ntitle: M\noutcomes: [LO1]\n---\n\n' + parts.join('')
      const files = new Map([['course.yaml', 'id: https://example.org/c\ntitle: C\nversion: 1.0.0\nlanguage: en\ndescription: D\noutcomes:\n  - id: LO1\n    text: Do it.\nmodules:\n  - modules/m.md\n'], ['modules/m.md', module], ['x.md', 'Included *text*.\n']])
      const assets = new Set([...files.keys(), 'pic.png'])
      const compile = (parse?: (text: string) => ParseResult): CompileResult => compileCourse({slug: 'c', files: new Map(files), assets: new Set(assets)}, {validator, parse})
      expect(outcome(compile(readBack))).toEqual(outcome(compile()))
    }), {numRuns: 200})
  })
})
