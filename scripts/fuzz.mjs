// Long fuzz run of the compiler: mutated course.yaml, Markdown and directive attributes from the
// courses in the repository, compiled in child processes with a watchdog on their CPU time (so
// a busy machine does not turn slow runs into false hangs).
//
//   node scripts/fuzz.mjs --runs 200000 [--seed 1] [--timeout 2000] [--workers 2]
//                         [--save test/robustness/fuzz-cases] [--json report.json]
//
// Reports crashes (compileCourse threw), hangs (a compile took more than --timeout ms of CPU
// time, confirmed once more alone), messages without a position, broken results (ok without a
// course, errors without `ok: false`, a course that does not survive JSON) and process warnings
// printed while compiling. Crashing and hanging inputs are saved (crashes shrunk) as open
// regression cases (`--save`), which test/robustness/fuzz-regressions.test.ts lists until they
// are marked fixed, then replays. Same seed, same inputs: every case names its seed and run
// number, and `--replay <n>` prints the input of run n. Ctrl-C stops early and still reports.
// Uses the built packages: run `pnpm run build` first.
import {createHash} from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {fork} from 'node:child_process'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

// ---------------------------------------------------------------------------------------------
// Corpus: every course folder of the repository, as plain values.

function walk(base, dir = '') {
  const out = []
  for (const entry of fs.readdirSync(path.join(base, dir), {withFileTypes: true})) {
    const relative = dir ? dir + '/' + entry.name : entry.name
    if (entry.isDirectory()) out.push(...walk(base, relative))
    else out.push(relative)
  }
  return out.sort()
}

function loadCorpus() {
  const folders = []
  const fixtures = path.join(root, 'packages/compiler/test/fixtures')
  for (const name of fs.readdirSync(fixtures).sort()) folders.push(path.join(fixtures, name, 'input'))
  for (const group of ['examples', 'curricula']) {
    for (const name of fs.readdirSync(path.join(root, group)).sort()) folders.push(path.join(root, group, name))
  }
  const corpus = []
  for (const folder of folders) {
    if (!fs.existsSync(path.join(folder, 'course.yaml'))) continue
    const all = walk(folder).filter((file) => !file.startsWith('translations/'))
    const files = {}
    for (const file of all) {
      if (/\.(md|ya?ml)$/.test(file)) files[file] = fs.readFileSync(path.join(folder, file), 'utf8')
    }
    corpus.push({name: path.relative(root, folder), slug: path.basename(folder === path.join(fixtures, path.basename(path.dirname(folder)), 'input') ? path.dirname(folder) : folder), files, assets: all})
  }
  return corpus
}

// ---------------------------------------------------------------------------------------------
// Seeded generator: the input of run `n` depends only on (seed, n).

function mulberry32(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function seedOf(seed, run) {
  return createHash('sha256').update(seed + ':' + run).digest().readUInt32LE(0)
}

const markdownTokens = [
  ':::', '::::', ':::::', '::', ':', ':::quiz{id=x}', ':::quiz{#x}', ':::quiz{id=x attempts=0}', '::::question{id=y type=single outcome=LO1}',
  '::::question{id=y type=multiple outcome=LO1}', '::::question{type=order}', '::::question{id=m type=match outcome=LO2}',
  '::::question{id=t type=text outcome=LO1 answer="a|b"}', '::::question{id=n type=numeric outcome=LO1 answer=3 tolerance=-1}',
  '::::question{id=tf type=true-false outcome=LO1 answer=true}', ':::scenario{id=s outcome=LO1 points=2}', '::::step{id=a}',
  '::::step{id=end result=good}', '- [next](#a) ', ':::reflection{id=r}', ':::activity{id=a duration=10}', ':::trainer', ':::note{kind=warning title="x"}',
  ':::details{summary="s"}', '::video{src=media/v.mp4 captions=media/v.vtt}', '::audio{src=media/a.mp3}', ':term[x]{def="y"}', ':term[]',
  '::include{src=other.md}', '::include{src=../../../etc/passwd}', '- [x] ', '- [ ] ', '- ', '* ', '+ ', '1. ', '1) ', '> ', '# ', '## ', '### ',
  '###### ', '---\n', '***\n', '| a | b |\n| --- | --- |\n| 1 | 2 |\n', '![alt](media/gate.svg)', '![](../../etc/passwd)', '![x](/etc/passwd)',
  '![x](C:\\Windows\\win.ini)', '![x](media/%2e%2e/%2e%2e/x)', '[l](javascript:alert(1))', '[l](JaVaScRiPt:alert(1))', '[l](java\nscript:alert(1))',
  '[l](data:text/html,<script>alert(1)</script>)', '[l](vbscript:msgbox)', '[l](file:///etc/passwd)', '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>', '<iframe src="https://x">', '<!-- c -->', '<style>*{}</style>', '```\n', '~~~\n', '```js\n', '`', '*', '_', '**', '__',
  '[', ']', '(', ')', '{', '}', '"', "'", '\\', '&', '&amp;', '&#0;', '&#x110000;', '<', '>', '\n', '\n\n', '\t', '    ', '\r', '\r\n', '\u0000',
  '\uFEFF', '\u200B', '\u202E', '\uD800', '\uDFFF', 'é', 'e\u0301', '🙂', '𝕏', '\u0085', '\u2028', 'answer=', 'feedback=', 'points=', 'attempts=',
  'tolerance=', '=', '#', '.', 'id=', 'outcome=LO9', '{.class}', '{#id .c key=v}', '{id="a\\"b"}', '{id=\'x}', '[^1]', '[^1]: note\n',
  '<https://x.example>', 'https://example.org', '[ref]: https://x\n', '[ref]', '\\:', '$$', '%', '{{title}}', '${x}', '__proto__', 'constructor',
  '---\nid: a\ntitle: b\noutcomes: [LO1]\n---\n', '---\n---\n', 'id: x\n', 'outcomes: [LO1, LO1]\n', 'outcomes: [&a LO1, *a]\n'
]

const yamlTokens = [
  'id: ', 'title: ', 'version: ', 'language: ', 'outcomes:\n', '  - id: LO1\n', '  - id: LO1\n    statement: s\n    bloom: apply\n    domain: skills\n    eqf: 4\n',
  'modules:\n  - modules/x.md\n', 'modules: []\n', 'modules: [../../../etc/passwd.md]\n', 'modules: [/etc/passwd.md]\n', 'modules: ["C:\\\\x.md"]\n',
  '&a ', '*a', '*zz', '<<: *a\n', '<<: {x: 1}\n', '!!binary ', '!!js/function ', '!!python/object:os.system ', '!tag ', '!!str ', '!!int ', '!!map ',
  '? ', ': ', '- ', '[', ']', '{', '}', ',', '|\n', '|-\n', '>\n', '"', "'", '# ', '---\n', '...\n', '%YAML 1.2\n', '%TAG ! tag:x,2000:\n',
  '~', 'null', 'true', 'no', 'on', '1e999', '-0', '0x10', '0o17', '.nan', '-.inf', '2024-01-01', '12:30:00', '__proto__: x\n', 'constructor: {}\n',
  'mastery: 2\n', 'mastery: .5\n', 'language: xx-INVALID\n', 'translation: {source: en, status: draft}\n', 'translations: [de, de]\n',
  'externalLinks: allow\n', 'theme: ../../x\n', 'completion: assessed\n', '\t', '  ', '\n', '\r\n', '\u0000', '\uFEFF', '\u0085', '\u2028', '\uD800', 'é', '🙂'
]

const attributeTokens = [
  'id=a', 'id=', 'id="', "id='a", '#a', '#', '.c', '.', 'key=v', 'key="v w"', 'title="<b onmouseover=alert(1)>x</b>"', 'title="&quot;&#x27;"',
  'type=single', 'type=nope', 'type=', 'outcome=LO1', 'outcome=LO1 outcome=LO2', 'points=1', 'points=-1', 'points=1e309', 'points=NaN',
  'attempts=0', 'attempts=99999999999999999999', 'answer=true', 'answer="a|b|"', 'answer=', 'tolerance=0.5', 'src=media/gate.svg',
  'src=../../x', 'src="java script:x"', 'captions=', 'result=good', 'result=partial', 'def="a}"', 'summary="}"', 'kind=warning', 'x'.repeat(300),
  'id=q\u04301', 'id=\u0000', 'id=\u202Eevil', ' ', '  ', '\n', '"', "'", '=', '{', '}', '\\'
]

const unicodePools = ['abcxyzABC0129 ', '-_.:;,!?', '\u00e9\u00fc\u00df\u0301\u0308', '\u4e2d\u6587\u0627\u0644\u05e9', '\u200b\u200d\u202e\u2066\ufeff',
  '\ud83d\ude42\ud835\udd4f', '\u0000\u0001\u0007\u001b\u007f', '\ud800\udfff', '<>&"\'`', '[](){}', '*_#|>=~']

function generate(corpus, seed, run) {
  const random = mulberry32(seedOf(seed, run))
  const int = (n) => Math.floor(random() * n)
  const pick = (list) => list[int(list.length)]
  const chance = (p) => random() < p

  // Mostly small courses; curricula (large) cut down to one module so each compile stays short.
  const weighted = corpus.flatMap((entry) => (entry.name.startsWith('curricula/') ? [entry] : [entry, entry, entry, entry]))
  const base = pick(weighted)
  const files = {...base.files}
  const assets = new Set(base.assets)
  if (base.name.startsWith('curricula/')) {
    const modules = Object.keys(files).filter((file) => file.endsWith('.md')).sort()
    const keep = pick(modules)
    files['course.yaml'] = files['course.yaml'].replace(/^modules:\n(?:\s+-.*\n?)+/m, 'modules:\n  - ' + keep + '\n')
    for (const file of modules) if (file !== keep) delete files[file]
  }

  // Big modules: the front matter and a window of about 4 KB, so a run stays short.
  for (const name of Object.keys(files)) {
    const text = files[name]
    if (!name.endsWith('.md') || text.length <= 8000) continue
    const front = /^---\n[\s\S]*?\n---\n/.exec(text)?.[0] ?? ''
    const body = text.slice(front.length)
    let start = int(Math.max(1, body.length - 4000))
    start = body.lastIndexOf('\n', start) + 1
    let end = body.indexOf('\n', start + 4000)
    if (end === -1) end = body.length
    files[name] = front + body.slice(start, end + 1)
  }

  const randomText = (max) => {
    let text = ''
    const length = 1 + int(max)
    for (let index = 0; index < length; index++) text += pick(pick(unicodePools))
    return text
  }
  const donor = () => {
    const other = pick(corpus)
    const texts = Object.values(other.files)
    const text = pick(texts)
    const start = int(text.length)
    return text.slice(start, start + 1 + int(400))
  }
  const lineStart = (text) => {
    const starts = [0]
    for (let index = text.indexOf('\n'); index !== -1 && starts.length < 5000; index = text.indexOf('\n', index + 1)) starts.push(index + 1)
    return pick(starts)
  }

  function mutate(text, tokens) {
    const count = 1 + int(chance(0.2) ? 24 : 6)
    for (let step = 0; step < count; step++) {
      const at = chance(0.5) ? lineStart(text) : int(text.length + 1)
      switch (int(12)) {
        case 0:
        case 1:
          text = text.slice(0, at) + pick(tokens) + text.slice(at)
          break
        case 2:
          text = text.slice(0, at) + text.slice(at + 1 + int(60))
          break
        case 3: {
          const from = int(text.length + 1)
          text = text.slice(0, at) + text.slice(from, from + 1 + int(300)) + text.slice(at)
          break
        }
        case 4:
          text = text.slice(0, at) + randomText(12) + text.slice(at + int(8))
          break
        case 5: {
          const lines = text.split('\n')
          const a = int(lines.length)
          const b = int(lines.length)
          ;[lines[a], lines[b]] = [lines[b], lines[a]]
          text = lines.join('\n')
          break
        }
        case 6:
          text = text.slice(0, at) + donor() + text.slice(at)
          break
        case 7: {
          // Repetition bombs: deep nesting, long runs of one construct.
          const unit = pick([...tokens, '> ', '  - ', ':::note\n', '[', '*', '(', '{', '- [ ] ', '  ', '\\', '`', '<', '&a [*a]\n'])
          text = text.slice(0, at) + unit.repeat(1 + int(chance(0.3) ? 3000 : 200)) + text.slice(at)
          break
        }
        case 8: {
          // Directive attributes.
          const braces = [...text.matchAll(/\{[^}\n]*\}/g)]
          if (braces.length === 0) break
          const found = pick(braces)
          const attributes = Array.from({length: int(5)}, () => pick(attributeTokens)).join(pick([' ', '  ', '\t', '']))
          text = text.slice(0, found.index) + '{' + attributes + (chance(0.9) ? '}' : '') + text.slice(found.index + found[0].length)
          break
        }
        case 9: {
          // YAML values (course.yaml and front matter).
          const values = [...text.matchAll(/^([ \t]*-?[ \t]*[A-Za-z_]+:) (.*)$/gm)]
          if (values.length === 0) break
          const found = pick(values)
          const value = pick([pick(yamlTokens), randomText(10), '"' + randomText(10) + '"', '[' + randomText(5) + ']', '{' + randomText(5) + '}', '', String(int(1e6) - 5e5), '&a ' + found[2], '*a'])
          text = text.slice(0, found.index) + found[1] + ' ' + value + text.slice(found.index + found[0].length)
          break
        }
        case 10: {
          const start = lineStart(text)
          text = chance(0.5) ? text.slice(0, start) + ' '.repeat(1 + int(6)) + text.slice(start) : text.slice(0, start) + text.slice(start).replace(/^[ \t]+/, '')
          break
        }
        default:
          if (chance(0.3)) text = text.slice(0, int(text.length + 1))
          else text = text.slice(0, at) + pick(tokens) + pick(tokens) + text.slice(at)
      }
      if (text.length > 64_000) text = text.slice(0, 64_000)
    }
    return text
  }

  const names = Object.keys(files)
  const targets = 1 + int(2)
  for (let index = 0; index < targets; index++) {
    const name = chance(0.3) ? 'course.yaml' : pick(names)
    files[name] = mutate(files[name] ?? '', name.endsWith('.md') ? (chance(0.15) ? yamlTokens : markdownTokens) : yamlTokens)
  }
  // File-level faults: a module that is missing, an extra module, an asset that does not exist.
  if (chance(0.05)) delete files[pick(names.filter((name) => name !== 'course.yaml')) ?? 'none']
  if (chance(0.05)) {
    files['modules/extra.md'] = mutate(pick(Object.values(base.files)), markdownTokens)
    assets.add('modules/extra.md')
    files['course.yaml'] = (files['course.yaml'] ?? '') + '\n  - modules/extra.md\n'
  }
  if (chance(0.05)) assets.delete(pick([...assets]))
  return {base: base.name, slug: base.slug, files, assets: [...assets].sort()}
}

// ---------------------------------------------------------------------------------------------
// Checking one input.

async function loadCompiler() {
  const {compileCourse} = await import('@coursemark/compiler')
  const {createValidator} = await import('@coursemark/schema')
  const validator = createValidator()
  return (input) => compileCourse({slug: input.slug, files: new Map(Object.entries(input.files)), assets: new Set(input.assets)}, {validator})
}

/** Compile and check; returns the problems found (empty when the input is handled well). */
function check(compile, input) {
  const before = process.cpuUsage()
  let result
  try {
    result = compile(input)
  } catch (error) {
    return {cpu: cpuMs(before), crash: String(error?.stack ?? error).split('\n').slice(0, 8).join('\n')}
  }
  const cpu = cpuMs(before)
  const unpositioned = []
  const broken = []
  for (const message of result.messages) {
    if (typeof message.line !== 'number' || message.line < 1 || typeof message.column !== 'number' || message.column < 1) {
      unpositioned.push({ruleId: message.ruleId ?? '(none)', reason: String(message.reason).slice(0, 200), file: message.file})
    }
    if (!message.ruleId || !/^[a-z][a-z0-9-]*$/.test(message.ruleId)) broken.push('message without a rule id: ' + String(message.reason).slice(0, 120))
    if (!message.file) broken.push('message without a file: ' + message.ruleId)
  }
  const fatal = result.messages.some((message) => message.fatal === true)
  if (result.ok === fatal) broken.push('ok is ' + result.ok + ' with' + (fatal ? '' : 'out') + ' errors')
  if (result.ok && !result.course) broken.push('ok without a course')
  if (result.ok) {
    try {
      const json = JSON.stringify(result.course)
      if (JSON.stringify(JSON.parse(json)) !== json) broken.push('course does not survive JSON')
    } catch (error) {
      broken.push('course is not JSON: ' + error)
    }
  }
  return {cpu, unpositioned, broken}
}

// ---------------------------------------------------------------------------------------------
// Child process: generate and check runs as the parent asks; CPU time is measured per run.

const isChild = process.argv.includes('--child')

function cpuMs(since) {
  const used = process.cpuUsage(since)
  return (used.user + used.system) / 1000
}

if (isChild) {
  const corpus = loadCorpus()
  const seed = Number(process.argv[process.argv.indexOf('--child') + 1])
  const compile = await loadCompiler()
  // Only the compile is measured: the parent's watchdog starts counting at `generated`.
  process.on('message', (task) => {
    if (task.type === 'run') {
      const input = generate(corpus, seed, task.run)
      process.send({type: 'generated', run: task.run})
      process.send({type: 'done', run: task.run, ...check(compile, input)})
    } else if (task.type === 'input') {
      process.send({type: 'generated', run: task.run})
      process.send({type: 'done', run: task.run, ...check(compile, task.input)})
    } else if (task.type === 'shrink') {
      process.send({type: 'shrunk', input: shrink(compile, task.input, task.crash)})
    }
  })
  process.on('disconnect', () => process.exit(0))
  process.send({type: 'ready'})
}

/** CPU time (ms) a process has used so far, from /proc (Linux); `undefined` elsewhere. */
function processCpuMs(pid) {
  try {
    const fields = fs.readFileSync('/proc/' + pid + '/stat', 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return undefined
  }
}

/** Drop files, then chunks of lines, while the same crash (first line of the error) still happens. */
function shrink(compile, input, crash) {
  const signature = crash.split('\n')[0]
  const still = (candidate) => {
    const outcome = check(compile, candidate)
    return outcome.crash !== undefined && outcome.crash.split('\n')[0] === signature
  }
  let current = input
  for (const name of Object.keys(current.files)) {
    const files = {...current.files}
    delete files[name]
    const candidate = {...current, files}
    if (still(candidate)) current = candidate
  }
  let budget = 3000
  for (const name of Object.keys(current.files)) {
    let lines = current.files[name].split('\n')
    for (let chunk = Math.max(1, lines.length >> 1); chunk >= 1 && budget > 0; chunk >>= 1) {
      for (let start = 0; start < lines.length && budget > 0; ) {
        budget--
        const kept = [...lines.slice(0, start), ...lines.slice(start + chunk)]
        const candidate = {...current, files: {...current.files, [name]: kept.join('\n')}}
        if (still(candidate)) {
          lines = kept
          current = candidate
        } else {
          start += chunk
        }
      }
    }
  }
  return current
}

// ---------------------------------------------------------------------------------------------
// Main: schedule runs over workers, watch for hangs, save cases, report.

function parseArgs(argv) {
  const options = {runs: 10_000, seed: 1, timeout: 2000, workers: Math.max(1, Math.min(os.availableParallelism?.() ?? 2, 4)), save: path.join(root, 'test/robustness/fuzz-cases'), json: undefined, replay: undefined}
  for (let index = 2; index < argv.length; index++) {
    const flag = argv[index]
    const value = argv[++index]
    if (flag === '--runs') options.runs = Number(value)
    else if (flag === '--seed') options.seed = Number(value)
    else if (flag === '--timeout') options.timeout = Number(value)
    else if (flag === '--workers') options.workers = Number(value)
    else if (flag === '--save') options.save = value === 'none' ? undefined : path.resolve(value)
    else if (flag === '--json') options.json = path.resolve(value)
    else if (flag === '--replay') options.replay = Number(value)
    else {
      console.error('Unknown option ' + flag + '. Use --runs N --seed N --timeout MS --workers N --save DIR|none --json FILE --replay N')
      process.exit(2)
    }
  }
  return options
}

function saveCase(folder, kind, seed, run, detail, input) {
  if (!folder) return undefined
  fs.mkdirSync(folder, {recursive: true})
  const hash = createHash('sha256').update(JSON.stringify(input)).digest('hex').slice(0, 12)
  const file = path.join(folder, kind + '-' + hash + '.json')
  // Saved as an open bug: test/robustness/fuzz-regressions.test.ts lists it as a todo until it is marked `fixed`.
  const clean = String(detail).replace(/\u001b\[[0-9;]*m/g, '')
  fs.writeFileSync(file, JSON.stringify({kind, status: 'open', seed, run, detail: clean, input}, undefined, 2) + '\n')
  return path.relative(root, file)
}

function startChild(seed) {
  return fork(fileURLToPath(import.meta.url), ['--child', String(seed)], {serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc']})
}

/** Run one task in a fresh process, killed when it uses more than `limit` ms of CPU. */
async function runAlone(seed, task, limit) {
  const child = startChild(seed)
  child.stderr.resume()
  const ready = await new Promise((resolve) => {
    child.once('message', () => resolve(true))
    child.once('exit', () => resolve(false))
  })
  if (!ready) return {died: true}
  let start = processCpuMs(child.pid)
  let began = performance.now()
  const result = await new Promise((resolve) => {
    const timer = setInterval(() => {
      const cpu = processCpuMs(child.pid)
      const used = cpu !== undefined && start !== undefined ? cpu - start : (performance.now() - began) / 10
      if (used > limit) {
        clearInterval(timer)
        resolve({timedOut: true})
      }
    }, 100)
    child.on('message', (message) => {
      if (message.type === 'generated') {
        start = processCpuMs(child.pid)
        began = performance.now()
        return
      }
      clearInterval(timer)
      resolve(message)
    })
    child.on('exit', () => {
      clearInterval(timer)
      resolve({died: true})
    })
    child.send(task)
  })
  child.kill('SIGKILL')
  return result
}

async function main() {
  const options = parseArgs(process.argv)
  const corpus = loadCorpus()
  if (options.replay !== undefined) {
    process.stdout.write(JSON.stringify(generate(corpus, options.seed, options.replay), undefined, 2) + '\n')
    return
  }
  const started = Date.now()
  const stats = {runs: 0, crashes: [], hangs: [], slow: [], unpositioned: new Map(), broken: [], maxMs: 0, totalMs: 0, warnings: new Map()}
  const crashSignatures = new Map()
  let next = 0
  // Ctrl-C or SIGTERM: stop scheduling, let the runs under way end, then report as usual.
  let stopping = false
  const stop = () => {
    if (stopping) process.exit(130)
    stopping = true
    options.runs = Math.min(options.runs, next)
    process.stderr.write('  stopping after ' + next + ' runs…\n')
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)

  // Suspects (over the limit once) and crashes are checked one at a time, while the run goes on.
  const killAt = options.timeout * 5
  const queue = []
  let checking = Promise.resolve()
  function enqueue(job) {
    queue.push(job)
    checking = checking.then(async () => {
      const item = queue.shift()
      if (item) await item()
    })
  }
  function suspect(run, ms) {
    enqueue(async () => {
      const again = await runAlone(options.seed, {type: 'run', run}, killAt)
      const input = generate(corpus, options.seed, run)
      if (again.timedOut || again.cpu > options.timeout) {
        const file = saveCase(options.save, 'hang', options.seed, run, 'over ' + options.timeout + ' ms of CPU (' + Math.round(ms) + ' ms, then ' + (again.timedOut ? 'killed at ' + killAt + ' ms' : Math.round(again.cpu) + ' ms') + ')', input)
        stats.hangs.push({run, base: input.base, ms: Math.round(ms), again: again.timedOut ? 'killed' : Math.round(again.cpu), file})
      } else {
        stats.slow.push({run, base: input.base, ms: Math.round(ms), again: Math.round(again.cpu ?? -1)})
      }
    })
  }
  function crashed(run, detail) {
    stats.crashes.push({run, detail})
    const signature = detail.split('\n')[0]
    const known = crashSignatures.get(signature)
    if (known) {
      known.count++
      return
    }
    const entry = {signature, count: 1, run, base: undefined, file: undefined}
    crashSignatures.set(signature, entry)
    enqueue(async () => {
      const input = generate(corpus, options.seed, run)
      const shrunk = detail.startsWith('process died') ? {} : await runAlone(options.seed, {type: 'shrink', input, crash: detail}, 600_000)
      entry.base = input.base
      entry.file = saveCase(options.save, 'crash', options.seed, run, detail, shrunk.input ?? input)
    })
  }

  const slots = []
  let finish
  const finished = new Promise((resolve) => (finish = resolve))

  function spawn() {
    const child = startChild(options.seed)
    const slot = {child, run: undefined, since: 0, cpuSince: 0, killed: false}
    let errors = ''
    child.stderr.on('data', (chunk) => {
      errors += chunk
      // Warnings a library prints while compiling (process.emitWarning): counted, not fatal.
      for (const line of errors.split('\n').slice(0, -1)) {
        const warning = /Warning: (.*)/.exec(line)?.[1]
        if (warning) {
          const key = warning.replace(/"[^"]*"/g, '"…"').slice(0, 160)
          const entry = stats.warnings.get(key) ?? {count: 0, run: slot.run}
          entry.count++
          stats.warnings.set(key, entry)
        }
      }
      errors = errors.slice(errors.lastIndexOf('\n') + 1)
    })
    child.on('message', (message) => {
      if (message.type === 'ready') feed(slot)
      else if (message.type === 'generated' && message.run === slot.run) {
        slot.since = performance.now()
        slot.cpuSince = processCpuMs(slot.child.pid)
      } else if (message.type === 'done') {
        record(message)
        slot.run = undefined
        feed(slot)
      }
    })
    child.on('exit', (code, signal) => {
      if (slot.killed) return
      // A child that dies (out of memory, a native stack overflow) is a crash of its run.
      if (slot.run !== undefined) {
        stats.runs++
        crashed(slot.run, 'process died: ' + (signal ?? 'exit code ' + code))
      }
      slot.run = undefined
      replace(slot)
    })
    return slot
  }

  function feed(slot) {
    if (next >= options.runs) {
      if (slots.every((other) => other.run === undefined)) finish()
      return
    }
    slot.run = next++
    // Not counted until the input is generated (see `generated`).
    slot.since = Infinity
    slot.cpuSince = undefined
    slot.child.send({type: 'run', run: slot.run})
  }

  function replace(slot) {
    slot.killed = true
    slot.child.removeAllListeners('message')
    slot.child.kill('SIGKILL')
    const index = slots.indexOf(slot)
    if (index !== -1) slots[index] = spawn()
  }

  function record(message) {
    stats.runs++
    if (message.crash) {
      crashed(message.run, message.crash)
      return
    }
    stats.totalMs += message.cpu
    stats.maxMs = Math.max(stats.maxMs, message.cpu)
    if (message.cpu > options.timeout) suspect(message.run, message.cpu)
    for (const item of message.unpositioned ?? []) {
      const entry = stats.unpositioned.get(item.ruleId) ?? {count: 0, example: {run: message.run, ...item}}
      entry.count++
      stats.unpositioned.set(item.ruleId, entry)
    }
    for (const item of message.broken ?? []) if (stats.broken.length < 50) stats.broken.push({run: message.run, detail: item})
  }

  for (let index = 0; index < options.workers; index++) slots.push(spawn())

  // Kill a run that has used 5 times the limit of CPU time (or, without /proc, 50 times the limit
  // of wall time); like every run over the limit, it is checked again alone.
  const watchdog = setInterval(() => {
    const now = performance.now()
    for (const slot of [...slots]) {
      if (slot.run === undefined) continue
      const cpu = processCpuMs(slot.child.pid)
      if (slot.since === Infinity) continue
      const used = cpu !== undefined && slot.cpuSince !== undefined ? cpu - slot.cpuSince : (now - slot.since) / 10
      if (used > killAt) {
        stats.runs++
        suspect(slot.run, used)
        slot.run = undefined
        replace(slot)
      }
    }
  }, 100)

  const summarize = () => {
    const seconds = (Date.now() - started) / 1000
    return {
      seed: options.seed,
      runs: stats.runs,
      timeoutMs: options.timeout,
      seconds: Math.round(seconds),
      meanCpuMs: Math.round((stats.totalMs / Math.max(1, stats.runs)) * 10) / 10,
      maxCpuMs: Math.round(stats.maxMs),
      crashes: stats.crashes.length,
      distinctCrashes: [...crashSignatures.values()],
      hangs: stats.hangs,
      slowOnceOnly: stats.slow,
      unpositioned: Object.fromEntries(stats.unpositioned),
      broken: stats.broken,
      warnings: Object.fromEntries(stats.warnings)
    }
  }
  const progress = setInterval(() => {
    const seconds = (Date.now() - started) / 1000
    process.stderr.write('  ' + stats.runs + '/' + options.runs + ' runs, ' + Math.round(stats.runs / seconds) + '/s, crashes ' + stats.crashes.length + ', hangs ' + stats.hangs.length + ' (checking ' + queue.length + '), slow once ' + stats.slow.length + ', unpositioned rules ' + stats.unpositioned.size + ', broken ' + stats.broken.length + '\n')
    if (options.json) fs.writeFileSync(options.json, JSON.stringify(summarize(), undefined, 2) + '\n')
  }, 60_000)

  await finished
  clearInterval(watchdog)
  for (const slot of slots) {
    slot.killed = true
    slot.child.kill()
  }
  while (queue.length > 0) await checking
  await checking
  clearInterval(progress)

  const summary = summarize()
  if (options.json) fs.writeFileSync(options.json, JSON.stringify(summary, undefined, 2) + '\n')
  process.stdout.write(
    'fuzz: ' + summary.runs + ' inputs (seed ' + summary.seed + ') in ' + summary.seconds + ' s; CPU per compile: mean ' + summary.meanCpuMs + ' ms, max ' + summary.maxCpuMs + ' ms\n' +
    '  crashes: ' + summary.crashes + (summary.distinctCrashes.length ? ' (' + summary.distinctCrashes.length + ' distinct)' : '') + '\n' +
    '  hangs (> ' + summary.timeoutMs + ' ms of CPU, twice): ' + summary.hangs.length + (summary.slowOnceOnly.length ? ', over the limit once only: ' + summary.slowOnceOnly.length : '') + '\n' +
    '  messages without a position: ' + [...stats.unpositioned.values()].reduce((sum, entry) => sum + entry.count, 0) + (stats.unpositioned.size ? ' (rules: ' + [...stats.unpositioned.keys()].join(', ') + ')' : '') + '\n' +
    '  broken results: ' + summary.broken.length + '\n' +
    '  process warnings printed while compiling: ' + [...stats.warnings.values()].reduce((sum, entry) => sum + entry.count, 0) + '\n'
  )
  for (const crash of summary.distinctCrashes) process.stdout.write('  crash ×' + crash.count + ' (run ' + crash.run + ', ' + crash.base + '): ' + crash.signature + (crash.file ? ' → ' + crash.file : '') + '\n')
  for (const hang of summary.hangs) process.stdout.write('  hang (run ' + hang.run + ', ' + hang.base + '): ' + hang.ms + ' ms' + (hang.file ? ' → ' + hang.file : '') + '\n')
  for (const [rule, entry] of stats.unpositioned) process.stdout.write('  no position ×' + entry.count + ' ' + rule + ' (run ' + entry.example.run + '): ' + entry.example.reason + '\n')
  for (const item of summary.broken.slice(0, 10)) process.stdout.write('  broken (run ' + item.run + '): ' + item.detail + '\n')
  for (const [warning, entry] of stats.warnings) process.stdout.write('  warning ×' + entry.count + ' (e.g. run ' + entry.run + '): ' + warning + '\n')
  process.exitCode = summary.crashes + summary.hangs.length + stats.unpositioned.size + summary.broken.length > 0 ? 1 : 0
}

if (!isChild) await main()
