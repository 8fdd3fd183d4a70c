// Experiment: where parse time goes (parseMarkdown: the @lezer/markdown fast path where it can,
// micromark + GFM + directives + front matter otherwise).
//
//   node bench/experiments/parse.mjs
//
// 1. Warm-up: CPU per module for the 1st, 2nd–10th, … module parsed in a fresh process (the JIT
//    at work: a cold `build` parses most of its modules before the parser is optimised).
// 2. Steady state over 100 modules: parseMarkdown as today; parseWithMicromark (every text through
//    micromark); micromark with the same extensions but no GFM autolink literals, straight into
//    mdast-util-from-markdown; CommonMark alone.
// Packages are taken from pnpm's store (node_modules/.pnpm), as packages/syntax gets them.

import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {ensureCourse} from '../generate.mjs'

const store = fileURLToPath(new URL('../../node_modules/.pnpm/', import.meta.url))
/** Import a package from pnpm's store by name (first version found). */
async function pnpmImport(name) {
  const folder = fs.readdirSync(store).sort().find((entry) => entry.startsWith(name.replace('/', '+') + '@'))
  if (!folder) throw new Error('Not in node_modules/.pnpm: ' + name)
  const base = path.join(store, folder, 'node_modules', name)
  const manifest = JSON.parse(fs.readFileSync(path.join(base, 'package.json'), 'utf8'))
  const entry = manifest.exports?.['.']?.default ?? manifest.exports?.default ?? manifest.exports?.['.'] ?? manifest.main ?? 'index.js'
  return import(pathToFileURL(path.join(base, typeof entry === 'string' ? entry : 'index.js')).href)
}

const {folder} = await ensureCourse(1000)
const dir = path.join(folder, 'modules')
const names = fs.readdirSync(dir).sort()
const texts = names.map((name) => fs.readFileSync(path.join(dir, name), 'utf8'))
const {parseMarkdown, parseWithMicromark} = await import('@coursemark/syntax')
const cpu = () => {
  const used = process.cpuUsage()
  return (used.user + used.system) / 1000
}

// 1. Warm-up curve.
const per = []
for (const text of texts.slice(0, 400)) {
  const start = cpu()
  parseMarkdown(text)
  per.push(cpu() - start)
}
const mean = (from, to) => Math.round((per.slice(from, to).reduce((sum, value) => sum + value, 0) / (to - from)) * 10) / 10
const warmup = {first: Math.round(per[0]), '2-10': mean(1, 10), '11-50': mean(10, 50), '51-100': mean(50, 100), '101-200': mean(100, 200), '201-400': mean(200, 400)}

// 2. Steady state on 100 modules.
const {fromMarkdown} = await pnpmImport('mdast-util-from-markdown')
const ext = {}
for (const [pkg, name] of [['micromark-extension-gfm-table', 'gfmTable'], ['mdast-util-gfm-table', 'gfmTableFromMarkdown'], ['micromark-extension-gfm-task-list-item', 'gfmTaskListItem'],
  ['mdast-util-gfm-task-list-item', 'gfmTaskListItemFromMarkdown'], ['micromark-extension-gfm-strikethrough', 'gfmStrikethrough'], ['mdast-util-gfm-strikethrough', 'gfmStrikethroughFromMarkdown'],
  ['micromark-extension-gfm-footnote', 'gfmFootnote'], ['mdast-util-gfm-footnote', 'gfmFootnoteFromMarkdown'], ['micromark-extension-directive', 'directive'], ['mdast-util-directive', 'directiveFromMarkdown'],
  ['micromark-extension-frontmatter', 'frontmatter'], ['mdast-util-frontmatter', 'frontmatterFromMarkdown']]) {
  ext[name] = (await pnpmImport(pkg))[name]
}
const sample = texts.slice(0, 100)
const variants = {
  'parseMarkdown (today)': (text) => parseMarkdown(text),
  'parseWithMicromark (micromark for every text)': (text) => parseWithMicromark(text),
  'micromark straight to mdast, no GFM autolink literals': (text) => fromMarkdown(text, {
    extensions: [ext.frontmatter(['yaml']), ext.gfmFootnote(), ext.gfmStrikethrough(), ext.gfmTable(), ext.gfmTaskListItem(), ext.directive()],
    mdastExtensions: [ext.frontmatterFromMarkdown(['yaml']), ext.gfmFootnoteFromMarkdown(), ext.gfmStrikethroughFromMarkdown(), ext.gfmTableFromMarkdown(), ext.gfmTaskListItemFromMarkdown(), ext.directiveFromMarkdown()]
  }),
  'CommonMark only (no extensions)': (text) => fromMarkdown(text)
}
const steady = {}
for (let round = 0; round < 2; round++) {
  for (const [label, fn] of Object.entries(variants)) {
    const runs = []
    for (let run = 0; run < 5; run++) {
      const start = cpu()
      for (const text of sample) fn(text)
      runs.push(cpu() - start)
    }
    runs.sort((a, b) => a - b)
    if (round === 1) steady[label] = {medianCpuMs: Math.round(runs[2]), minCpuMs: Math.round(runs[0])}
  }
}
const bytes = sample.reduce((sum, text) => sum + Buffer.byteLength(text), 0)
console.log(JSON.stringify({warmupCpuMsPerModule: warmup, steadyState100Modules: steady, markdownKb: Math.round(bytes / 1024), throughputMbPerS: Math.round((bytes / 1048576 / (steady['parseMarkdown (today)'].minCpuMs / 1000)) * 100) / 100}, undefined, 1))
