import {createHash} from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import {expect, test} from 'vitest'
import {repoRoot, runCli, tempDir} from '../helpers/cli.js'
import {unzip} from '../conformance/lib/unzip.js'

const sha256 = async (file: string) => createHash('sha256').update(await fs.readFile(file)).digest('hex')

test('the same course gives byte-identical zips, in any time zone', async () => {
  const course = path.join(repoRoot, 'examples/directives-tour')
  const first = await tempDir()
  const second = await tempDir()
  const a = await runCli(['build', course, '--target', 'scorm12,scorm2004', '--out', first], {cwd: repoRoot, env: {TZ: 'UTC'}})
  const b = await runCli(['build', course, '--target', 'scorm12,scorm2004', '--out', second], {cwd: repoRoot, env: {TZ: 'Pacific/Auckland'}})
  expect(a.exitCode, a.stderr).toBe(0)
  expect(b.exitCode, b.stderr).toBe(0)
  const names = (await fs.readdir(first)).filter((name) => name.endsWith('.zip')).sort()
  expect(names).toEqual(['directives-tour-1.0.0-en-scorm12.zip', 'directives-tour-1.0.0-en-scorm2004.zip'])
  for (const name of names) expect(await sha256(path.join(second, name))).toBe(await sha256(path.join(first, name)))

  // What is in the package: launch page, player, manifest and schemas, the media the course uses; never trainer notes.
  const files = unzip(await fs.readFile(path.join(first, 'directives-tour-1.0.0-en-scorm12.zip')))
  const entries = [...files.keys()]
  expect(entries).toEqual([...entries].sort())
  expect(entries).toEqual(expect.arrayContaining(['imsmanifest.xml', 'index.html', 'assets/coursemark.js', 'assets/coursemark.css', 'media/gate.svg', 'media/welcome.en.vtt']))
  expect(entries.filter((entry) => entry.endsWith('.md') && !entry.startsWith('media/'))).toEqual([])
  const html = new TextDecoder().decode(files.get('index.html'))
  const source = await fs.readFile(path.join(course, 'modules/01-first-day.md'), 'utf8')
  const trainer = /:::trainer\n([^\n]+)/.exec(source)![1]!.slice(0, 40)
  expect(source).toContain(trainer)
  expect(html).not.toContain(trainer)
})
