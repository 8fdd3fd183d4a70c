import fs from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, onTestFinished, test} from 'vitest'
import {exists, repoRoot, runCli, tempDir, writeFiles} from '../helpers/cli.js'

describe('coursemark new', () => {
  test('scaffolds a course that validates with zero diagnostics and builds for the web', async () => {
    const dir = await tempDir()
    const created = await runCli(['new', 'my-course'], {cwd: dir})
    expect(created.exitCode).toBe(0)
    expect(created.stderr).toContain('Created my-course/')
    const course = path.join(dir, 'my-course')
    expect((await fs.readdir(course)).sort()).toEqual(['course.yaml', 'media', 'modules'])
    expect(await exists(path.join(course, 'media/gate.svg'))).toBe(true)

    const validated = await runCli(['validate', 'my-course', '--format', 'json'], {cwd: dir})
    expect(validated.exitCode).toBe(0)
    expect(JSON.parse(validated.stdout)).toEqual([])

    const built = await runCli(['build', 'my-course', '--target', 'web', '--out', 'dist'], {cwd: dir})
    expect(built.exitCode).toBe(0)
    const html = await fs.readFile(path.join(dir, 'dist/my-course-0.1.0-en-web/index.html'), 'utf8')
    expect(html).toContain('<title>My course</title>')
    expect(await exists(path.join(dir, 'dist/my-course-0.1.0-en-web/media/gate.svg'))).toBe(true)
    // Trainer notes never reach learners.
    expect(html).not.toContain('Trainer notes are left out')
  })

  test('shows each main construct in its module', async () => {
    const dir = await tempDir()
    await runCli(['new', 'c'], {cwd: dir})
    const module = await fs.readFile(path.join(dir, 'c/modules/01-first-steps.md'), 'utf8')
    for (const construct of ['\n## ', ':::note{', ':term[', '](../media/gate.svg)', ':::trainer', ':::activity{', ':::quiz{', 'type=single', 'type=true-false', ':::scenario{', '::::step{']) {
      expect(module).toContain(construct)
    }
  })

  test('outside the repository: explains the schema hint in a comment instead of a broken path', async () => {
    const dir = await tempDir()
    await runCli(['new', 'c', '--title', 'Boundaries: a first course'], {cwd: dir})
    const yaml = await fs.readFile(path.join(dir, 'c/course.yaml'), 'utf8')
    expect(yaml).not.toMatch(/^# yaml-language-server: \$schema=/m)
    expect(yaml).toContain('`# yaml-language-server: $schema=`')
    expect(yaml).toContain('title: "Boundaries: a first course"')
    const validated = await runCli(['validate', 'c', '--format', 'json'], {cwd: dir})
    expect(JSON.parse(validated.stdout)).toEqual([])
  })

  test('inside the repository: the schema hint points at schemas/course.schema.json by a relative path', async () => {
    const dir = await fs.mkdtemp(path.join(repoRoot, '.tmp-new-'))
    onTestFinished(() => fs.rm(dir, {recursive: true, force: true}))
    const result = await runCli(['new', 'nested/course'], {cwd: dir})
    expect(result.exitCode).toBe(0)
    const yaml = await fs.readFile(path.join(dir, 'nested/course/course.yaml'), 'utf8')
    const hint = /^# yaml-language-server: \$schema=(.+)$/m.exec(yaml)
    expect(hint?.[1]).toBe('../../../schemas/course.schema.json')
    const schema = path.resolve(dir, 'nested/course', hint![1]!)
    expect(schema).toBe(path.join(repoRoot, 'schemas/course.schema.json'))
  })

  test('refuses to write into a folder that is not empty (exit 1, nothing changed)', async () => {
    const dir = await tempDir()
    await writeFiles(dir, {'c/notes.txt': 'keep me'})
    const result = await runCli(['new', 'c'], {cwd: dir})
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain('c is not empty: nothing was written')
    expect(await fs.readdir(path.join(dir, 'c'))).toEqual(['notes.txt'])
    expect(await fs.readFile(path.join(dir, 'c/notes.txt'), 'utf8')).toBe('keep me')
  })

  test('an empty existing folder is fine', async () => {
    const dir = await tempDir()
    await fs.mkdir(path.join(dir, 'empty'))
    const result = await runCli(['new', 'empty'], {cwd: dir})
    expect(result.exitCode).toBe(0)
    expect(await exists(path.join(dir, 'empty/course.yaml'))).toBe(true)
  })
})
