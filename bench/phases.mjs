// Measure the build pipeline of one course phase by phase, in one process, calling the same
// functions in the same order as `coursemark build` (packages/cli/src/commands/build.ts).
// Run by bench/run.mjs as a child process (one fresh process per measurement), with the timing
// hooks of lib/hooks.mjs:
//
//   node --import ./bench/lib/register-hooks.mjs bench/phases.mjs <course> --out <dir> [--warm 3] [--dump <dir>]
//   node --import ./bench/lib/register-hooks.mjs bench/phases.mjs <course> --preview [--runs 15]
//
// Keep it in step with build.ts: same calls, same order (read, validator, compile, media,
// resources once, then per target render → export → zip → write, then SHA256SUMS).
//
// Prints one JSON object on stdout. Times are milliseconds of wall clock (`ms`) and of CPU
// (`cpu`: user + system of the whole process, so zlib threads and parallel GC count too).

import fs from 'node:fs/promises'
import path from 'node:path'
import {parseArgs} from 'node:util'

const processStart = performance.now() // ≈ time node spent before running this file

const {values, positionals} = parseArgs({
  allowPositionals: true,
  options: {
    out: {type: 'string'},
    warm: {type: 'string', default: '0'},
    dump: {type: 'string'},
    preview: {type: 'boolean', default: false},
    runs: {type: 'string', default: '15'},
    targets: {type: 'string', default: 'scorm12,scorm2004,xapi,cmi5,web'}
  }
})
const folder = path.resolve(positionals[0])
const timers = (globalThis.__coursemarkBenchTimers ??= new Map())

// structuredClone is a global (used by contentToHtml): time it too.
const realClone = globalThis.structuredClone
globalThis.structuredClone = function (value, options) {
  const start = performance.now()
  try {
    return realClone(value, options)
  } finally {
    const entry = timers.get('clone') ?? {ms: 0, calls: 0}
    entry.ms += performance.now() - start
    entry.calls++
    timers.set('clone', entry)
  }
}

/** Run `fn`, returning its result and the wall and CPU milliseconds it took. */
async function measure(fn) {
  const cpu = process.cpuUsage()
  const start = performance.now()
  const result = await fn()
  const ms = performance.now() - start
  const used = process.cpuUsage(cpu)
  return {result, ms, cpu: (used.user + used.system) / 1000}
}

function snapshot() {
  return new Map([...timers].map(([label, entry]) => [label, entry.ms]))
}

function since(before) {
  const result = {}
  for (const [label, entry] of timers) result[label] = entry.ms - (before.get(label) ?? 0)
  return result
}

const imported = await measure(async () => {
  const [cli, compiler, schema, model, render, exporter, readCourseModule, resources, writeAtomicModule, checksums] = await Promise.all([
    import('@coursemark/cli'),
    import('@coursemark/compiler'),
    import('@coursemark/schema'),
    import('@coursemark/model'),
    import('@coursemark/render'),
    import('@coursemark/export'),
    // Not exported by @coursemark/cli: taken from its build so the benchmark runs exactly what `build` runs.
    import('../packages/cli/dist/lib/read-course.js'),
    import('../packages/cli/dist/lib/resources.js'),
    import('../packages/cli/dist/lib/write-atomic.js'),
    import('../packages/cli/dist/lib/checksums.js')
  ])
  return {cli, compiler, schema, model, render, exporter, readMedia: readCourseModule.readMedia, resources, writeAtomic: writeAtomicModule, checksums}
})
const {compiler, schema, model, render, exporter, readMedia, resources, writeAtomic, checksums} = imported.result
const {readCourse} = imported.result.cli

/** A validator whose `validate` calls are timed (label `validate`). */
function timedValidator(validator) {
  return {
    names: validator.names,
    schema: (name) => validator.schema(name),
    validate(name, value) {
      const start = performance.now()
      try {
        return validator.validate(name, value)
      } finally {
        const entry = timers.get('validate') ?? {ms: 0, calls: 0}
        entry.ms += performance.now() - start
        entry.calls++
        timers.set('validate', entry)
      }
    }
  }
}

const compileParts = ['parse', 'yaml', 'validate', 'toHast', 'sanitize', 'toHtml', 'clone']

/** Compile with the parts of the time broken down. */
async function compileTimed(input, validator, cache) {
  const before = snapshot()
  const compiled = await measure(() => compiler.compileCourse(input, {validator, cache}))
  const parts = since(before)
  const breakdown = {}
  let known = 0
  for (const part of compileParts) {
    breakdown[part] = parts[part] ?? 0
    known += breakdown[part]
  }
  breakdown.other = compiled.ms - known
  return {...compiled, breakdown}
}

/** Theme, runtime, SCORM and LRS templates: read once per process, as `build` does. */
async function loadResources(course) {
  return measure(async () => {
    const theme = await resources.loadTheme(course.theme, {courseRoot: folder})
    const runtime = await resources.loadRuntime()
    const scorm = await exporter.loadScormResources()
    const lrs = await exporter.loadLrsResources()
    return {theme, runtime, scorm, lrs}
  })
}

const targets = values.targets.split(',')

/** The package files of `target`, as `build` makes them from the web site. */
function exportTarget(target, learner, web, shared) {
  const {scorm, lrs} = shared.resources.result
  if (target === 'web') return web
  if (target === 'xapi') return exporter.exportXapi(learner, web, lrs)
  if (target === 'cmi5') return exporter.exportCmi5(learner, web, lrs, {au: undefined})
  if (target === 'scorm12') return exporter.exportScorm12(learner, web, scorm, {sco: 'single'})
  return exporter.exportScorm2004(learner, web, scorm, {sco: 'single'})
}

/** One pass of the pipeline. */
async function pass(out, shared) {
  const phases = {}
  const read = await measure(() => readCourse(folder))
  phases.read = read
  const validator = await measure(() => schema.createValidator())
  phases.validator = validator
  const compiled = await compileTimed(read.result.input, timedValidator(validator.result))
  phases.compile = compiled
  const course = compiled.result.course
  if (!course) throw new Error('The course has errors: ' + compiled.result.messages.slice(0, 3).map(String).join('; '))
  const learner = model.forLearners(course)
  phases.media = await measure(() => readMedia(read.result.root, learner.media.map((ref) => ref.path)))
  // Read once per process, as `build` does: later passes pay nothing.
  if (shared.resources) phases.resources = {ms: 0, cpu: 0}
  else phases.resources = shared.resources = await loadResources(course)
  const {theme, runtime} = shared.resources.result
  const name = course.slug + '-' + course.version + '-' + course.language
  const perTarget = {}
  const files = {}
  for (const target of targets) {
    const t = {}
    const site = await measure(() => render.renderSite({course: learner, theme, runtime, target}))
    t.render = site
    const exported = await measure(() => exportTarget(target, learner, exporter.exportWeb(learner, site.result, phases.media.result), shared))
    t.export = exported
    const zipped = await measure(() => exporter.zip(exported.result))
    t.zip = zipped
    if (target === 'web') {
      t.write = await measure(() => writeAtomic.writeFolderAtomic(path.join(out, name + '-web'), exported.result))
    } else {
      t.write = await measure(() => writeAtomic.writeAtomic(path.join(out, name + '-' + target + '.zip'), zipped.result))
    }
    files[target] = {files: exported.result, zip: zipped.result}
    perTarget[target] = strip(t)
  }
  const zips = targets.filter((target) => target !== 'web').map((target) => path.join(out, name + '-' + target + '.zip'))
  phases.checksums = await measure(() => checksums.writeChecksums(out, zips))
  return {phases: strip(phases), targets: perTarget, compileBreakdown: compiled.breakdown, files, course, learner}
}

function strip(record) {
  const result = {}
  for (const [key, value] of Object.entries(record)) result[key] = {ms: round(value.ms), cpu: round(value.cpu)}
  return result
}

function round(ms) {
  return Math.round(ms * 100) / 100
}

function median(list) {
  const sorted = [...list].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** Median of each numeric leaf over a list of same-shaped objects. */
function medianOf(list) {
  if (typeof list[0] === 'number') return round(median(list))
  const result = {}
  for (const key of Object.keys(list[0])) result[key] = medianOf(list.map((item) => item[key]))
  return result
}

if (values.preview) {
  // The preview-relevant cost: recompile the course after editing one module (warm process), with
  // the compile cache `coursemark preview` keeps between saves.
  const read = await readCourse(folder)
  const validator = timedValidator(schema.createValidator())
  const cache = compiler.createCompileCache()
  const input = read.input
  const modules = [...input.files.keys()].filter((file) => file.startsWith('modules/')).sort()
  const edited = modules[Math.floor(modules.length / 2)]
  const original = input.files.get(edited)
  const first = compiler.compileCourse(input, {validator, cache})
  const res = await loadResources(first.course)
  const runs = Number(values.runs)
  const samples = []
  for (let run = -3; run < runs; run++) {
    // Each run changes the module's text (one word), so nothing could be reused by accident.
    const files = new Map(input.files)
    files.set(edited, original.replace('## ', '## Edit ' + (run + 4) + ' '))
    const changed = {...input, files}
    const compiled = await compileTimed(changed, validator, cache)
    const course = compiled.result.course
    if (!course) throw new Error('The edited course has errors')
    // As `coursemark preview` does on every save (packages/cli/src/commands/preview.ts).
    const rendered = await measure(() => render.renderSite({course: model.forLearners(course), theme: res.result.theme, runtime: res.result.runtime, target: 'scorm12'}))
    // What an incremental compiler would at least pay: parsing the one edited module.
    const one = await measure(() => compiler.compileCourse({...changed, files: new Map([['course.yaml', minimalManifest(input.files.get('course.yaml'), edited)], [edited, files.get(edited)]])}, {validator}))
    if (run >= 0) samples.push({compile: compiled.ms, compileCpu: compiled.cpu, render: rendered.ms, total: compiled.ms + rendered.ms, oneModule: one.ms, breakdown: compiled.breakdown})
  }
  const result = {
    modules: modules.length,
    edited,
    runs,
    compile: medianOf(samples.map((s) => s.compile)),
    compileMin: round(Math.min(...samples.map((s) => s.compile))),
    compileCpu: medianOf(samples.map((s) => s.compileCpu)),
    render: medianOf(samples.map((s) => s.render)),
    total: medianOf(samples.map((s) => s.total)),
    oneModule: medianOf(samples.map((s) => s.oneModule)),
    breakdown: medianOf(samples.map((s) => s.breakdown)),
    maxRssKb: process.resourceUsage().maxRSS
  }
  process.stdout.write(JSON.stringify(result) + '\n')
} else {
  const out = path.resolve(values.out ?? path.join(path.dirname(folder), '.out'))
  const shared = {}
  const cold = await pass(out, shared)
  const memoryAfterCold = process.memoryUsage()
  if (values.dump) {
    // The ready files of each package, for the zip-only floor.
    for (const [target, {files}] of Object.entries(cold.files)) {
      const base = path.join(path.resolve(values.dump), target)
      await fs.rm(base, {recursive: true, force: true})
      for (const [name, bytes] of files) {
        await fs.mkdir(path.dirname(path.join(base, name)), {recursive: true})
        await fs.writeFile(path.join(base, name), bytes)
      }
    }
  }
  const warmRuns = []
  for (let run = 0; run < Number(values.warm); run++) {
    const warm = await pass(out, shared)
    warmRuns.push({phases: warm.phases, targets: warm.targets, compileBreakdown: warm.compileBreakdown})
  }
  const packages = {}
  for (const [target, {files, zip}] of Object.entries(cold.files)) {
    packages[target] = {files: files.size, zipBytes: zip.length, rawBytes: [...files.values()].reduce((sum, bytes) => sum + bytes.length, 0)}
  }
  const result = {
    course: folder,
    modules: cold.course.modules.length,
    pages: cold.course.modules.reduce((sum, module) => sum + module.pages.length, 0),
    media: cold.learner.media.map((ref) => ref.path),
    startupMs: round(processStart),
    import: {ms: round(imported.ms), cpu: round(imported.cpu)},
    cold: {phases: cold.phases, targets: cold.targets, compileBreakdown: medianOf([cold.compileBreakdown])},
    warm: warmRuns.length > 0 ? medianOf(warmRuns) : undefined,
    warmRuns: warmRuns.length,
    packages,
    heapUsedAfterColdMb: round(memoryAfterCold.heapUsed / 1048576),
    maxRssKb: process.resourceUsage().maxRSS
  }
  process.stdout.write(JSON.stringify(result) + '\n')
}

/** A course.yaml that lists only `module` (for timing one module's compile). */
function minimalManifest(text, module) {
  return text.replace(/\nmodules:\n[\s\S]*$/, '\nmodules:\n  - ' + module + '\n')
}
