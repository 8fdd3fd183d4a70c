import {spawn} from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {onTestFinished} from 'vitest'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const bin = path.join(repoRoot, 'packages/cli/bin.js')

export interface RunResult {
  readonly exitCode: number
  readonly stdout: string
  readonly stderr: string
}

/** Run the built CLI as a user would, in `cwd`. */
export function runCli(args: ReadonlyArray<string>, options: {cwd: string; env?: Record<string, string>}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {cwd: options.cwd, env: {...process.env, ...options.env}, stdio: ['ignore', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({exitCode: code ?? -1, stdout, stderr}))
  })
}

/** A temporary folder, removed when the test finishes. */
export async function tempDir(prefix = 'coursemark-'): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix))
  onTestFinished(() => fs.rm(dir, {recursive: true, force: true}))
  return dir
}

/** Copy a folder of the repository (e.g. `examples/x`) to a temporary folder. */
export async function copyToTemp(relative: string): Promise<string> {
  const dir = await tempDir()
  const target = path.join(dir, path.basename(relative))
  await fs.cp(path.join(repoRoot, relative), target, {recursive: true})
  return target
}

/** Write files (relative path → text) under `root`. */
export async function writeFiles(root: string, files: Readonly<Record<string, string>>): Promise<void> {
  for (const [name, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, name)), {recursive: true})
    await fs.writeFile(path.join(root, name), text)
  }
}

export async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(() => true, () => false)
}
