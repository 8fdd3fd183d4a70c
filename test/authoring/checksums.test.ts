import {execFile} from 'node:child_process'
import fs from 'node:fs/promises'
import path from 'node:path'
import {promisify} from 'node:util'
import {describe, expect, test} from 'vitest'
import {formatChecksums} from '@coursemark/cli'
import {copyToTemp, runCli} from '../helpers/cli.js'

const exec = promisify(execFile)

describe('SHA256SUMS', () => {
  test('formatChecksums: sha256sum format, sorted by name', () => {
    expect(formatChecksums([
      {name: 'b.zip', sha256: 'b'.repeat(64)},
      {name: 'a-1.0.0-en-scorm12.zip', sha256: 'a'.repeat(64)}
    ])).toBe('a'.repeat(64) + '  a-1.0.0-en-scorm12.zip\n' + 'b'.repeat(64) + '  b.zip\n')
    expect(formatChecksums([])).toBe('')
  })

  test('build writes SHA256SUMS for every zip and every file of the web folders it wrote; `sha256sum -c` accepts it and catches a change', async () => {
    const course = await copyToTemp('examples/all-question-types')
    const cwd = path.dirname(course)
    const result = await runCli(['build', 'all-question-types', '--target', 'scorm12,scorm2004,web', '--out', 'dist'], {cwd})
    expect(result.exitCode).toBe(0)
    const out = path.join(cwd, 'dist')
    const sums = await fs.readFile(path.join(out, 'SHA256SUMS'), 'utf8')
    const names = sums.trim().split('\n').map((line) => {
      expect(line).toMatch(/^[0-9a-f]{64} {2}\S/)
      return line.slice(66)
    })
    expect(names).toEqual([...names].sort())
    // The zips, by name.
    expect(names.filter((name) => name.endsWith('.zip'))).toEqual(['all-question-types-1.0.0-en-scorm12.zip', 'all-question-types-1.0.0-en-scorm2004.zip'])
    expect(names.filter((name) => name.endsWith('.zip'))).toEqual((await fs.readdir(out)).filter((name) => name.endsWith('.zip')).sort())
    // The web folder: every file in it, by its path from the checksum file.
    const web = 'all-question-types-1.0.0-en-web'
    const files = (await fs.readdir(path.join(out, web), {recursive: true, withFileTypes: true}))
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(out, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
      .sort()
    expect(files).toContain(web + '/index.html')
    expect(files).toContain(web + '/assets/coursemark.js')
    expect(names.filter((name) => !name.endsWith('.zip'))).toEqual(files)

    const checked = await exec('sha256sum', ['-c', 'SHA256SUMS'], {cwd: out})
    expect(checked.stdout).toBe(names.map((name) => name + ': OK\n').join(''))

    // A changed package, or a changed file of the web folder, no longer matches.
    await fs.appendFile(path.join(out, names[0]!), 'x')
    await fs.appendFile(path.join(out, web, 'index.html'), '<!-- changed -->')
    const failed = await exec('sha256sum', ['-c', 'SHA256SUMS'], {cwd: out}).then(() => '', (error: {stdout: string}) => error.stdout)
    expect(failed).toContain(names[0] + ': FAILED')
    expect(failed).toContain(web + '/index.html: FAILED')
  })

  test('lists only the zips written by that build', async () => {
    const course = await copyToTemp('examples/all-question-types')
    const cwd = path.dirname(course)
    await fs.mkdir(path.join(cwd, 'dist'))
    await fs.writeFile(path.join(cwd, 'dist/old-package.zip'), 'not from this build')
    const result = await runCli(['build', 'all-question-types', '--target', 'scorm12', '--out', 'dist'], {cwd})
    expect(result.exitCode).toBe(0)
    const sums = await fs.readFile(path.join(cwd, 'dist/SHA256SUMS'), 'utf8')
    expect(sums).toMatch(/^[0-9a-f]{64} {2}all-question-types-1\.0\.0-en-scorm12\.zip\n$/)
  })
})
