// Output integrity: a build killed in the middle (SIGKILL, or Ctrl-C as SIGINT) never leaves a
// half-written zip or folder at a package's path: each package is the previous good one or the
// complete new one. A build that fails leaves the previous good packages in place, and the next
// build cleans up what a killed one left behind.
import {spawn} from 'node:child_process'
import {createHash} from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {repoRoot, runCli, tempDir, writeFiles} from '../helpers/cli.js'
import {courseYamlText} from '../helpers/course-text.js'

const bin = path.join(repoRoot, 'packages/cli/bin.js')
const modules = 20
const names = {scorm12: 'big-1.0.0-en-scorm12.zip', web: 'big-1.0.0-en-web'}

function courseYaml(title: string): string {
  return courseYamlText('big', title, 'A large course to interrupt.', {modules: Array.from({length: modules}, (_, index) => 'modules/m' + index + '.md')})
}

function moduleMd(index: number): string {
  return `---
id: m${index}
title: Module ${index}
outcomes: [LO1]
---

## Page one of module ${index}

${'Some text about the rules. '.repeat(200)}

![Picture ${index}](../media/pic-${index}.png)

## Page two of module ${index}

${'More text about the rules. '.repeat(200)}

:::quiz{id=quiz-${index}}

::::question{id=q-${index} type=single outcome=LO1}
Who follows the rules?

- [x] Everyone
- [ ] Only prisoners
::::

:::
`
}

/** A course of 20 modules with 20 pictures of 1 MB of incompressible bytes (a build takes a second or more). */
async function bigCourse(): Promise<string> {
  const root = path.join(await tempDir('coursemark-big-'), 'big')
  const files: Record<string, string> = {'course.yaml': courseYaml('A big course')}
  for (let index = 0; index < modules; index++) files['modules/m' + index + '.md'] = moduleMd(index)
  await writeFiles(root, files)
  await fs.mkdir(path.join(root, 'media'))
  for (let index = 0; index < modules; index++) {
    const bytes = Buffer.alloc(1_000_000)
    let state = index + 1
    for (let offset = 0; offset < bytes.length; offset += 4) {
      state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0
      bytes.writeUInt32LE(state, offset)
    }
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    await fs.writeFile(path.join(root, 'media/pic-' + index + '.png'), bytes)
  }
  return root
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** What a package is: the zip's hash, or every file of the folder with its hash. */
async function fingerprint(out: string): Promise<{zip: string | undefined; web: string | undefined}> {
  const zip = await fs.readFile(path.join(out, names.scorm12)).then(sha256, () => undefined)
  const folder = path.join(out, names.web)
  const entries = await fs.readdir(folder, {recursive: true, withFileTypes: true}).catch(() => undefined)
  if (!entries) return {zip, web: undefined}
  const lines: string[] = []
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const file = path.join(entry.parentPath, entry.name)
    lines.push(path.relative(folder, file) + ' ' + sha256(await fs.readFile(file)))
  }
  return {zip, web: sha256(Buffer.from(lines.sort().join('\n')))}
}

async function build(root: string, out: string): Promise<void> {
  const result = await runCli(['build', '.', '--target', 'scorm12,web', '--out', out], {cwd: root})
  expect(result.exitCode, result.stderr).toBe(0)
}

/** Start a build and kill it with `signal` once `when` says so; resolves when the process is gone. */
async function interrupted(root: string, out: string, signal: NodeJS.Signals, when: () => Promise<boolean>): Promise<{code: number | null; signal: NodeJS.Signals | null; killed: boolean}> {
  const child = spawn(process.execPath, [bin, 'build', '.', '--target', 'scorm12,web', '--out', out], {cwd: root, stdio: 'ignore'})
  const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) => child.on('exit', (code, how) => resolve({code, signal: how})))
  let killed = false
  let done = false
  void exited.then(() => (done = true))
  while (!done) {
    if (await when()) {
      killed = child.kill(signal)
      break
    }
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
  return {...(await exited), killed}
}

/** Leftovers of an interrupted build in the output folder (hidden temporary files and folders). */
async function leftovers(out: string): Promise<string[]> {
  // Temporary files start with a dot; `.coursemark-cache` holds the build cache's records (docs/cli.md).
  return (await fs.readdir(out)).filter((name) => name.startsWith('.') && name !== '.coursemark-cache').sort()
}

describe('a build interrupted in the middle', () => {
  test('SIGKILL and SIGINT at many points: each package is the old good one or the complete new one, never a partial one', async () => {
    const root = await bigCourse()
    const out = path.join(root, 'dist')
    await build(root, out)
    const before = await fingerprint(out)
    expect(before.zip).toBeDefined()
    expect(before.web).toBeDefined()
    const sumsBefore = await fs.readFile(path.join(out, 'SHA256SUMS'), 'utf8')

    // What the new build makes when it completes (builds are reproducible, so a second folder tells).
    await fs.writeFile(path.join(root, 'course.yaml'), courseYaml('A big course, second edition'))
    const reference = path.join(await tempDir(), 'reference')
    await build(root, reference)
    const next = await fingerprint(reference)
    expect(next.zip).not.toBe(before.zip)
    expect(next.web).not.toBe(before.web)

    const good = path.join(await tempDir(), 'good')
    await fs.cp(out, good, {recursive: true})
    const partial = async (kind: 'zip' | 'folder'): Promise<boolean> => {
      const names = await fs.readdir(out).catch(() => [] as string[])
      return names.some((name) => name.endsWith('.partial') && (kind === 'zip' ? name.includes('.zip.') : name.includes('-web.')))
    }
    const after = (ms: number) => {
      let since = 0
      return async () => {
        since ||= Date.now()
        return Date.now() - since >= ms
      }
    }
    const moments: Array<[string, NodeJS.Signals, () => Promise<boolean>]> = [
      ['SIGKILL while the zip is being written', 'SIGKILL', () => partial('zip')],
      ['SIGKILL while the web folder is being written', 'SIGKILL', () => partial('folder')],
      ['Ctrl-C while the zip is being written', 'SIGINT', () => partial('zip')],
      ['Ctrl-C while the web folder is being written', 'SIGINT', () => partial('folder')],
      ['SIGKILL after 300 ms', 'SIGKILL', after(300)],
      ['Ctrl-C after 800 ms', 'SIGINT', after(800)]
    ]
    let interruptedWhileWriting = 0
    for (const [number, [moment, signal, when]] of moments.entries()) {
      // Start each time from the old good packages.
      await fs.rm(out, {recursive: true, force: true})
      await fs.cp(good, out, {recursive: true})

      const result = await interrupted(root, out, signal, when)
      const found = await fingerprint(out)
      expect([before.zip, next.zip], moment).toContain(found.zip)
      expect([before.web, next.web], moment).toContain(found.web)
      if (result.killed && (await leftovers(out)).length > 0) interruptedWhileWriting++
      // Checksums are written last: they list the old packages until a build completes.
      const sums = await fs.readFile(path.join(out, 'SHA256SUMS'), 'utf8')
      expect([sumsBefore, await fs.readFile(path.join(reference, 'SHA256SUMS'), 'utf8')], moment).toContain(sums)

      // The next build completes and leaves nothing behind.
      if (number < 2) {
        await build(root, out)
        expect(await fingerprint(out), moment).toEqual(next)
        expect(await leftovers(out), moment).toEqual([])
      }
    }
    // The test really interrupted writes (not only builds that had finished or not begun).
    expect(interruptedWhileWriting).toBeGreaterThanOrEqual(2)
  }, 600_000)

  test('a build that fails leaves the previous good packages in place', async () => {
    const root = await bigCourse()
    await fs.writeFile(path.join(root, 'course.yaml'), courseYaml('A big course').replace(/^ {2}- modules\/m(?:[4-9]|1\d)\.md\n/gm, ''))
    const out = path.join(root, 'dist')
    await build(root, out)
    const before = await fingerprint(out)
    await fs.writeFile(path.join(root, 'modules/m3.md'), moduleMd(3).replace(':::quiz{id=quiz-3}', ':::quizz{id=quiz-3}'))
    const result = await runCli(['build', '.', '--target', 'scorm12,web', '--out', out], {cwd: root})
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain('unknown-directive')
    expect(await fingerprint(out)).toEqual(before)
    expect(await leftovers(out)).toEqual([])
  }, 120_000)
})
