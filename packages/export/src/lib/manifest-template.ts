/**
 * Render a manifest from the export package's own Handlebars templates, in an isolated
 * environment: no global helpers or partials, nothing a theme registers can reach it.
 */

import Handlebars from 'handlebars'

/** A template and its partials. */
export interface ManifestTemplate {
  /** Handlebars source of the document. */
  readonly template: string
  /** Partials by name. */
  readonly partials: Readonly<Record<string, string>>
}

/**
 * Render a manifest.
 *
 * Every `{{value}}` is escaped (`&`, `<`, `>`, `"`, `'`, `` ` ``, `=` become character
 * references, which XML accepts in text and in attributes); templates never use `{{{…}}}`.
 * Compiled in strict mode: a name missing from `view` is an error, not an empty string.
 * Partials are not re-indented (`preventIndent`), so multi-line values come out as they are:
 * a partial's source carries the indentation it needs.
 *
 * @param source
 *   Template and partials.
 * @param view
 *   Values for the template.
 * @returns
 *   The document.
 */
export function renderManifest(source: ManifestTemplate, view: object): string {
  const handlebars = Handlebars.create()
  const options = {strict: true, knownHelpersOnly: true, noEscape: false, preventIndent: true} as const
  for (const [name, partial] of Object.entries(source.partials)) {
    handlebars.registerPartial(name, handlebars.compile(partial, options))
  }
  return handlebars.compile(source.template, options)(view)
}
