// Summarise a V8 `.cpuprofile` (from `node --cpu-prof`): self and inclusive time per function
// and per package. Inclusive time counts every sample once per function, however often the
// function appears in the sample's stack (recursion).

import path from 'node:path'

/** The package a script URL belongs to: `ajv`, `@coursemark/compiler`, `node:zlib`, … */
export function packageOf(url) {
  if (!url) return '(native)'
  if (url.startsWith('node:')) return url.split('/')[0]
  const file = url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url
  const modules = file.lastIndexOf('/node_modules/')
  if (modules >= 0) {
    const rest = file.slice(modules + '/node_modules/'.length).split('/')
    if (rest[0] === '.pnpm') {
      // .pnpm/<name@version>/node_modules/<name>/…
      const inner = file.indexOf('/node_modules/', modules + 1 + '/node_modules/.pnpm/'.length)
      const parts = file.slice(inner + '/node_modules/'.length).split('/')
      return parts[0].startsWith('@') ? parts[0] + '/' + parts[1] : parts[0]
    }
    return rest[0].startsWith('@') ? rest[0] + '/' + rest[1] : rest[0]
  }
  const match = /\/packages\/([^/]+)\//.exec(file)
  if (match) return '@coursemark/' + match[1]
  return path.basename(file)
}

function frameKey(frame) {
  const file = frame.url ? frame.url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, '').replace(/^.*\/packages\//, 'packages/') : ''
  return (frame.functionName || '(anonymous)') + (file ? ' ' + file + ':' + (frame.lineNumber + 1) : '')
}

/**
 * Summarise a profile. `groups` (optional) maps a label to a test on a call frame: the time of
 * every sample with at least one matching frame on its stack counts once for the label.
 * @returns {{totalMs, idleMs, gcMs, self: Array<{name, package, ms}>, inclusive: Array<{name, package, ms}>, packagesSelf: Array<{package, ms}>, packagesInclusive: Array<{package, ms}>}}
 */
export function summarise(profile, groups = {}) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
  const parent = new Map()
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
  const self = new Map()
  const inclusive = new Map()
  const packagesSelf = new Map()
  const packagesInclusive = new Map()
  const info = new Map()
  const grouped = new Map(Object.keys(groups).map((label) => [label, 0]))
  const groupEntries = Object.entries(groups)
  let totalMs = 0
  let idleMs = 0
  let gcMs = 0
  const add = (map, key, ms) => map.set(key, (map.get(key) ?? 0) + ms)
  const deltas = profile.timeDeltas
  for (let index = 0; index < profile.samples.length; index++) {
    // timeDeltas[i] is the time *before* sample i; the time a sample stands for is the next delta.
    const ms = (deltas[index + 1] ?? deltas[index] ?? 0) / 1000
    const leaf = nodes.get(profile.samples[index])
    if (!leaf) continue
    totalMs += ms
    const name = leaf.callFrame.functionName
    if (name === '(idle)') {
      idleMs += ms
      continue
    }
    if (name === '(garbage collector)') gcMs += ms
    const leafKey = frameKey(leaf.callFrame)
    add(self, leafKey, ms)
    add(packagesSelf, packageOf(leaf.callFrame.url), ms)
    info.set(leafKey, packageOf(leaf.callFrame.url))
    const seenFunctions = new Set()
    const seenPackages = new Set()
    const seenGroups = new Set()
    for (let id = leaf.id; id !== undefined; id = parent.get(id)) {
      const frame = nodes.get(id).callFrame
      if (frame.functionName === '(root)') continue
      for (const [label, test] of groupEntries) {
        if (!seenGroups.has(label) && test(frame)) {
          seenGroups.add(label)
          add(grouped, label, ms)
        }
      }
      const key = frameKey(frame)
      if (!seenFunctions.has(key)) {
        seenFunctions.add(key)
        add(inclusive, key, ms)
        info.set(key, packageOf(frame.url))
      }
      const pkg = packageOf(frame.url)
      if (!seenPackages.has(pkg)) {
        seenPackages.add(pkg)
        add(packagesInclusive, pkg, ms)
      }
    }
  }
  const sorted = (map) => [...map].map(([name, ms]) => ({name, package: info.get(name), ms: round(ms)})).sort((a, b) => b.ms - a.ms)
  const sortedPackages = (map) => [...map].map(([pkg, ms]) => ({package: pkg, ms: round(ms)})).sort((a, b) => b.ms - a.ms)
  return {totalMs: round(totalMs), idleMs: round(idleMs), gcMs: round(gcMs), groups: Object.fromEntries([...grouped].map(([label, ms]) => [label, round(ms)])), self: sorted(self), inclusive: sorted(inclusive), packagesSelf: sortedPackages(packagesSelf), packagesInclusive: sortedPackages(packagesInclusive)}
}

/** Inclusive time of the functions whose name matches `pattern` (first match per name). */
export function inclusiveOf(summary, pattern) {
  return summary.inclusive.filter((entry) => pattern.test(entry.name))
}

function round(ms) {
  return Math.round(ms * 10) / 10
}
