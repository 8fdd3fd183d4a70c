// Atomic writes of packages: a failed write leaves the old file or folder as it was, and what a
// killed build left behind is cleaned up (or put back) by the next write.
import {spawnSync} from 'node:child_process'
import fs from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {writeAtomic, writeFolderAtomic} from '../../packages/cli/src/lib/write-atomic.js'
import {tempDir} from '../helpers/cli.js'

const text = (value: string) => new TextEncoder().encode(value)

/** The pid of a process that has ended. */
function deadPid(): number {
  const result = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {encoding: 'utf8'})
  return Number(result.stdout)
}

async function tree(folder: string): Promise<Record<string, string>> {
  const found: Record<string, string> = {}
  for (const entry of await fs.readdir(folder, {recursive: true, withFileTypes: true})) {
    if (entry.isFile()) found[path.relative(folder, path.join(entry.parentPath, entry.name))] = await fs.readFile(path.join(entry.parentPath, entry.name), 'utf8')
  }
  return found
}

describe('writeAtomic', () => {
  test('replaces a file whole', async () => {
    const dir = await tempDir()
    const out = path.join(dir, 'course.zip')
    await writeAtomic(out, text('old'))
    await writeAtomic(out, text('new'))
    expect(await fs.readFile(out, 'utf8')).toBe('new')
    expect(await fs.readdir(dir)).toEqual(['course.zip'])
  })

  test('a write that fails leaves what was there and no temporary file', async () => {
    const dir = await tempDir()
    const out = path.join(dir, 'course.zip')
    await fs.mkdir(out)
    await fs.writeFile(path.join(out, 'keep'), 'kept')
    await expect(writeAtomic(out, text('new'))).rejects.toThrow()
    expect(await fs.readFile(path.join(out, 'keep'), 'utf8')).toBe('kept')
    expect(await fs.readdir(dir)).toEqual(['course.zip'])
  })

  test('removes what a killed build left, but not what a running one is writing', async () => {
    const dir = await tempDir()
    const out = path.join(dir, 'course.zip')
    const dead = path.join(dir, '.course.zip.' + deadPid() + '.partial')
    const running = path.join(dir, '.course.zip.' + process.ppid + '.partial')
    const other = path.join(dir, '.course.zip.bak')
    for (const file of [dead, running, other]) await fs.writeFile(file, 'half')
    await writeAtomic(out, text('new'))
    expect((await fs.readdir(dir)).sort()).toEqual(['.course.zip.' + process.ppid + '.partial', '.course.zip.bak', 'course.zip'])
  })
})

describe('writeFolderAtomic', () => {
  test('replaces a folder whole', async () => {
    const dir = await tempDir()
    const out = path.join(dir, 'site')
    await writeFolderAtomic(out, new Map([['index.html', text('old')], ['assets/a.css', text('a')]]))
    await writeFolderAtomic(out, new Map([['index.html', text('new')]]))
    expect(await tree(out)).toEqual({'index.html': 'new'})
    expect(await fs.readdir(dir)).toEqual(['site'])
  })

  test('a write that fails half-way leaves the old folder as it was', async () => {
    const dir = await tempDir()
    const out = path.join(dir, 'site')
    await writeFolderAtomic(out, new Map([['index.html', text('old')]]))
    // `a` as a file and as a folder: the write fails after some files are written.
    await expect(writeFolderAtomic(out, new Map([['a', text('file')], ['a/b', text('in a folder')], ['index.html', text('new')]]))).rejects.toThrow()
    expect(await tree(out)).toEqual({'index.html': 'old'})
    expect(await fs.readdir(dir)).toEqual(['site'])
  })

  test('a build killed between moving the old folder aside and putting the new one in place: the old one comes back', async () => {
    const dir = await tempDir()
    const out = path.join(dir, 'site')
    const aside = path.join(dir, '.site.' + deadPid() + '.old')
    await fs.mkdir(aside)
    await fs.writeFile(path.join(aside, 'index.html'), 'old')
    await fs.mkdir(path.join(dir, '.site.' + deadPid() + '.partial'))
    // The next write fails, yet the old package is back in place and the leftovers are gone.
    await expect(writeFolderAtomic(out, new Map([['a', text('file')], ['a/b', text('x')]]))).rejects.toThrow()
    expect(await tree(out)).toEqual({'index.html': 'old'})
    expect(await fs.readdir(dir)).toEqual(['site'])
  })
})
