import type {Heading, Root, RootContent, Yaml} from 'mdast'
import type {ContainerDirective} from 'mdast-util-directive'
import {toString} from 'mdast-util-to-string'
import {visit} from 'unist-util-visit'
import {describeErrors} from '@coursemark/schema'
import {report, rules} from '@coursemark/diagnostics'
import type {Block, Module, Page} from '@coursemark/model'
import {reportAt, sourceOf, vfileOf, type Context} from './context.js'
import {blockDirectives, contentToHtml} from './html.js'
import {expandIncludes} from './include.js'
import {reportFences} from './fences.js'
import {parseYaml} from './yaml.js'
import {quiz} from './directives/quiz.js'
import {scenario} from './directives/scenario.js'
import {activity, reflection, trainer} from './directives/simple.js'

type Handler = (context: Context, modulePath: string, node: ContainerDirective) => Block | undefined
const handlers = {quiz, scenario, reflection, activity, trainer} satisfies Record<(typeof blockDirectives)[number], Handler>

/** A module file parsed, with its front matter checked and includes expanded. */
export interface LoadedModule {
  readonly path: string
  readonly data: {id: string; title: string; outcomes: string[]; description?: string; duration?: number; sourceHash?: string}
  readonly tree: Root
  /** Position of the front matter, for messages about the module as a whole. */
  readonly frontmatter: Yaml
  /** Position of a front matter value by JSON pointer. */
  readonly locate: (pointer: string) => import('unist').Position | undefined
}

/** Parse one module file. Returns `undefined` when its front matter is unusable. */
export function loadModule(context: Context, path: string): LoadedModule | undefined {
  const file = vfileOf(context, path)
  const parsed = context.parse(context.files.get(path) ?? '')
  reportFences(file, parsed)
  if (parsed.tooDeep) {
    context.incomplete = true
    return undefined
  }
  const tree = parsed.tree
  const yaml = tree.children.find((node): node is Yaml => node.type === 'yaml')
  if (!yaml) {
    report(file, {line: 1, column: 1}, rules.missingFrontmatter, 'Unexpected module without front matter, expected `---` with `id`, `title` and `outcomes` at the top')
    return undefined
  }
  const start = yaml.position!.start
  const yamlText = yaml.value
  const located = parseYaml(file, yamlText, {line: start.line + 1, offset: (start.offset ?? 0) + 4})
  if (located.value === undefined) return undefined
  const {errors} = context.validator.validate('module', located.value)
  if (errors.length > 0) {
    const allowed = Object.keys(context.validator.schema('module')?.properties ?? {})
    for (const description of describeErrors(errors, {allowed: (pointer) => (pointer === '' ? allowed : undefined)})) {
      const place = description.rule === rules.missingField ? yaml.position : located.locate(description.pointer, description.rule === rules.unknownField)
      report(file, place, description.rule, description.reason + ' in the front matter', {expected: description.expected, actual: description.actual})
    }
    return undefined
  }
  const data = located.value as LoadedModule['data']
  context.ids.push({id: data.id, kind: 'module', file: path, place: located.locate('/id')})
  data.outcomes.forEach((outcome, index) => {
    context.outcomeRefs.push({id: outcome, file: path, place: located.locate('/outcomes/' + index), taught: true})
  })

  expandIncludes(context, path, tree)
  reportMalformedDirectives(context, path, tree)
  return {path, data, tree, frontmatter: yaml, locate: located.locate}
}

/** Turn a loaded module into the model. */
export function buildModule(context: Context, loaded: LoadedModule): Module {
  const {path, data, tree} = loaded
  const file = vfileOf(context, path)
  const pages = splitPages(context, path, data.id, data.title, tree)
  if (pages.length === 0) {
    report(file, loaded.frontmatter.position?.end, rules.emptyModule, 'Unexpected module `' + data.id + '` without pages, expected `## Page title` headings with content')
  }
  return {
    type: 'module',
    id: data.id,
    title: data.title,
    description: data.description,
    duration: data.duration,
    outcomes: data.outcomes,
    sourceHash: data.sourceHash,
    pages,
    source: {path, start: {line: 1, column: 1}}
  }
}

function splitPages(context: Context, path: string, moduleId: string, moduleTitle: string, tree: Root): Page[] {
  let children = tree.children.filter((node) => node.type !== 'yaml')
  const first = children.find((node) => node.type !== 'definition')
  if (first && first.type === 'heading' && first.depth === 1) children = children.filter((node) => node !== first)
  const groups: Array<{heading: Heading | undefined; nodes: RootContent[]}> = []
  let current: {heading: Heading | undefined; nodes: RootContent[]} = {heading: undefined, nodes: []}
  for (const node of children) {
    if (node.type === 'heading' && node.depth <= 2) {
      if (current.heading || current.nodes.length > 0) groups.push(current)
      current = {heading: node, nodes: []}
    } else {
      current.nodes.push(node)
    }
  }
  if (current.heading || current.nodes.length > 0) groups.push(current)
  const used = new Set<string>()
  /** For each slug, the number its next duplicate tries first (so many equal titles stay linear). */
  const nextNumber = new Map<string, number>()
  return groups
    .filter((group) => group.heading || group.nodes.some((node) => node.type !== 'definition'))
    .map((group, index) => {
      const title = group.heading ? toString(group.heading).trim() || moduleTitle : moduleTitle
      const base = slugify(title) || 'page-' + (index + 1)
      let slug = base
      if (used.has(slug)) {
        let n = nextNumber.get(base) ?? 2
        while (used.has(base + '-' + n)) n++
        nextNumber.set(base, n + 1)
        slug = base + '-' + n
      }
      used.add(slug)
      const anchor = group.heading ?? group.nodes[0]!
      return {type: 'page' as const, id: moduleId + '.' + slug, title, blocks: toBlocks(context, path, group.nodes), source: sourceOf(anchor, path)}
    })
}

function toBlocks(context: Context, path: string, nodes: ReadonlyArray<RootContent>): Block[] {
  const blocks: Block[] = []
  let buffer: RootContent[] = []
  const flush = (): void => {
    if (buffer.length > 0) blocks.push({type: 'html', html: contentToHtml(context, path, buffer)})
    buffer = []
  }
  for (const node of nodes) {
    if (node.type === 'containerDirective' && node.name in handlers) {
      flush()
      const block = handlers[node.name as keyof typeof handlers](context, path, node)
      if (block) blocks.push(block)
    } else if (node.type === 'containerDirective' && (node.name === 'question' || node.name === 'step')) {
      reportAt(context, path, node, rules.misplacedDirective, 'Unexpected `' + node.name + '` outside a ' + (node.name === 'question' ? '`:::quiz`' : '`:::scenario`') + ', expected it inside one')
    } else {
      buffer.push(node)
    }
  }
  flush()
  return blocks
}

/** A lower-case, ASCII, hyphenated slug usable inside ids. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '')
}

const directiveLine = /^(:{2,})([A-Za-z][\w-]*)(?:\[[^\]]*\])?\{/

/** A line that starts like a directive but was read as text: its attributes could not be parsed. */
function reportMalformedDirectives(context: Context, path: string, tree: Root): void {
  visit(tree, 'text', function (node, index, parent) {
    if (!parent || !node.position) return
    const previous = index === undefined ? undefined : parent.children[index - 1]
    if (previous && previous.type === 'textDirective' && node.value.startsWith('{') && previous.position?.end.offset === node.position.start.offset) {
      reportAt(context, path, node, rules.malformedDirective,
        'Unexpected text `' + node.value.split('\n')[0]!.slice(0, 60) + '` after `:' + previous.name + '`: its attributes cannot be read, expected e.g. `{def="A definition"}`')
      return
    }
    // A directive that could not be read starts a line with `::`: most text has none.
    if (parent.type !== 'paragraph' || !node.value.includes('::')) return
    node.value.split('\n').forEach((line, offset) => {
      if (offset === 0 && parent.children[0] !== node) return
      const match = directiveLine.exec(line)
      if (!match) return
      const lineNumber = node.position!.start.line + offset
      const column = offset === 0 ? node.position!.start.column : 1
      reportAt(context, path, {...node, position: {start: {line: lineNumber, column}, end: {line: lineNumber, column: column + line.length}}}, rules.malformedDirective,
        'Unexpected text `' + line.slice(0, 60) + '`: the directive `' + match[2] + '` cannot be read, expected attributes such as `{id=check title="A title"}`')
    })
  })
}
