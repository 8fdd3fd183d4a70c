import fs from 'node:fs/promises'
import path from 'node:path'
import {expect, test} from 'vitest'
import {copyToTemp, repoRoot, runCli, tempDir} from '../helpers/cli.js'

// `build` does not build a course again when nothing of it changed since its last good build in
// --out, and does not parse again the Markdown it parsed then; builds on several threads give the same bytes and print the same lines as on one;
// --shard splits the courses of a CI matrix.

/** Every file under `folder` with its bytes and the time it was last written. */
async function snapshot(folder: string): Promise<Map<string, {bytes: string; written: number}>> {
  const files = new Map<string, {bytes: string; written: number}>()
  for (const entry of (await fs.readdir(folder, {recursive: true})).sort()) {
    const file = path.join(folder, entry)
    const stat = await fs.stat(file)
    if (stat.isFile() && !entry.startsWith('.coursemark-cache')) files.set(entry, {bytes: (await fs.readFile(file)).toString('base64'), written: stat.mtimeMs})
  }
  return files
}

const bytesOf = (files: Map<string, {bytes: string}>) => new Map([...files].map(([name, file]) => [name, file.bytes]))

test('an unchanged course is not built again; a changed one, a lost package or --no-cache build it again', async () => {
  const course = await copyToTemp('examples/directives-tour')
  const out = await tempDir()
  const args = ['build', course, '--target', 'scorm12,web', '--out', out]
  const first = await runCli(args, {cwd: repoRoot})
  expect(first.exitCode, first.stderr).toBe(0)
  const built = await snapshot(out)
  expect([...built.keys()]).toContain('directives-tour-1.0.0-en-scorm12.zip')

  // Unchanged: the same lines, and not one file written again.
  const again = await runCli(args, {cwd: repoRoot})
  expect(again.exitCode, again.stderr).toBe(0)
  expect(again.stdout).toBe(first.stdout)
  expect(again.stderr).toBe(first.stderr)
  expect(await snapshot(out)).toEqual(built)

  // A package removed from --out: built again, the same bytes.
  await fs.rm(path.join(out, 'directives-tour-1.0.0-en-scorm12.zip'))
  expect((await runCli(args, {cwd: repoRoot})).exitCode).toBe(0)
  expect(bytesOf(await snapshot(out))).toEqual(bytesOf(built))

  // --no-cache: written again.
  const before = await snapshot(out)
  expect((await runCli([...args, '--no-cache'], {cwd: repoRoot})).exitCode).toBe(0)
  const rewritten = await snapshot(out)
  expect(rewritten.get('directives-tour-1.0.0-en-scorm12.zip')!.written).toBeGreaterThan(before.get('directives-tour-1.0.0-en-scorm12.zip')!.written)

  // A changed module, or a changed picture: a new package.
  const module = path.join(course, 'modules/01-first-day.md')
  await fs.appendFile(module, '\nOne more sentence.\n')
  expect((await runCli(args, {cwd: repoRoot})).exitCode).toBe(0)
  const edited = await snapshot(out)
  expect(edited.get('directives-tour-1.0.0-en-scorm12.zip')!.bytes).not.toBe(built.get('directives-tour-1.0.0-en-scorm12.zip')!.bytes)
  // The other modules came from the parse cache: the packages are those of a build without it.
  const cached = (await fs.readdir(path.join(out, '.coursemark-cache'))).filter((name) => name.endsWith('.parse.gz'))
  expect(cached).toHaveLength(1)
  const uncached = await tempDir()
  expect((await runCli(['build', course, '--target', 'scorm12,web', '--out', uncached, '--no-cache'], {cwd: repoRoot})).exitCode).toBe(0)
  expect(bytesOf(await snapshot(uncached))).toEqual(bytesOf(edited))
  expect(await fs.readdir(uncached)).not.toContain('.coursemark-cache')
  const picture = path.join(course, 'media/gate.svg')
  await fs.writeFile(picture, (await fs.readFile(picture, 'utf8')).replace('</svg>', '<!-- changed --></svg>'))
  expect((await runCli(args, {cwd: repoRoot})).exitCode).toBe(0)
  expect((await snapshot(out)).get('directives-tour-1.0.0-en-web/media/gate.svg')!.bytes).not.toBe(edited.get('directives-tour-1.0.0-en-web/media/gate.svg')!.bytes)
}, 120_000)

test('a course with errors is never taken from the cache', async () => {
  const course = await copyToTemp('examples/directives-tour')
  const out = await tempDir()
  const args = ['build', course, '--target', 'scorm12', '--out', out]
  expect((await runCli(args, {cwd: repoRoot})).exitCode).toBe(0)
  const module = path.join(course, 'modules/01-first-day.md')
  const text = await fs.readFile(module, 'utf8')
  await fs.writeFile(module, text.replace(/^id: .*$/m, 'id: ""'))
  const broken = await runCli(args, {cwd: repoRoot})
  expect(broken.exitCode).toBe(1)
  expect((await runCli(args, {cwd: repoRoot})).exitCode).toBe(1)
  await fs.writeFile(module, text)
  expect((await runCli(args, {cwd: repoRoot})).exitCode).toBe(0)
}, 120_000)

test('--jobs 2 gives the same packages and the same output as --jobs 1', async () => {
  const [one, two] = [await tempDir(), await tempDir()]
  const courses = ['examples/all-question-types', 'examples/directives-tour', 'examples/escaping-and-languages']
  const a = await runCli(['build', ...courses, '--target', 'scorm2004,cmi5', '--out', one, '--jobs', '1', '--format', 'json'], {cwd: repoRoot})
  const b = await runCli(['build', ...courses, '--target', 'scorm2004,cmi5', '--out', two, '--jobs', '2', '--format', 'json'], {cwd: repoRoot})
  expect(a.exitCode, a.stderr).toBe(0)
  expect(b.exitCode, b.stderr).toBe(0)
  expect(b.stdout.replaceAll(path.relative(repoRoot, two), 'OUT')).toBe(a.stdout.replaceAll(path.relative(repoRoot, one), 'OUT'))
  expect(bytesOf(await snapshot(two))).toEqual(bytesOf(await snapshot(one)))
}, 180_000)

test('--shard i/n builds every n-th course; the shards together build every course once', async () => {
  const root = await tempDir()
  await fs.cp(path.join(repoRoot, 'examples'), path.join(root, 'examples'), {recursive: true})
  const zips = async (out: string) => (await fs.readdir(out).catch(() => [] as string[])).filter((name) => name.endsWith('.zip')).sort()
  const all = await runCli(['build', '--all', '--target', 'xapi', '--out', 'all'], {cwd: root})
  expect(all.exitCode, all.stderr).toBe(0)
  const shards: string[][] = []
  for (const shard of ['1/2', '2/2']) {
    const result = await runCli(['build', '--all', '--target', 'xapi', '--out', 'shard', '--shard', shard, '--no-cache'], {cwd: root})
    expect(result.exitCode, result.stderr).toBe(0)
    shards.push(await zips(path.join(root, 'shard')))
    await fs.rm(path.join(root, 'shard'), {recursive: true})
  }
  expect(shards[0]!.length).toBeGreaterThan(0)
  expect(shards[1]!.length).toBeGreaterThan(0)
  expect(shards[0]!.filter((name) => shards[1]!.includes(name))).toEqual([])
  expect([...shards[0]!, ...shards[1]!].sort()).toEqual(await zips(path.join(root, 'all')))

  for (const bad of ['0/2', '3/2', 'two', '1/0']) {
    const result = await runCli(['build', '--all', '--out', 'x', '--shard', bad], {cwd: root})
    expect(result.exitCode, bad).toBe(2)
    expect(result.stderr).toContain('Unexpected shard')
  }
}, 180_000)
