// Module loader hooks (node:module `register`) that wrap a few functions the compiler imports,
// so the benchmark can time parse, YAML, mdast→hast, sanitize and hast→HTML *inside* the real
// `compileCourse` without changing any package. Only imports made from `packages/compiler/` are
// wrapped; everything else resolves as usual.
//
// Each wrapped import resolves to `bench/lib/hooks.mjs?wrap=<key>&real=<url>`, whose source this
// hook generates: it re-exports the real module and replaces the named functions with timed ones
// that add to `globalThis.__coursemarkBenchTimers` (a Map: label → {ms, calls}).

/** What to wrap: imports of `specifier` from `from`, function name → timer label. */
export const wraps = [
  {from: '/packages/compiler/', specifier: '@coursemark/syntax', names: {parseMarkdown: 'parse'}},
  {from: '/packages/compiler/', specifier: 'yaml', names: {parseDocument: 'yaml'}},
  {from: '/packages/compiler/', specifier: 'mdast-util-to-hast', names: {toHast: 'toHast'}},
  {from: '/packages/compiler/', specifier: 'hast-util-sanitize', names: {sanitize: 'sanitize'}},
  {from: '/packages/compiler/', specifier: 'hast-util-to-html', names: {toHtml: 'toHtml'}}
]

const self = import.meta.url.split('?')[0]

export async function resolve(specifier, context, nextResolve) {
  const parent = context.parentURL ?? ''
  const index = wraps.findIndex((wrap) => wrap.specifier === specifier && parent.includes(wrap.from) && !parent.startsWith(self))
  if (index < 0) return nextResolve(specifier, context)
  const real = await nextResolve(specifier, context)
  return {url: self + '?wrap=' + index + '&real=' + encodeURIComponent(real.url), format: 'module', shortCircuit: true}
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith(self + '?wrap=')) return nextLoad(url, context)
  const query = new URL(url).searchParams
  const wrap = wraps[Number(query.get('wrap'))]
  const real = query.get('real')
  const lines = [
    'import * as real from ' + JSON.stringify(real) + ';',
    'export * from ' + JSON.stringify(real) + ';',
    'const timers = (globalThis.__coursemarkBenchTimers ??= new Map());'
  ]
  for (const [name, label] of Object.entries(wrap.names)) {
    lines.push(
      'export function ' + name + '(...parameters) {',
      '  const start = performance.now();',
      '  try { return real.' + name + '(...parameters) } finally {',
      '    const entry = timers.get(' + JSON.stringify(label) + ') ?? {ms: 0, calls: 0};',
      '    entry.ms += performance.now() - start; entry.calls++;',
      '    timers.set(' + JSON.stringify(label) + ', entry);',
      '  }',
      '}'
    )
  }
  return {format: 'module', source: lines.join('\n'), shortCircuit: true}
}
