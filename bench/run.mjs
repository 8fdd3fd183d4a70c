// `pnpm bench`: measure coursemark on generated courses of 10 and 100 modules (and 1000 with
// `--large`), print a Markdown report, and write bench/results/<date>.json and latest.md.
//
//   pnpm bench                       10 and 100 modules (a few minutes on 2 cores)
//   pnpm bench --large               also 1000 modules, and redraw docs/images/scaling.svg
//   pnpm bench --sizes 10,100 --runs 7 --no-browser --no-profile
//   pnpm bench --large --priority    on a shared machine: run ahead of other work (nice -10, root)
//   node bench/run.mjs --chart-only bench/results/<file>.json    redraw the chart only
//
// What is measured (see docs/performance.md):
// - end to end: `node packages/cli/bin.js build <course> --target scorm12` and all five targets
//   (scorm12, scorm2004, xapi, cmi5, web), as child processes: wall time, CPU (user + system),
//   peak RSS (GNU time), zip sizes and entries;
// - the zip-only floor: zipping the same ready files without compiling (bench/floor.mjs);
// - phases, in process (bench/phases.mjs): read, validator, parse, YAML, validate, rest of
//   compile, render, export, zip, write; cold (first pass of a fresh process) and warm;
// - preview: `coursemark preview` on a 100-module course, saving one module again and again,
//   and the same work in process (full compileCourse + renderSite, warm);
// - runtime JS + CSS, raw and gzipped (level 9); package composition and overhead;
// - first page interactive in Chromium with the CPU throttled 4× (when Chromium is installed);
// - a CPU profile of the 100-module SCORM 1.2 build, summarised.
// Timings live here, never in tests.

import {execFileSync} from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import zlib from 'node:zlib'
import {ensureCourse} from './generate.mjs'
import {browserAvailable, firstPageInteractive} from './lib/browser.mjs'
import {scalingChart} from './lib/chart.mjs'
import {ensureGnuTime, measureNode} from './lib/child.mjs'
import {packageOf, summarise} from './lib/cpuprofile.mjs'
import {kb, mb, median, ms, round, summary, table} from './lib/stats.mjs'
import {measurePreview} from './lib/preview.mjs'
import {packageComposition, zipEntries} from './lib/zipinfo.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const bench = path.join(root, 'bench')
const cli = path.join(root, 'packages', 'cli', 'bin.js')
const hooks = new URL('./lib/register-hooks.mjs', import.meta.url).href
const allTargets = 'scorm12,scorm2004,xapi,cmi5,web'
const zipTargets = ['scorm12', 'scorm2004', 'xapi', 'cmi5']

const {values} = parseArgs({
  options: {
    'chart-only': {type: 'string'},
    priority: {type: 'boolean', default: false},
    sizes: {type: 'string'},
    large: {type: 'boolean', default: false},
    runs: {type: 'string', default: '5'},
    'large-runs': {type: 'string', default: '3'},
    'phase-runs': {type: 'string', default: '3'},
    browser: {type: 'boolean', default: true},
    'no-browser': {type: 'boolean', default: false},
    profile: {type: 'boolean', default: true},
    'no-profile': {type: 'boolean', default: false},
    experiments: {type: 'boolean', default: true},
    'no-experiments': {type: 'boolean', default: false},
    seed: {type: 'string', default: '1'},
    chart: {type: 'boolean'}
  }
})
const sizes = values.sizes ? values.sizes.split(',').map(Number) : values.large ? [10, 100, 1000] : [10, 100]
const seed = Number(values.seed)
const smallRuns = Math.max(1, Number(values.runs))
const largeRuns = Math.max(1, Number(values['large-runs']))
const phaseRuns = Math.max(1, Number(values['phase-runs']))
const withBrowser = values.browser && !values['no-browser']
const withProfile = values.profile && !values['no-profile']
const withExperiments = values.experiments && !values['no-experiments']
const log = (text) => process.stderr.write(text + '\n')
const runsFor = (modules) => (modules >= 1000 ? largeRuns : smallRuns)

if (values['chart-only']) {
  // Redraw docs/images/scaling.svg from a results file, without measuring.
  const saved = JSON.parse(await fs.readFile(path.resolve(values['chart-only']), 'utf8'))
  await fs.writeFile(path.join(root, 'docs', 'images', 'scaling.svg'), chart(saved))
  log('Wrote docs/images/scaling.svg from ' + values['chart-only'])
  process.exit(0)
}

ensureGnuTime(log)
let niceness = os.getPriority()
if (values.priority) {
  // On a shared machine, run the bench and every child it starts (they inherit it) ahead of
  // other work, so wall times come closer to those of an idle machine. Needs root.
  try {
    os.setPriority(0, -10)
    niceness = os.getPriority()
  } catch {
    log('--priority needs root (CAP_SYS_NICE): running at normal priority.')
  }
}
const started = new Date()
const environment = {
  date: started.toISOString(),
  node: process.version,
  platform: os.platform() + ' ' + os.release(),
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.availableParallelism?.() ?? os.cpus().length,
  memoryGb: round(os.totalmem() / 1024 ** 3, 1),
  loadBefore: os.loadavg().map((value) => round(value)),
  commit: git(['rev-parse', '--short', 'HEAD']),
  dirty: git(['status', '--porcelain', '--', 'packages', 'themes']) !== '',
  gnuTime: await fs.stat('/usr/bin/time').then(() => true, () => false),
  niceness
}
log('coursemark bench: sizes ' + sizes.join(', ') + ', ' + environment.cores + ' cores, load ' + environment.loadBefore.join(' ') + ' (commit ' + environment.commit + (environment.dirty ? ', uncommitted changes' : '') + ')')
if (environment.loadBefore[0] > environment.cores) log('Warning: the machine is busy (load ' + environment.loadBefore[0] + ' on ' + environment.cores + ' cores): wall times will be high; CPU times are steadier.')

const results = {environment, sizes: {}, runtime: await runtimeSize()}

for (const modules of sizes) {
  const {folder, stats} = await ensureCourse(modules, seed)
  const work = path.join(bench, '.out', String(modules))
  await fs.rm(work, {recursive: true, force: true})
  await fs.mkdir(work, {recursive: true})
  const runs = runsFor(modules)
  const entry = (results.sizes[modules] = {course: {folder: path.relative(root, folder), ...stats}, runs})

  // Phases, in fresh processes; the first also keeps the ready package files for the floor.
  const phasesRuns = modules >= 1000 ? 1 : phaseRuns
  const phases = []
  for (let run = 0; run < phasesRuns; run++) {
    log(modules + ' modules: phases ' + (run + 1) + '/' + phasesRuns)
    const args = ['--import', hooks, path.join(bench, 'phases.mjs'), folder, '--out', path.join(work, 'phases')]
    if (run === 0) args.push('--warm', modules >= 1000 ? '1' : modules >= 100 ? '3' : '5', '--dump', path.join(work, 'ready'))
    const measured = await measureNode(args, {cwd: root})
    phases.push({...JSON.parse(measured.stdout.trim().split('\n').at(-1)), child: {wallMs: measured.wallMs, cpuMs: measured.cpuMs, maxRssKb: measured.maxRssKb}})
  }
  entry.phases = summarisePhases(phases)

  // A copy of the course in which one module is edited before each run: what a build after an
  // author's change costs (the other modules come from the parse cache of the last build).
  const editable = path.join(work, 'edited-course')
  await fs.rm(editable, {recursive: true, force: true})
  await fs.cp(folder, editable, {recursive: true})
  const editedModule = path.join(editable, 'modules', (await fs.readdir(path.join(editable, 'modules'))).sort()[Math.floor(modules / 2)])
  let edits = 0
  const edit = () => fs.appendFile(editedModule, '\nOne more sentence, edit ' + ++edits + '.\n')

  // End to end, interleaved round-robin so that changes in machine load hit every variant alike.
  const variants = [
    // Cold: --no-cache, so every run compiles and packs (the build cache would skip an unchanged course).
    {key: 'scorm12', label: 'CLI build → SCORM 1.2', args: [cli, 'build', folder, '--target', 'scorm12', '--out', path.join(work, 'scorm12'), '--no-cache']},
    {key: 'all', label: 'CLI build → all five targets', args: [cli, 'build', folder, '--target', allTargets, '--out', path.join(work, 'all'), '--no-cache']},
    // The same build again on an unchanged course: the build cache checks and keeps the packages.
    {key: 'cachedAll', label: 'CLI build → all five targets, course unchanged (build cache)', args: [cli, 'build', folder, '--target', allTargets, '--out', path.join(work, 'cached')], prepare: true},
    // One module edited since the last build into the same --out: the rest is read from the parse cache.
    {key: 'editedScorm12', label: 'CLI build → SCORM 1.2, one module edited since the last build (parse cache)', args: [cli, 'build', editable, '--target', 'scorm12', '--out', path.join(work, 'edited-scorm12')], prepare: true, before: edit},
    {key: 'editedAll', label: 'CLI build → all five targets, one module edited since the last build (parse cache)', args: [cli, 'build', editable, '--target', allTargets, '--out', path.join(work, 'edited-all')], prepare: true, before: edit},
    {key: 'floorArchiver', label: 'zip-only floor: archiver level 9 on the ready SCORM 1.2 files', args: [path.join(bench, 'floor.mjs'), path.join(work, 'ready', 'scorm12'), path.join(work, 'floor-archiver.zip'), '--impl', 'archiver']},
    {key: 'floorZip', label: 'zip-only floor: read files + coursemark zip()', args: [path.join(bench, 'floor.mjs'), path.join(work, 'ready', 'scorm12'), path.join(work, 'floor-zip.zip'), '--impl', 'zip']}
  ]
  if (withExperiments && modules <= 100) {
    variants.push(
      {key: 'semiSpaceScorm12', label: 'experiment: CLI with --max-semi-space-size=64 → SCORM 1.2', nodeOptions: ['--max-semi-space-size=64'], args: [cli, 'build', folder, '--target', 'scorm12', '--out', path.join(work, 'semispace'), '--no-cache']}
    )
  }
  const samples = Object.fromEntries(variants.map((variant) => [variant.key, []]))
  for (const variant of variants.filter((item) => item.prepare)) await measureNode(variant.args, {cwd: root})
  for (let run = 0; run < runs; run++) {
    for (const variant of variants) {
      log(modules + ' modules: ' + variant.key + ' ' + (run + 1) + '/' + runs)
      await variant.before?.()
      samples[variant.key].push(await measureNode(variant.args, {cwd: root, nodeOptions: variant.nodeOptions}))
    }
  }
  entry.endToEnd = Object.fromEntries(variants.map((variant) => [variant.key, {
    label: variant.label,
    wallMs: summary(samples[variant.key].map((sample) => sample.wallMs)),
    cpuMs: summary(samples[variant.key].map((sample) => sample.cpuMs)),
    maxRssKb: Math.max(...samples[variant.key].map((sample) => sample.maxRssKb))
  }]))
  entry.packages = await packages(work, phases[0])

  if (modules === 100) {
    log(modules + ' modules: preview rebuild')
    const measured = await measureNode(['--import', hooks, path.join(bench, 'phases.mjs'), folder, '--preview', '--runs', '15'], {cwd: root})
    entry.preview = JSON.parse(measured.stdout.trim().split('\n').at(-1))
    log(modules + ' modules: coursemark preview, saving one module ' + runs * 2 + ' times')
    const live = await measurePreview(cli, folder, work, {edits: runs * 2, cwd: root})
    entry.preview.cli = {first: live.first, edits: live.edits.length, reportedMs: summary(live.edits.map((edit) => edit.reportedMs)), compileMs: summary(live.edits.map((edit) => edit.compileMs)),
      renderMs: summary(live.edits.map((edit) => edit.renderMs)), latencyMs: summary(live.edits.map((edit) => edit.latencyMs))}
  }
  if (withBrowser && (await browserAvailable())) {
    log(modules + ' modules: first page interactive (Chromium, CPU 4× slower)')
    const web = (await fs.readdir(path.join(work, 'all'))).find((name) => name.endsWith('-web'))
    const loads = await firstPageInteractive(path.join(work, 'all', web), {runs: runs, throttle: 4})
    entry.browser = {throttle: 4, htmlBytes: loads[0].htmlBytes, courseBytes: loads[0].courseBytes ?? 0, interactive: summary(loads.map((load) => load.interactive)), firstPage: summary(loads.map((load) => load.firstPage)), firstContentfulPaint: summary(loads.map((load) => load.firstContentfulPaint ?? NaN)), domContentLoaded: summary(loads.map((load) => load.domContentLoaded)), longTasks: median(loads.map((load) => load.longTasks))}
  }
  if (withProfile && modules === 100) {
    log(modules + ' modules: CPU profile of the SCORM 1.2 build')
    entry.profile = await profile(folder, work)
  }
}
if (withExperiments) {
  // Standalone experiments (bench/experiments/): what the proposals in docs/performance.md buy.
  results.experiments = {}
  const run = async (key, args) => {
    log('experiment: ' + key)
    const measured = await measureNode(args, {cwd: root})
    results.experiments[key] = JSON.parse(measured.stdout)
  }
  await run('parse', [path.join(bench, 'experiments', 'parse.mjs')])
  for (const modules of sizes.filter((size) => size >= 100)) {
    await run('zip' + modules, [path.join(bench, 'experiments', 'zip.mjs'), String(modules)])
    await run('parallelParse' + modules, [path.join(bench, 'experiments', 'parallel-parse.mjs'), String(modules), String(environment.cores)])
  }
  const scalingModules = Math.max(...sizes)
  await run('scaling' + scalingModules, [path.join(bench, 'experiments', 'scaling.mjs'), String(scalingModules)])
}
environment.loadAfter = os.loadavg().map((value) => round(value))
environment.minutes = round((Date.now() - started.getTime()) / 60000, 1)
results.budgets = budgets(results)

const markdown = report(results)
process.stdout.write(markdown)
const resultsFolder = path.join(bench, 'results')
await fs.mkdir(resultsFolder, {recursive: true})
const stamp = started.toISOString().replace(/:/g, '-').replace(/\.\d+Z$/, 'Z')
await fs.writeFile(path.join(resultsFolder, stamp + '.json'), JSON.stringify(results, undefined, 2) + '\n')
await fs.writeFile(path.join(resultsFolder, 'latest.json'), JSON.stringify(results, undefined, 2) + '\n')
await fs.writeFile(path.join(resultsFolder, 'latest.md'), markdown)
if (values.chart ?? (sizes.includes(10) && sizes.includes(100) && sizes.includes(1000))) {
  await fs.mkdir(path.join(root, 'docs', 'images'), {recursive: true})
  await fs.writeFile(path.join(root, 'docs', 'images', 'scaling.svg'), chart(results))
  log('Wrote docs/images/scaling.svg')
}
log('Wrote bench/results/' + stamp + '.json and bench/results/latest.md (' + environment.minutes + ' min)')

// ---------------------------------------------------------------------------------------------

function git(args) {
  try {
    return execFileSync('git', args, {cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim()
  } catch {
    return 'unknown'
  }
}

async function runtimeSize() {
  const files = {
    js: path.join(root, 'packages', 'runtime', 'dist', 'coursemark.js'),
    css: path.join(root, 'themes', 'default', 'coursemark.css')
  }
  const result = {}
  for (const [key, file] of Object.entries(files)) {
    const bytes = await fs.readFile(file)
    result[key] = {raw: bytes.length, gzip: zlib.gzipSync(bytes, {level: 9}).length}
  }
  result.total = {raw: result.js.raw + result.css.raw, gzip: result.js.gzip + result.css.gzip}
  return result
}

/** Medians over the phase processes: cold from every process, warm from the first. */
function summarisePhases(list) {
  const cold = (pick) => round(median(list.map(pick)))
  const first = list[0]
  const flat = (pass) => pass && {
    read: pass.phases.read,
    validator: pass.phases.validator,
    compile: pass.phases.compile,
    breakdown: pass.compileBreakdown,
    media: pass.phases.media,
    resources: pass.phases.resources,
    checksums: pass.phases.checksums,
    targets: pass.targets
  }
  const coldMedian = {
    startupMs: cold((run) => run.startupMs),
    importMs: cold((run) => run.import.ms),
    importCpu: cold((run) => run.import.cpu),
    read: {ms: cold((run) => run.cold.phases.read.ms), cpu: cold((run) => run.cold.phases.read.cpu)},
    validator: {ms: cold((run) => run.cold.phases.validator.ms), cpu: cold((run) => run.cold.phases.validator.cpu)},
    compile: {ms: cold((run) => run.cold.phases.compile.ms), cpu: cold((run) => run.cold.phases.compile.cpu)},
    breakdown: Object.fromEntries(Object.keys(first.cold.compileBreakdown).map((key) => [key, cold((run) => run.cold.compileBreakdown[key])])),
    media: {ms: cold((run) => run.cold.phases.media.ms), cpu: cold((run) => run.cold.phases.media.cpu)},
    resources: {ms: cold((run) => run.cold.phases.resources.ms), cpu: cold((run) => run.cold.phases.resources.cpu)},
    checksums: {ms: cold((run) => run.cold.phases.checksums.ms), cpu: cold((run) => run.cold.phases.checksums.cpu)},
    targets: Object.fromEntries(Object.keys(first.cold.targets).map((target) => [target, Object.fromEntries(Object.keys(first.cold.targets[target]).map((step) => [step, {
      ms: cold((run) => run.cold.targets[target][step].ms), cpu: cold((run) => run.cold.targets[target][step].cpu)
    }]))]))
  }
  return {
    processes: list.length,
    warmPasses: first.warmRuns,
    modules: first.modules,
    pages: first.pages,
    cold: coldMedian,
    warm: flat(first.warm),
    maxRssKb: Math.max(...list.map((run) => run.maxRssKb)),
    heapUsedAfterColdMb: first.heapUsedAfterColdMb
  }
}

async function packages(work, phases) {
  const media = new Set(phases.media)
  const result = {}
  for (const name of (await fs.readdir(path.join(work, 'all'))).filter((file) => file.endsWith('.zip'))) {
    const target = zipTargets.find((candidate) => name.endsWith('-' + candidate + '.zip'))
    if (!target) continue
    const info = zipEntries(new Uint8Array(await fs.readFile(path.join(work, 'all', name))))
    const parts = packageComposition(info, media)
    result[target] = {zipBytes: info.size, files: info.entries.length, composition: parts, overheadBeyondMedia: info.size - parts.media, fixedOverhead: parts.player + parts.manifest + parts.zipStructure}
  }
  const web = phases.packages.web
  result.web = {zipBytes: web.zipBytes, files: web.files, folderBytes: web.rawBytes, note: 'the CLI writes web as a folder; zipBytes is what zip() makes of it'}
  return result
}

async function profile(folder, work) {
  const dir = path.join(bench, '.profiles')
  await fs.rm(dir, {recursive: true, force: true})
  // The unbundled CLI, so that time can be put down to packages; module loading is dearer than in the bundle.
  await measureNode([path.join(bench, 'lib', 'unbundled-cli.mjs'), 'build', folder, '--target', 'scorm12', '--out', path.join(work, 'profiled'), '--no-cache'], {cwd: root, nodeOptions: ['--cpu-prof', '--cpu-prof-dir', dir]})
  const file = (await fs.readdir(dir)).find((name) => name.endsWith('.cpuprofile'))
  const inPackages = (names) => (frame) => names.includes(packageOf(frame.url))
  const data = summarise(JSON.parse(await fs.readFile(path.join(dir, file), 'utf8')), {
    parse: (frame) => frame.functionName === 'parseMarkdown',
    autolink: inPackages(['micromark-extension-gfm-autolink-literal', 'mdast-util-gfm-autolink-literal', 'mdast-util-find-and-replace']),
    loading: (frame) => frame.url.startsWith('node:internal/modules/'),
    zip: (frame) => inPackages(['fflate', 'node:zlib'])(frame) || /\/export\/dist\/lib\/zip\.js$/.test(frame.url),
    handlebars: inPackages(['handlebars']),
    yaml: inPackages(['yaml'])
  })
  const busy = data.totalMs - data.idleMs
  const pick = (pattern) => data.inclusive.find((item) => pattern.test(item.name))?.ms ?? 0
  const hotspots = [
    ['parse Markdown (parseMarkdown: the @lezer/markdown fast path, or micromark + GFM + directives → mdast)', data.groups.parse],
    ['  of which GFM autolink literals (tokenizer + mdast transform)', data.groups.autolink],
    ['garbage collection (self)', data.gcMs],
    ['module loading (ESM loader on the stack: resolving, compiling, evaluating imports)', data.groups.loading],
    ['createValidator (ajv code generated with the schemas: nothing compiled)', pick(/^createValidator /)],
    ['contentToHtml (clone + mdast→hast + sanitize + hast→HTML)', pick(/^contentToHtml /)],
    ['  mdast-util-to-hast (toHast)', pick(/^toHast /)],
    ['  hast-util-sanitize (sanitize)', pick(/^sanitize /)],
    ['  hast-util-to-html (toHtml)', pick(/^toHtml /)],
    ['YAML front matter (parseYaml, all of the yaml package)', Math.max(pick(/^parseYaml /), data.groups.yaml)],
    ['directive attribute validation (ajv validate calls)', pick(/^validate .*schema\/dist\/lib\/validator/)],
    ['zip on the main thread (small pieces deflated, CRC, hashing, fflate; large pieces deflate on libuv threads)', data.groups.zip],
    ['renderSite (Handlebars + JSON of the course)', pick(/^renderSite /)],
    ['Handlebars (theme and manifest templates)', data.groups.handlebars],
    ['readCourse (walk, realpath, stat, read)', pick(/^readCourse /)]
  ].map(([label, value]) => ({label, ms: round(value, 0), share: round((value / busy) * 100, 1)}))
  return {
    totalMs: data.totalMs,
    idleMs: data.idleMs,
    busyMs: round(busy, 0),
    gcMs: data.gcMs,
    hotspots,
    topSelf: data.self.slice(0, 15),
    topPackagesSelf: data.packagesSelf.slice(0, 15)
  }
}

function budgets(all) {
  const at = (modules) => all.sizes[modules]
  const list = []
  const add = (budget, command, measured, limit, met, note) => list.push({budget, command, measured, limit, met, note})
  const s100 = at(100)
  const s1000 = at(1000)
  if (s100) {
    const wall = s100.endToEnd.scorm12.wallMs.median
    add('100 modules → SCORM 1.2 zip', 'pnpm bench (CLI build --target scorm12)', ms(wall), '≤ 1.0 s', wall <= 1000)
    const allWall = s100.endToEnd.all.wallMs.median
    add('100 modules → all five targets', 'pnpm bench (CLI build --target ' + allTargets + ')', ms(allWall), '≤ 1.5 s', allWall <= 1500)
    const cached = s100.endToEnd.cachedAll?.wallMs.median
    if (cached !== undefined) add('100 modules → all five targets, course unchanged since the last build', 'pnpm bench (CLI build, build cache)', ms(cached), '≤ 1.5 s', cached <= 1500, 'no compile: the packages in --out are checked and kept')
    const edited = s100.endToEnd.editedScorm12?.wallMs.median
    if (edited !== undefined) add('100 modules → SCORM 1.2 zip, one module edited since the last build', 'pnpm bench (CLI build, parse cache)', ms(edited), '≤ 1.0 s', edited <= 1000, 'the other 99 modules are read back from the parse cache; not the cold budget above')
    const editedAll = s100.endToEnd.editedAll?.wallMs.median
    if (editedAll !== undefined) add('100 modules → all five targets, one module edited since the last build', 'pnpm bench (CLI build, parse cache)', ms(editedAll), '≤ 1.5 s', editedAll <= 1500, 'the other 99 modules are read back from the parse cache; not the cold budget above')
    const floor = s100.endToEnd.floorArchiver.wallMs.median
    add('100 modules within 2× of the zip-only floor', 'pnpm bench (bench/floor.mjs vs CLI)', (wall / floor).toFixed(1) + '× (' + ms(wall) + ' vs ' + ms(floor) + ')', '≤ 2×', wall <= 2 * floor)
    if (s100.preview?.cli) {
      const live = s100.preview.cli
      add('preview rebuild after editing one module (100 modules)', 'pnpm bench (coursemark preview, bench/lib/preview.mjs)', ms(live.reportedMs.median) + ' as `preview` reports it (compile ' + ms(live.compileMs.median) + ', render ' + ms(live.renderMs.median) + '); ' + ms(live.latencyMs.median) + ' from save to rebuilt', '≤ 100 ms', live.reportedMs.median <= 100, 'the compile cache recompiles only the saved module')
    }
  }
  if (s1000) {
    const allWall = s1000.endToEnd.all.wallMs.median
    add('1000 modules → all five targets', 'pnpm bench --large', ms(allWall), '≤ 10 s', allWall <= 10000)
    const editedAll = s1000.endToEnd.editedAll?.wallMs.median
    if (editedAll !== undefined) add('1000 modules → all five targets, one module edited since the last build', 'pnpm bench --large (CLI build, parse cache)', ms(editedAll), '≤ 10 s', editedAll <= 10000, 'the other 999 modules are read back from the parse cache; not the cold budget above')
    const rss = Math.max(s1000.endToEnd.all.maxRssKb, s1000.endToEnd.scorm12.maxRssKb)
    add('1000 modules peak RSS', 'pnpm bench --large (GNU time %M)', mb(rss), '≤ 1 GB', rss <= 1024 * 1024)
    if (s100) {
      const perModule100 = s100.endToEnd.all.cpuMs.median / 100
      const perModule1000 = s1000.endToEnd.all.cpuMs.median / 1000
      const marginal = (s1000.endToEnd.all.cpuMs.median - s100.endToEnd.all.cpuMs.median) / 900
      const marginalLow = at(10) ? (s100.endToEnd.all.cpuMs.median - at(10).endToEnd.all.cpuMs.median) / 90 : perModule100
      add('cost grows linearly (CPU per added module, 100→1000 vs 10→100)', 'pnpm bench --large (docs/images/scaling.svg)', ms(marginal) + ' vs ' + ms(marginalLow) + ' per module (' + (marginal / marginalLow).toFixed(2) + '×)', '≈ 1× (linear)', marginal / marginalLow <= 1.25, 'average ' + ms(perModule100) + '/module at 100, ' + ms(perModule1000) + ' at 1000')
    }
  }
  const runtime = all.runtime.total.gzip
  add('runtime JS + CSS (gzip -9)', 'pnpm bench', kb(runtime), '≤ 40 KB', runtime <= 40 * 1024)
  const base = at(10) ?? s100
  if (base) {
    for (const target of zipTargets) {
      const pkg = base.packages[target]
      if (!pkg) continue
      add('package overhead beyond media, ' + target + ' (' + base.course.modules + ' modules)', 'pnpm bench (zip central directory)', kb(pkg.fixedOverhead) + ' fixed (player, manifest, schemas, zip headers); ' + kb(pkg.overheadBeyondMedia) + ' with the course text', '≤ 150 KB', pkg.fixedOverhead <= 150 * 1024)
    }
  }
  for (const modules of Object.keys(all.sizes)) {
    const browser = all.sizes[modules].browser
    if (!browser) continue
    add('first page interactive, ' + modules + ' modules (Chromium, CPU 4× throttled)', 'pnpm bench (bench/lib/browser.mjs)', ms(browser.interactive.median), '≤ 1 s', browser.interactive.median <= 1000, 'launch page ' + kb(browser.htmlBytes) + (browser.courseBytes ? ', course.js ' + kb(browser.courseBytes) : ' (the whole course is embedded as JSON)'))
  }
  return list
}

function report(all) {
  const env = all.environment
  const sizesList = Object.keys(all.sizes).map(Number)
  const out = []
  out.push('# coursemark benchmark', '')
  out.push(env.date + ' · node ' + env.node + ' · ' + env.cpu + ' · ' + env.cores + ' cores · ' + env.memoryGb + ' GB · commit ' + env.commit + (env.dirty ? ' (uncommitted changes in packages/ or themes/)' : '') +
    (env.niceness < 0 ? ' · run at nice ' + env.niceness + ' (--priority)' : '') + ' · load average ' + env.loadBefore.join(' ') + ' before, ' + (env.loadAfter ?? []).join(' ') + ' after · ' + env.minutes + ' min', '')
  if (env.loadBefore[0] > env.cores || (env.loadAfter && env.loadAfter[0] > env.cores)) {
    out.push('> The machine was busy with other work during this run (load above ' + env.cores + '): wall times are inflated and noisy; CPU times (user + system) are the steadier measure.', '')
  }
  out.push('Generated courses (bench/generate.mjs, seed ' + seed + '): ' + sizesList.map((modules) => modules + ' modules: ' + all.sizes[modules].course.wordsPerModule + ' words/module, ' + all.sizes[modules].phases.pages + ' pages, ' + all.sizes[modules].course.files + ' files').join('; ') + '.', '')

  out.push('## Budgets', '')
  out.push(table(['budget', 'measured', 'limit', 'met', 'measured by'], all.budgets.map((item) => [item.budget, item.measured + (item.note ? ' — ' + item.note : ''), item.limit, item.met ? '**yes**' : '**no**', '`' + item.command + '`'])), '')

  out.push('## End to end (child processes; median of N runs, min in brackets)', '')
  const rows = []
  for (const modules of sizesList) {
    const entry = all.sizes[modules]
    for (const [key, value] of Object.entries(entry.endToEnd)) {
      const zips = zipTargets.filter((target) => entry.packages[target])
      rows.push([modules, value.label, entry.runs, ms(value.wallMs.median) + ' (' + ms(value.wallMs.min) + ')', ms(value.cpuMs.median), mb(value.maxRssKb),
        key === 'scorm12' ? kb(entry.packages.scorm12.zipBytes) + ', ' + entry.packages.scorm12.files + ' files'
          : key === 'all' ? zips.length + ' zips, ' + kb(zips.reduce((sum, target) => sum + entry.packages[target].zipBytes, 0)) + '; web folder, ' + entry.packages.web.files + ' files' : ''])
    }
  }
  out.push(table(['modules', 'what', 'runs', 'wall', 'CPU (user+sys)', 'peak RSS', 'output'], rows, [null, null, 'r', 'r', 'r', 'r']), '')

  out.push('## Phases (in process, bench/phases.mjs)', '')
  out.push('Cold: the first pass in a fresh process (what one `build` pays), median over ' + sizesList.map((modules) => all.sizes[modules].phases.processes).join('/') + ' processes. Warm: median of later passes in the same process (' + sizesList.map((modules) => all.sizes[modules].phases.warmPasses).join('/') + '). Parse, YAML, mdast→hast, sanitize, hast→HTML and structuredClone are timed inside the real `compileCourse` by wrapping its imports (bench/lib/hooks.mjs); `compile: rest` is the remainder (directive handlers, checks, model). Wall ms (CPU ms).', '')
  const phaseRows = []
  const cell = (value) => (value === undefined ? '–' : typeof value === 'number' ? ms(value) : ms(value.ms) + ' (' + ms(value.cpu) + ')')
  const phaseNames = [
    ['node start-up', (p, cold) => (cold ? p.startupMs : undefined)],
    ['import packages', (p, cold) => (cold ? {ms: p.importMs, cpu: p.importCpu} : undefined)],
    ['load: read course folder', (p) => p.read],
    ['createValidator (ajv)', (p) => p.validator],
    ['compile total (compileCourse)', (p) => p.compile],
    ['  parse (parseMarkdown)', (p) => p.breakdown.parse],
    ['  YAML front matter', (p) => p.breakdown.yaml],
    ['  validate (ajv calls)', (p) => p.breakdown.validate],
    ['  structuredClone', (p) => p.breakdown.clone],
    ['  mdast→hast', (p) => p.breakdown.toHast],
    ['  sanitize', (p) => p.breakdown.sanitize],
    ['  hast→HTML', (p) => p.breakdown.toHtml],
    ['  compile: rest', (p) => p.breakdown.other],
    ['load: media bytes', (p) => p.media],
    ['load: theme, runtime, SCORM and LRS templates', (p) => p.resources]
  ]
  for (const target of [...zipTargets, 'web']) {
    for (const step of ['render', 'export', 'zip', 'write']) {
      phaseNames.push([target + ': ' + step + (target === 'web' && step === 'zip' ? ' (not done by build)' : target === 'web' && step === 'write' ? ' (folder)' : ''), (p) => p.targets?.[target]?.[step]])
    }
  }
  phaseNames.push(['SHA256SUMS', (p) => p.checksums])
  for (const [name, pick] of phaseNames) {
    phaseRows.push([name, ...sizesList.flatMap((modules) => {
      const phases = all.sizes[modules].phases
      return [cell(pick(phases.cold, true)), phases.warm ? cell(pick(phases.warm, false)) : '–']
    })])
  }
  out.push(table(['phase', ...sizesList.flatMap((modules) => [modules + ' cold', modules + ' warm'])], phaseRows, [null, ...sizesList.flatMap(() => ['r', 'r'])]), '')

  out.push('## Packages', '')
  const pkgRows = []
  for (const modules of sizesList) {
    const pkgs = all.sizes[modules].packages
    for (const target of zipTargets) {
      const pkg = pkgs[target]
      if (!pkg) continue
      const c = pkg.composition
      pkgRows.push([modules, target, kb(pkg.zipBytes), pkg.files, kb(c.media), kb(c.course), kb(c.player), kb(c.manifest), kb(c.zipStructure), kb(pkg.fixedOverhead)])
    }
    pkgRows.push([modules, 'web (folder)', kb(pkgs.web.zipBytes) + ' zipped', pkgs.web.files, '', '', '', '', '', ''])
  }
  out.push(table(['modules', 'target', 'zip', 'files', 'media', 'course (index.html, course.js)', 'player (JS+CSS)', 'manifest + schemas', 'zip headers', 'fixed overhead'], pkgRows, [null, null, 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r']), '')
  const rt = all.runtime
  out.push('Runtime: JS ' + kb(rt.js.raw) + ' raw, ' + kb(rt.js.gzip) + ' gzip; CSS ' + kb(rt.css.raw) + ' raw, ' + kb(rt.css.gzip) + ' gzip; total ' + kb(rt.total.raw) + ' raw, **' + kb(rt.total.gzip) + ' gzip** (level 9).', '')

  const s100 = all.sizes[100]
  if (s100?.preview) {
    const p = s100.preview
    out.push('## Preview rebuild (100 modules, one module edited, warm process)', '')
    if (p.cli) {
      out.push('`coursemark preview` on a copy of the course, one module saved ' + p.cli.edits + ' times: rebuild as it reports it **' + ms(p.cli.reportedMs.median) + '** (min ' + ms(p.cli.reportedMs.min) + '; compile ' + ms(p.cli.compileMs.median) + ', render ' + ms(p.cli.renderMs.median) + '); from the save until the rebuild is done ' + ms(p.cli.latencyMs.median) + ' (file watching and a 60 ms settle included). First build: ' + p.cli.first + '.', '')
    }
    out.push('In process (bench/phases.mjs --preview), the same work as a preview rebuild: a full `compileCourse` plus `renderSite`. Median of ' + p.runs + ' edits: compile **' + ms(p.compile) + '** (min ' + ms(p.compileMin) + ', CPU ' + ms(p.compileCpu) + ') of which parse ' + ms(p.breakdown.parse) + ', YAML ' + ms(p.breakdown.yaml) + ', mdast→HTML ' + ms(p.breakdown.toHast + p.breakdown.sanitize + p.breakdown.toHtml + p.breakdown.clone) + '; render ' + ms(p.render) + '; total **' + ms(p.total) + '**. Compiling the edited module alone (what an incremental compile would at least pay): ' + ms(p.oneModule) + '.', '')
  }
  const browsers = sizesList.filter((modules) => all.sizes[modules].browser)
  if (browsers.length > 0) {
    out.push('## First page interactive (Chromium, CPU throttled 4×, web folder over local HTTP)', '')
    out.push('Interactive = the latest of: first page in the DOM, runtime script done, DOMContentLoaded, first contentful paint, end of the last long task before a quiet second (as Lighthouse\'s TTI). Median of ' + smallRuns + ' cold loads (' + largeRuns + ' for 1000 modules).', '')
    out.push(table(['modules', 'index.html', 'course.js', 'interactive (median, min)', 'first page in DOM', 'first contentful paint', 'DOMContentLoaded', 'long tasks'], browsers.map((modules) => {
      const b = all.sizes[modules].browser
      return [modules, kb(b.htmlBytes), b.courseBytes ? kb(b.courseBytes) : '–', ms(b.interactive.median) + ' (' + ms(b.interactive.min) + ')', ms(b.firstPage.median), ms(b.firstContentfulPaint.median), ms(b.domContentLoaded.median), b.longTasks]
    }), [null, 'r', 'r', 'r', 'r', 'r', 'r', 'r']), '')
  }
  if (all.experiments) {
    const e = all.experiments
    out.push('## Experiments (bench/experiments/)', '')
    if (e.parse) {
      const w = e.parse.warmupCpuMsPerModule
      out.push('Parse warm-up in a fresh process, CPU per module: 1st ' + ms(w.first) + ', 2nd–10th ' + ms(w['2-10']) + ', 11th–50th ' + ms(w['11-50']) + ', 51st–100th ' + ms(w['51-100']) + ', 101st–200th ' + ms(w['101-200']) + ', 201st–400th ' + ms(w['201-400']) + '. Steady state, 100 modules (' + e.parse.markdownKb + ' KB of Markdown, ' + e.parse.throughputMbPerS + ' MB/s): ' +
        Object.entries(e.parse.steadyState100Modules).map(([label, value]) => label + ' ' + ms(value.medianCpuMs) + ' CPU').join('; ') + '.', '')
    }
    for (const modules of Object.keys(all.sizes)) {
      const z = e['zip' + modules]
      if (z) out.push('Zip of the ready SCORM 1.2 files, ' + modules + ' modules (' + z.files + ' files, ' + kb(z.rawBytes) + '), warm, median of 5: ' + z.results.map((item) => item.label + ' ' + ms(item.medianMs) + ' → ' + kb(item.bytes)).join('; ') + '.', '')
      const p = e['parallelParse' + modules]
      if (p) out.push('Parsing ' + modules + ' modules on ' + p.workers + ' worker threads (start-up and transfer included): ' + ms(p.parallelMs) + ' vs ' + ms(p.serialMs) + ' on the main thread (' + p.speedup + '×).', '')
      const c = e['scaling' + modules]
      if (c) out.push('Two busy processes at once (' + modules + ' modules): an arithmetic loop takes ' + ms(c.arithmetic.togetherMs) + ' beside another against ' + ms(c.arithmetic.aloneMs) + ' alone (' + c.arithmetic.slowdown + '×); parsing half of the modules takes ' + ms(c.parse.togetherMs) + ' beside the other half against ' + ms(c.parse.aloneMs) + ' alone (' + c.parse.slowdown + '×).', '')
    }
  }
  if (s100?.profile) {
    const p = s100.profile
    out.push('## Hotspots (`node --cpu-prof`, 100 modules → SCORM 1.2, the CLI unbundled)', '')
    out.push('Profile: ' + ms(p.totalMs) + ' sampled, ' + ms(p.idleMs) + ' idle, ' + ms(p.busyMs) + ' busy. Inclusive time on the main thread; shares of busy time.', '')
    out.push(table(['what', 'time', 'share'], p.hotspots.map((item) => [item.label, ms(item.ms), item.share + ' %']), [null, 'r', 'r']), '')
    out.push('Top self time by package: ' + p.topPackagesSelf.slice(0, 10).map((item) => item.package + ' ' + ms(item.ms)).join(', ') + '.', '')
  }
  return out.join('\n') + '\n'
}

function chart(all) {
  const sizesList = Object.keys(all.sizes).map(Number).sort((a, b) => a - b)
  const series = (label, pick) => ({label, points: sizesList.map((modules) => [modules, pick(all.sizes[modules])]).filter(([, value]) => value > 0)})
  const tick = (value) => (value >= 1000 ? value / 1000 + ' s' : value + ' ms')
  return scalingChart({
    title: 'coursemark build cost against course size (' + all.environment.cores + ' cores, ' + all.environment.date.slice(0, 10) + ')',
    note: [
      'Generated courses (~800 words, 2 images, 5 questions per module); medians of CLI child processes; pnpm bench --large.',
      'Load average during the run: ' + all.environment.loadBefore[0] + ' before, ' + all.environment.loadAfter[0] + ' after, on ' + all.environment.cores + ' cores: CPU time is the steadier measure.'
    ],
    panels: [
      {title: 'Time', format: ms, tick, series: [
        series('all five targets, CPU (user + system)', (s) => s.endToEnd.all.cpuMs.median),
        series('all five targets, wall', (s) => s.endToEnd.all.wallMs.median),
        series('SCORM 1.2, wall', (s) => s.endToEnd.scorm12.wallMs.median),
        series('zip-only floor (SCORM 1.2), wall', (s) => s.endToEnd.floorArchiver.wallMs.median)
      ]},
      {title: 'Peak RSS', format: (megabytes) => Math.round(megabytes) + ' MB', series: [
        series('all five targets', (s) => s.endToEnd.all.maxRssKb / 1024),
        series('SCORM 1.2', (s) => s.endToEnd.scorm12.maxRssKb / 1024)
      ]}
    ]
  })
}
