import fs from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {sourceHash} from '@coursemark/compiler'
import {exists, runCli, tempDir, writeFiles} from '../helpers/cli.js'
import {courseOfFolder} from '../helpers/course-script.js'

const sourceYaml = `id: https://example.org/courses/bilingual
title: Boundaries
version: 1.0.0
language: en
description: Setting boundaries.
translations: [de]
outcomes:
  - id: LO1
    statement: Explain why boundaries matter.
    bloom: understand
    domain: knowledge
    eqf: 4
modules:
  - modules/01.md
`

const sourceModule = `---
id: boundaries
title: Boundaries
outcomes: [LO1]
---

## Why

Boundaries protect you. ![A gate](../media/gate.svg)

## Check

:::quiz{id=check}

::::question{id=q1 type=single outcome=LO1}
Who do boundaries protect?

- [x] Everyone
- [ ] Nobody
::::

:::
`

function translation(hashes: {course: string; module: string}, options: {wrongAnswer?: boolean} = {}): Record<string, string> {
  return {
    'translations/de/course.yaml': sourceYaml
      .replace('title: Boundaries', 'title: Grenzen')
      .replace('language: en', 'language: de\ntranslation:\n  source: en\n  status: draft\n  sourceHash: ' + hashes.course)
      .replace('translations: [de]\n', '')
      .replace('Explain why boundaries matter.', 'Erklären, warum Grenzen wichtig sind.'),
    'translations/de/modules/01.md': `---
id: boundaries
title: Grenzen & „Regeln“
outcomes: [LO1]
sourceHash: ${hashes.module}
---

## Warum

Grenzen schützen Sie. ![Ein Tor](../media/gate.svg)

## Prüfung

:::quiz{id=check}

::::question{id=q1 type=single outcome=LO1}
Wen schützen Grenzen?

- [${options.wrongAnswer ? ' ' : 'x'}] Alle
- [${options.wrongAnswer ? 'x' : ' '}] Niemanden
::::

:::
`
  }
}

async function makeCourse(files: Record<string, string>): Promise<string> {
  const root = path.join(await tempDir(), 'bilingual')
  await writeFiles(root, {'course.yaml': sourceYaml, 'modules/01.md': sourceModule, 'media/gate.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>\n', ...files})
  return root
}

const hashes = {course: sourceHash(sourceYaml), module: sourceHash(sourceModule)}

describe('translations', () => {
  test('a complete, current translation validates and builds one package per language with the same ids', async () => {
    const root = await makeCourse(translation(hashes))
    const validate = await runCli(['validate', '.'], {cwd: root})
    expect(validate.stderr).toContain('(de): no problems')
    expect(validate.exitCode).toBe(0)
    const build = await runCli(['build', '.', '--target', 'scorm12,web', '--out', 'dist'], {cwd: root})
    expect(build.exitCode, build.stderr).toBe(0)
    const names = (await fs.readdir(path.join(root, 'dist'))).filter((name) => name !== 'SHA256SUMS' && name !== '.coursemark-cache').sort()
    expect(names).toEqual(['bilingual-1.0.0-de-scorm12.zip', 'bilingual-1.0.0-de-web', 'bilingual-1.0.0-en-scorm12.zip', 'bilingual-1.0.0-en-web'])
    const read = async (language: string) => {
      const folder = path.join(root, 'dist', 'bilingual-1.0.0-' + language + '-web')
      return {html: await fs.readFile(path.join(folder, 'index.html'), 'utf8'), course: await courseOfFolder(folder) as {translation?: unknown; modules: Array<{id: string; title: string; pages: Array<{id: string}>}>}}
    }
    const en = await read('en')
    const de = await read('de')
    expect(de.html).toContain('<html lang="de"')
    expect(de.course.modules[0]!.title).toBe('Grenzen & „Regeln“')
    const ids = (course: {modules: Array<{id: string; pages: Array<{id: string}>}>}) => course.modules.flatMap((m) => [m.id, ...m.pages.map((p) => p.id)])
    expect(ids(de.course)).toEqual(ids(en.course))
    expect(de.course.translation).toEqual({sourceLanguage: 'en', status: 'draft', sourceHash: hashes.course})
    expect(await exists(path.join(root, 'dist', 'bilingual-1.0.0-de-web', 'media', 'gate.svg'))).toBe(true)

    const only = await runCli(['build', '.', '--target', 'web', '--lang', 'de', '--out', 'only'], {cwd: root})
    expect(only.exitCode, only.stderr).toBe(0)
    expect((await fs.readdir(path.join(root, 'only'))).filter((name) => name !== 'SHA256SUMS' && name !== '.coursemark-cache')).toEqual(['bilingual-1.0.0-de-web'])
  })

  test('a changed source makes the translation outdated (warning with the new hash)', async () => {
    const root = await makeCourse(translation(hashes))
    await fs.writeFile(path.join(root, 'modules/01.md'), sourceModule.replace('Boundaries protect you.', 'Boundaries protect you and others.'))
    const result = await runCli(['validate', '.', '--format', 'json'], {cwd: root})
    const diagnostics = JSON.parse(result.stdout) as Array<{file: string; rule: string; severity: string; message: string}>
    const outdated = diagnostics.filter((d) => d.rule === 'translation-outdated')
    expect(outdated).toHaveLength(1)
    expect(outdated[0]!.file).toBe('translations/de/modules/01.md')
    expect(outdated[0]!.severity).toBe('warning')
    expect(outdated[0]!.message).toContain(sourceHash(sourceModule.replace('Boundaries protect you.', 'Boundaries protect you and others.')))
    expect(result.exitCode).toBe(0)
  })

  test('a translation with a different correct answer is a mismatch, and nothing is built', async () => {
    const root = await makeCourse(translation(hashes, {wrongAnswer: true}))
    const result = await runCli(['build', '.', '--target', 'web', '--out', 'dist'], {cwd: root})
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toMatch(/^translations\/de\/modules\/01\.md:\d+:\d+: error translation-mismatch /m)
    expect(await exists(path.join(root, 'dist', 'bilingual-1.0.0-de-web'))).toBe(false)
  })

  test('a listed translation without its folder is reported at the list', async () => {
    const root = await makeCourse({})
    const result = await runCli(['validate', '.'], {cwd: root})
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toMatch(/^course\.yaml:6:16: error translation-missing Unexpected missing translation `de`/m)
  })
})
