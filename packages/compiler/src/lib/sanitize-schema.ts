import {defaultSchema, type Schema} from 'hast-util-sanitize'

const base = defaultSchema.attributes ?? {}

/** Schemes a link may keep: the sanitizer removes every other target, and the compiler reports it as `unsafe-url`. */
export const linkSchemes: ReadonlyArray<string> = ['http', 'https', 'mailto', 'tel']

/**
 * GitHub's sanitize schema, extended with the elements coursemark's own directives produce
 * (notes, details, figures, video, audio, glossary terms). Raw HTML never reaches it: it is
 * dropped before, so this only decides what Markdown and directives may produce.
 */
export const sanitizeSchema: Schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), 'aside', 'figure', 'figcaption', 'video', 'audio', 'track', 'source', 'dfn', 'section'],
  attributes: {
    ...base,
    '*': [...(base['*'] ?? []), 'className'],
    aside: ['role', 'dataKind'],
    dfn: ['dataDefinition'],
    video: ['controls', 'preload', 'src', 'poster', 'title', 'playsInline'],
    audio: ['controls', 'preload', 'src', 'title'],
    track: ['kind', 'src', 'srcLang', 'label', 'default'],
    source: ['src', 'type'],
    a: [...(base['a'] ?? []), 'rel', 'target'],
    img: [...(base['img'] ?? []), 'loading']
  },
  // Links keep the targets of `linkSchemes`; pictures and media only relative paths to files of the course.
  protocols: {...defaultSchema.protocols, href: [...linkSchemes], src: [], poster: []}
}
