import {Command, InvalidArgumentError, Option} from 'commander'
import type {Format} from '@coursemark/diagnostics'
import type {Target} from '@coursemark/render'
import {ExitError, type Io} from './lib/io.js'
import {version} from './lib/version.js'

const formats: ReadonlyArray<Format> = ['text', 'json', 'github']

function parseTargets(value: string, previous: Array<Target | 'guide'> | undefined): Array<Target | 'guide'> {
  const known: ReadonlyArray<string> = ['scorm12', 'scorm2004', 'xapi', 'cmi5', 'web', 'guide']
  const list = value.split(',').map((item) => item.trim()).filter(Boolean)
  for (const item of list) {
    if (!known.includes(item)) throw new InvalidArgumentError('Unexpected target `' + item + '`, expected ' + known.join(', '))
  }
  return [...new Set([...(previous ?? []), ...(list as Array<Target | 'guide'>)])]
}

function parseJobs(value: string): number {
  if (!/^[1-9]\d{0,2}$/.test(value.trim())) throw new InvalidArgumentError('Unexpected jobs `' + value + '`, expected a whole number from 1 to 999')
  return Number(value)
}

function parseShard(value: string): {index: number; count: number} {
  const match = /^\s*([1-9]\d*)\s*\/\s*([1-9]\d*)\s*$/.exec(value)
  const index = Number(match?.[1])
  const count = Number(match?.[2])
  if (!match || index > count) throw new InvalidArgumentError('Unexpected shard `' + value + '`, expected i/n with 1 ≤ i ≤ n, e.g. 2/3 for the second of three shares')
  return {index, count}
}

/** The `coursemark` program. Commands are loaded lazily; nothing here exits the process. */
export function createProgram(io: Io): Command {
  const program = new Command('coursemark')
    .description('Author e-learning in Markdown; build SCORM, xAPI, cmi5 and offline web packages.')
    .version(version, '-v, --version')
    .exitOverride()
    .configureOutput({writeOut: io.stdout, writeErr: io.stderr})
    .showHelpAfterError()

  program
    .command('validate')
    .description('Check course folders and report every problem with its file, line and column')
    .argument('<course...>', 'course folders (each holds a course.yaml)')
    .addOption(new Option('--format <format>', 'how to print diagnostics').choices(formats).default('text'))
    .action(async (courses: string[], flags: {format: Format}) => {
      const {validate} = await import('./commands/validate.js')
      if (!(await validate(io, {courses, format: flags.format}))) throw new ExitError(1)
    })

  program
    .command('build')
    .description('Build course folders into LMS packages (zips) and offline web folders')
    .argument('[course...]', 'course folders (each holds a course.yaml)')
    .option('--all', 'build every course under curricula/ and examples/')
    .option('--target <targets>', 'comma-separated: scorm12, scorm2004, xapi, cmi5, web, guide (default: every supported package target; guide only when named)', parseTargets)
    .option('--out <dir>', 'folder to write packages to', 'dist')
    .option('--lang <languages>', 'comma-separated languages to build (default: the course language and every translation)', (value: string) => value.split(',').map((item) => item.trim()).filter(Boolean))
    .addOption(new Option('--sco <layout>', 'SCORM layout: one SCO, or one SCO per module').choices(['single', 'per-module']).default('single'))
    .addOption(new Option('--au <layout>', 'cmi5 layout: one AU per module, or one AU').choices(['per-module', 'single']).default('per-module'))
    .addOption(new Option('--format <format>', 'how to print diagnostics').choices(formats).default('text'))
    .option('--jobs <n>', 'courses built at the same time, each on its own thread (default: one less than the CPU cores)', parseJobs)
    .option('--shard <i/n>', 'build only the i-th of n equal shares of the courses (for a CI matrix)', parseShard)
    .option('--no-cache', 'build every course, even those unchanged since their last build in --out')
    .action(async (courses: string[], flags: {all?: boolean; target?: Array<Target | 'guide'>; out: string; lang?: string[]; sco: 'single' | 'per-module'; au: 'single' | 'per-module'; format: Format; jobs?: number; shard?: {index: number; count: number}; cache: boolean}) => {
      const {build, discoverCourses, supportedTargets} = await import('./commands/build.js')
      const list = flags.all ? [...courses, ...(await discoverCourses(io.cwd))] : courses
      if (list.length === 0) {
        io.stderr(flags.all ? 'No courses found under curricula/ or examples/.\n' : 'Name a course folder, or use --all.\n')
        throw new ExitError(2)
      }
      const wanted = flags.target ?? supportedTargets.filter((target) => target !== 'guide')
      const unsupported = wanted.filter((target) => !supportedTargets.includes(target))
      if (unsupported.length > 0) {
        io.stderr('Target ' + unsupported.join(', ') + ' is not available in this version; available: ' + supportedTargets.join(', ') + '.\n')
        throw new ExitError(2)
      }
      // A live progress line on a terminal; plain lines (the files written) everywhere else.
      const {startProgress} = await import('./lib/progress.js')
      const progress = flags.format === 'text' ? startProgress(io) : {io, stop() {}}
      let built: boolean
      try {
        built = await build(progress.io, {courses: list, targets: wanted, out: flags.out, format: flags.format, sco: flags.sco, au: flags.au, languages: flags.lang, jobs: flags.jobs, shard: flags.shard, cache: flags.cache})
      } finally {
        progress.stop()
      }
      if (!built) throw new ExitError(1)
    })

  program
    .command('new')
    .description('Create a new course folder with one module that shows each main construct')
    .argument('<dir>', 'folder to create (must be new or empty)')
    .option('--title <title>', 'course title (default: made from the folder name)')
    .action(async (dir: string, flags: {title?: string}) => {
      const {newCourse} = await import('./commands/new.js')
      await newCourse(io, {dir, title: flags.title})
    })

  program
    .command('report')
    .description('Report on a course: outcome alignment matrix, estimated durations, Bloom levels, translation status')
    .argument('<course>', 'course folder (holds a course.yaml)')
    .addOption(new Option('--format <format>', 'an offline HTML page, or JSON').choices(['html', 'json']).default('html'))
    .option('--out <file>', 'file to write, `-` for standard output (default: HTML to <course>-report.html, JSON to standard output)')
    .action(async (course: string, flags: {format: 'html' | 'json'; out?: string}) => {
      const {report} = await import('./commands/report.js')
      await report(io, {course, format: flags.format, out: flags.out})
    })

  const xliff = program.command('xliff').description('Translate with CAT tools: XLIFF 1.2 out, translated XLIFF back in')
  xliff
    .command('extract')
    .description('Write every text of a course to an XLIFF 1.2 file for a translation tool')
    .argument('<course>', 'course folder (holds a course.yaml)')
    .requiredOption('--lang <language>', 'language to translate into, e.g. de')
    .option('--out <file>', 'file to write (default: <course>.<language>.xlf)')
    .action(async (course: string, flags: {lang: string; out?: string}) => {
      const {xliffExtract} = await import('./commands/xliff.js')
      await xliffExtract(io, {course, language: flags.lang, out: flags.out})
    })
  xliff
    .command('merge')
    .description('Write translations/<language>/ from a translated XLIFF file, then check it')
    .argument('<course>', 'course folder (holds a course.yaml)')
    .argument('<file>', 'the translated XLIFF 1.2 file')
    .option('--lang <language>', 'language of the translation (default: the file\'s target-language)')
    .addOption(new Option('--format <format>', 'how to print diagnostics').choices(formats).default('text'))
    .action(async (course: string, file: string, flags: {lang?: string; format: Format}) => {
      const {xliffMerge} = await import('./commands/xliff.js')
      await xliffMerge(io, {course, file, language: flags.lang, format: flags.format})
    })

  program
    .command('preview')
    .description('Play a course in the browser as a learner sees it; rebuild and reload on save; LMS inspector')
    .argument('<course>', 'course folder (holds a course.yaml)')
    .option('--port <port>', 'port on 127.0.0.1 (0: any free port)', (value: string) => {
      const port = Number(value)
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('Unexpected port `' + value + '`, expected a number from 0 to 65535')
      return port
    }, 4300)
    .option('--lang <language>', 'play this translation (translations/<language>/) instead of the course language')
    .action(async (course: string, flags: {port: number; lang?: string}) => {
      const {preview} = await import('./commands/preview.js')
      await preview(io, {course, port: flags.port, language: flags.lang})
    })

  return program
}
