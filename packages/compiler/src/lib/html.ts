import type {Element, ElementContent, Root as HastRoot} from 'hast'
import {sanitize} from 'hast-util-sanitize'
import {toHtml} from 'hast-util-to-html'
import type {Image, Link, Nodes, Root, RootContent} from 'mdast'
import type {ContainerDirective, LeafDirective, TextDirective} from 'mdast-util-directive'
import {toHast} from 'mdast-util-to-hast'
import {toString} from 'mdast-util-to-string'
import {visit, SKIP} from 'unist-util-visit'
import {quoteList, rules} from '@coursemark/diagnostics'
import type {MediaRef} from '@coursemark/model'
import {checkAttributes, pathOf, reportAt, type Context} from './context.js'
import {resolvePath} from './paths.js'
import {linkSchemes, sanitizeSchema} from './sanitize-schema.js'
import {suggest} from '@coursemark/diagnostics'

/** Directives that may appear inside ordinary content. */
export const inlineDirectives = ['note', 'details', 'video', 'audio', 'term'] as const
/** Directives that make their own blocks on a page. */
export const blockDirectives = ['quiz', 'scenario', 'reflection', 'activity', 'trainer'] as const
/** Directives that only live inside another one. */
export const nestedDirectives = ['question', 'step'] as const
/** Every directive name coursemark knows (include is expanded before anything else). */
export const knownDirectives: ReadonlyArray<string> = [...inlineDirectives, ...blockDirectives, ...nestedDirectives, 'include'].sort()

type Directive = ContainerDirective | LeafDirective | TextDirective

/**
 * Turn ordinary Markdown (with notes, details, video, audio and terms) into sanitized HTML.
 * Checks pictures, media and links on the way, and records the media the course needs.
 * The nodes are used up: they are changed on the way (media paths resolved, raw HTML taken
 * out), so take anything else from them (`plainText`, say) first.
 */
export function contentToHtml(context: Context, modulePath: string, nodes: ReadonlyArray<RootContent>): string {
  const root: Root = {type: 'root', children: [...nodes]}
  prepare(context, modulePath, root)
  const hast = toHast(root, {clobberPrefix: 'cm-fn-', footnoteBackLabel: 'Back to content'}) as HastRoot
  const clean = sanitize(hast, sanitizeSchema) as HastRoot
  return toHtml(clean)
}

/** The plain text of nodes (for LMS reports and statements). */
export function plainText(nodes: ReadonlyArray<RootContent>): string {
  return nodes.map((node) => toString(node)).join(' ').replace(/\s+/g, ' ').trim()
}

function prepare(context: Context, modulePath: string, root: Root): void {
  visit(root, function (node, index, parent) {
    if (node.type === 'html') {
      reportAt(context, modulePath, node, rules.rawHtml, 'Unexpected raw HTML, expected Markdown or a directive; it is left out of the course')
      if (parent && index !== undefined) {
        parent.children.splice(index, 1)
        return [SKIP, index]
      }
      return
    }
    if (node.type === 'image') return image(context, modulePath, node)
    if (node.type === 'imageReference') {
      reportAt(context, modulePath, node, rules.missingAsset, 'Unexpected image reference without a definition, expected `![alt](path)`')
      return
    }
    if (node.type === 'link') return link(context, modulePath, node)
    if (node.type === 'definition') {
      if (unsafeLink(context, modulePath, node, node.url)) return
      const resolved = resolvePath(pathOf(node, modulePath), node.url)
      if (resolved.kind === 'external') externalLink(context, modulePath, node, resolved.url)
      return
    }
    if (node.type === 'containerDirective' || node.type === 'leafDirective' || node.type === 'textDirective') {
      return directive(context, modulePath, node)
    }
    return
  })
}

function image(context: Context, modulePath: string, node: Image): void {
  const path = pathOf(node, modulePath)
  if (!node.alt || !node.alt.trim()) {
    reportAt(context, modulePath, node, rules.missingAlt, 'Unexpected image without alt text, expected a description in `![…]`')
  }
  const resolved = useMedia(context, modulePath, node, node.url, 'image')
  node.url = resolved ?? ''
  void path
}

/** Check a media path and record it; returns the course-relative path, or `undefined` when unusable. */
export function useMedia(context: Context, modulePath: string, node: Nodes, url: string, kind: MediaRef['kind']): string | undefined {
  const resolved = resolveAsset(context, pathOf(node, modulePath), url)
  const scheme = schemeOf(url)
  if (scheme !== undefined && !mediaSchemes.includes(scheme)) {
    reportAt(context, modulePath, node, rules.unsafeUrl, 'Unexpected ' + kind + ' address `' + shorten(url) + '`, expected a file in the course folder; the address is removed')
    return undefined
  }
  if (resolved.kind === 'external') {
    reportAt(context, modulePath, node, rules.externalMedia, 'Unexpected ' + kind + ' from the web `' + url + '`, expected a file in the course folder')
    return undefined
  }
  if (resolved.kind === 'outside') {
    reportAt(context, modulePath, node, rules.assetOutsideCourse, 'Unexpected path `' + url + '` outside the course folder, expected a file inside it')
    return undefined
  }
  if (leadsOutside(context, resolved.path)) {
    reportAt(context, modulePath, node, rules.assetOutsideCourse, 'Unexpected file `' + resolved.path + '` that links outside the course folder, expected a file inside it')
    return undefined
  }
  if (!context.assets.has(resolved.path)) {
    reportAt(context, modulePath, node, rules.missingAsset, 'Unexpected missing file `' + resolved.path + '`, expected it in the course folder')
    return undefined
  }
  const unsafe = unsafeName(resolved.path)
  if (unsafe) {
    reportAt(context, modulePath, node, rules.unsafeFileName, 'Unexpected file name `' + resolved.path + '` (' + unsafe + '), expected a name that every LMS and zip tool accepts')
    return undefined
  }
  if (tooLarge(context, modulePath, node, resolved.path)) return undefined
  if (!context.media.has(resolved.path)) context.media.set(resolved.path, kind)
  return resolved.path
}

/** Report a file larger than a package may carry; `true` when it is. */
function tooLarge(context: Context, modulePath: string, node: Nodes, path: string): boolean {
  const size = context.sizes.get(path)
  if (size === undefined || size <= context.maxMediaBytes) return false
  reportAt(context, modulePath, node, rules.mediaTooLarge, 'Unexpected file `' + path + '` of ' + size + ' bytes, expected at most ' + bytesText(context.maxMediaBytes))
  return true
}

/** `104857600 bytes (100 MiB)`, or `1000 bytes` when not a whole number of MiB. */
function bytesText(bytes: number): string {
  const mebibyte = 1024 * 1024
  return bytes + ' bytes' + (bytes % mebibyte === 0 ? ' (' + bytes / mebibyte + ' MiB)' : '')
}

/** Schemes of pictures and media that are refused as coming from the web (`external-media`), not as unsafe. */
const mediaSchemes: ReadonlyArray<string> = ['http', 'https', 'data']

/**
 * The scheme of a URL as a browser reads it (lower case; tabs and line breaks inside and
 * control characters around are ignored, as browsers do), or `undefined` for a relative URL or
 * a Windows path such as `C:\media`.
 */
export function schemeOf(url: string): string | undefined {
  const normalized = url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '')
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(normalized)
  if (!match || /^[a-z]:[\\/]/i.test(normalized)) return undefined
  return match[1]!.toLowerCase()
}

/** Report a link whose address cannot be kept (`javascript:`, `data:`, …); `true` when it is one. */
function unsafeLink(context: Context, modulePath: string, node: Nodes, url: string): boolean {
  const scheme = schemeOf(url)
  if (scheme === undefined || linkSchemes.includes(scheme)) return false
  reportAt(context, modulePath, node, rules.unsafeUrl, 'Unexpected link to `' + shorten(url) + '`, expected a file in the course or an `https:`, `http:`, `mailto:` or `tel:` address; the link keeps its text and loses its target')
  return true
}

/** A URL for a message: at most 60 characters. */
function shorten(url: string): string {
  const trimmed = url.trim()
  return trimmed.length > 60 ? trimmed.slice(0, 59) + '…' : trimmed
}

function link(context: Context, modulePath: string, node: Link): void {
  if (unsafeLink(context, modulePath, node, node.url)) return
  const resolved = resolveAsset(context, pathOf(node, modulePath), node.url)
  if (node.url.startsWith('#')) return
  if (resolved.kind === 'external') {
    if (/^(?:https?|mailto|tel):/i.test(resolved.url) || resolved.url.startsWith('//')) {
      externalLink(context, modulePath, node, resolved.url)
      node.data = {...node.data, hProperties: {rel: ['noopener', 'noreferrer'], target: '_blank', className: ['cm-external']}}
    }
    return
  }
  if (resolved.kind === 'outside') {
    reportAt(context, modulePath, node, rules.assetOutsideCourse, 'Unexpected link `' + node.url + '` outside the course folder, expected a file inside it')
    node.url = ''
    return
  }
  if (!context.assets.has(resolved.path)) {
    reportAt(context, modulePath, node, rules.missingAsset, 'Unexpected link to a missing file `' + resolved.path + '`, expected it in the course folder')
    return
  }
  if (!resolved.path.endsWith('.md')) {
    if (tooLarge(context, modulePath, node, resolved.path)) return
    if (!context.media.has(resolved.path)) context.media.set(resolved.path, 'transcript')
    node.url = resolved.path
  }
}

function externalLink(context: Context, modulePath: string, node: Nodes, url: string): void {
  if (context.externalLinks === 'allow') return
  reportAt(context, modulePath, node, rules.externalLink, 'Unexpected link to a web site `' + url + '`, expected content that works offline')
}

function directive(context: Context, modulePath: string, node: Directive): typeof SKIP | void {
  const name = node.name
  const expectedType = name === 'term' ? 'textDirective' : name === 'video' || name === 'audio' ? 'leafDirective' : 'containerDirective'
  if (!knownDirectives.includes(name)) {
    reportAt(context, modulePath, node, rules.unknownDirective, 'Unexpected unknown directive `' + name + '`' + suggestion(name), {actual: name, expected: knownDirectives})
    hide(node)
    return SKIP
  }
  if (!(inlineDirectives as ReadonlyArray<string>).includes(name)) {
    reportAt(context, modulePath, node, rules.misplacedDirective, 'Unexpected `' + name + '` here, expected it ' + placeOf(name))
    hide(node)
    return SKIP
  }
  if (node.type !== expectedType) {
    reportAt(context, modulePath, node, rules.misplacedDirective, 'Unexpected `' + name + '` written as ' + form(node.type) + ', expected ' + form(expectedType) + ' (`' + example(name) + '`)')
    hide(node)
    return SKIP
  }
  const attributes = checkAttributes(context, modulePath, node, name) ?? {}
  switch (name) {
    case 'note': {
      const kind = String(attributes['kind'] ?? 'info')
      const children = [...(node as ContainerDirective).children]
      if (attributes['title'] !== undefined) {
        children.unshift({type: 'paragraph', data: {hProperties: {className: ['cm-note-title']}}, children: [{type: 'text', value: String(attributes['title'])}]})
      }
      ;(node as ContainerDirective).children = children
      node.data = {hName: 'aside', hProperties: {className: ['cm-note', 'cm-note-' + kind], role: 'note', dataKind: kind}}
      return
    }
    case 'details': {
      const container = node as ContainerDirective
      container.children = [{type: 'paragraph', data: {hName: 'summary'}, children: [{type: 'text', value: String(attributes['summary'] ?? '')}]}, ...container.children]
      node.data = {hName: 'details', hProperties: {className: ['cm-details']}}
      return
    }
    case 'term': {
      const term = toString(node).trim()
      const definition = attributes['def'] === undefined ? undefined : String(attributes['def'])
      if (!term) {
        reportAt(context, modulePath, node, rules.undefinedTerm, 'Unexpected empty term, expected `:term[word]`')
        return
      }
      context.terms.push({term, definition, file: pathOf(node, modulePath), place: node.position})
      node.data = {hName: 'dfn', hProperties: {className: ['cm-term'], dataDefinition: definition ?? context.definitions.get(term.toLowerCase()) ?? ''}}
      return
    }
    case 'video':
    case 'audio':
      media(context, modulePath, node as LeafDirective, name, attributes)
      return SKIP
  }
}

function media(context: Context, modulePath: string, node: LeafDirective, name: 'video' | 'audio', attributes: Record<string, string | number | boolean | undefined>): void {
  const src = attributes['src'] === undefined ? undefined : useMedia(context, modulePath, node, String(attributes['src']), name)
  const children: ElementContent[] = []
  const title = attributes['title'] === undefined ? undefined : String(attributes['title'])
  if (name === 'video') {
    const captions = attributes['captions'] === undefined ? undefined : useMedia(context, modulePath, node, String(attributes['captions']), 'captions')
    const poster = attributes['poster'] === undefined ? undefined : useMedia(context, modulePath, node, String(attributes['poster']), 'image')
    if (attributes['captions'] === undefined) {
      reportAt(context, modulePath, node, rules.missingCaptions, 'Unexpected video without captions, expected `captions=media/….vtt`')
    }
    const track: ElementContent[] = captions ? [{type: 'element', tagName: 'track', properties: {kind: 'captions', src: captions, srcLang: context.language, label: languageName(context.language), default: true}, children: []}] : []
    children.push({type: 'element', tagName: 'video', properties: {controls: true, preload: 'metadata', playsInline: true, src: src ?? '', poster: poster, title}, children: track})
  } else {
    const transcript = attributes['transcript'] === undefined ? undefined : useMedia(context, modulePath, node, String(attributes['transcript']), 'transcript')
    if (attributes['transcript'] === undefined) {
      reportAt(context, modulePath, node, rules.missingCaptions, 'Unexpected audio without a transcript, expected `transcript=media/…`')
    }
    children.push({type: 'element', tagName: 'audio', properties: {controls: true, preload: 'metadata', src: src ?? '', title}, children: []})
    if (transcript) children.push({type: 'element', tagName: 'p', properties: {className: ['cm-transcript']}, children: [{type: 'element', tagName: 'a', properties: {href: transcript}, children: [{type: 'text', value: 'Transcript'}]}]})
  }
  if (title) children.push({type: 'element', tagName: 'figcaption', properties: {}, children: [{type: 'text', value: title}]})
  const figure: Element = {type: 'element', tagName: 'figure', properties: {className: ['cm-' + name]}, children}
  node.data = {hName: 'figure', hProperties: figure.properties, hChildren: figure.children}
}

function hide(node: Directive): void {
  node.data = {hName: 'span', hChildren: []}
}

function suggestion(name: string): string {
  const best = suggest(name, knownDirectives)
  return best ? ', did you mean `' + best + '`? Expected one of ' + quoteList(knownDirectives, 20) : ', expected one of ' + quoteList(knownDirectives, 20)
}

function placeOf(name: string): string {
  if (name === 'question') return 'inside a `:::quiz`'
  if (name === 'step') return 'inside a `:::scenario`'
  return 'directly on a page, not inside another block'
}

function form(type: string): string {
  if (type === 'textDirective') return 'an inline directive (one colon)'
  if (type === 'leafDirective') return 'a single-line directive (two colons)'
  return 'a block directive (three colons)'
}

function example(name: string): string {
  if (name === 'term') return ':term[word]{def="…"}'
  if (name === 'video' || name === 'audio') return '::' + name + '{src=media/…}'
  return ':::' + name + ' … :::'
}

/**
 * Resolve a file reference: relative to the Markdown file (`../media/gate.svg`, which also
 * previews on a git host), or else, for a plain path such as `media/gate.svg`, relative to the
 * course folder.
 */
function resolveAsset(context: Context, from: string, url: string): ReturnType<typeof resolvePath> {
  const resolved = resolvePath(from, url)
  if (resolved.kind !== 'inside' || context.assets.has(resolved.path) || /^\.{1,2}[\\/]/.test(url.trim())) return resolved
  const fromRoot = resolvePath('course.yaml', url)
  return fromRoot.kind === 'inside' && context.assets.has(fromRoot.path) ? fromRoot : resolved
}

/** The name of a language in that language (`de` → `Deutsch`), for caption track labels. */
function languageName(tag: string): string {
  try {
    const name = new Intl.DisplayNames([tag], {type: 'language'}).of(tag)
    return name ? name.charAt(0).toLocaleUpperCase(tag) + name.slice(1) : tag
  } catch {
    return tag
  }
}

/** Why a course-relative path cannot be packed safely, or `undefined` when it can. */
export function unsafeName(path: string): string | undefined {
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'control characters'
  if (/[\\:*?"<>|]/.test(path)) return 'one of \\ : * ? " < > |'
  if (path.split('/').some((part) => part.length > 200)) return 'a name longer than 200 characters'
  if (path.split('/').some((part) => /^\s|\s$|\.$/.test(part))) return 'a name that starts or ends with a space, or ends with a dot'
  if (path.length > 1000) return 'a path longer than 1000 characters'
  return undefined
}

/** Whether a path, or a folder on the way to it, is a link that leads outside the course. */
export function leadsOutside(context: Context, path: string): boolean {
  const parts = path.split('/')
  return parts.some((_, index) => context.outside.has(parts.slice(0, index + 1).join('/')))
}
