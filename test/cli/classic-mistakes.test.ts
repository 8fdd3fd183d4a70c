import fs from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {exists, runCli, tempDir, writeFiles} from '../helpers/cli.js'
import {courseYamlText, rulesModule} from '../helpers/course-text.js'

// A small valid course; each case below breaks it the way authors do, and checks that the CLI
// reports the mistake at the right file and line with a rule id, exits 1 and writes nothing.
const courseYaml = courseYamlText('mistakes', 'Mistakes', 'A course to break.', {modules: ['modules/01-rules.md']})

const moduleMd = rulesModule('Everyone follows the rules. ![The gate](../media/gate.svg)')

interface Case {
  readonly name: string
  readonly change: (files: Record<string, string>) => void
  readonly file: string
  readonly line: number
  readonly rule: string
}

const replace = (file: string, from: string, to: string) => (files: Record<string, string>) => {
  if (!files[file]!.includes(from)) throw new Error('fixture text not found: ' + from)
  files[file] = files[file]!.replace(from, to)
}

const cases: Case[] = [
  {name: 'YAML syntax error', change: replace('course.yaml', 'title: Mistakes', 'title: [Mistakes'), file: 'course.yaml', line: 2, rule: 'yaml-syntax'},
  {name: 'typo in a directive', change: replace('modules/01-rules.md', ':::quiz{id=check}', ':::quizz{id=check}'), file: 'modules/01-rules.md', line: 13, rule: 'unknown-directive'},
  {name: 'typo in a question type', change: replace('modules/01-rules.md', 'type=single', 'type=singel'), file: 'modules/01-rules.md', line: 15, rule: 'unknown-question-type'},
  {name: 'unknown outcome', change: replace('modules/01-rules.md', 'outcome=LO1', 'outcome=LO7'), file: 'modules/01-rules.md', line: 15, rule: 'unknown-outcome'},
  {name: 'missing image', change: replace('modules/01-rules.md', '../media/gate.svg', '../media/gates.svg'), file: 'modules/01-rules.md', line: 9, rule: 'missing-asset'},
  {name: 'image path escaping the course', change: replace('modules/01-rules.md', '../media/gate.svg', '../../../etc/passwd'), file: 'modules/01-rules.md', line: 9, rule: 'asset-outside-course'},
  {name: 'external image URL', change: replace('modules/01-rules.md', '../media/gate.svg', 'https://example.org/gate.png'), file: 'modules/01-rules.md', line: 9, rule: 'external-media'},
  {name: 'question without a correct answer', change: replace('modules/01-rules.md', '- [x] Everyone', '- [ ] Everyone'), file: 'modules/01-rules.md', line: 18, rule: 'no-correct-answer'},
  {name: 'duplicate id', change: replace('modules/01-rules.md', ':::quiz{id=check}', ':::quiz{id=q1}'), file: 'modules/01-rules.md', line: 15, rule: 'duplicate-id'},
  {name: 'missing module file', change: replace('course.yaml', 'modules/01-rules.md', 'modules/01-rule.md'), file: 'course.yaml', line: 13, rule: 'missing-module'},
  {name: 'invalid Bloom level', change: replace('course.yaml', 'bloom: understand', 'bloom: understanding'), file: 'course.yaml', line: 9, rule: 'invalid-value'},
  {name: 'missing alt text', change: replace('modules/01-rules.md', '![The gate]', '![]'), file: 'modules/01-rules.md', line: 9, rule: 'missing-alt'},
  {name: 'invalid language tag', change: replace('course.yaml', 'language: en', 'language: english language'), file: 'course.yaml', line: 4, rule: 'invalid-language'},
  {name: 'unknown attribute', change: replace('modules/01-rules.md', 'type=single outcome=LO1', 'type=single outcome=LO1 colour=red'), file: 'modules/01-rules.md', line: 15, rule: 'unknown-attribute'},
  {name: 'unclosed block', change: replace('modules/01-rules.md', '::::\n\n:::\n', '::::\n'), file: 'modules/01-rules.md', line: 13, rule: 'unclosed-directive'},
  {name: 'id that cannot be a SCORM identifier', change: replace('modules/01-rules.md', 'id=q1', 'id="q 1"'), file: 'modules/01-rules.md', line: 15, rule: 'invalid-id'}
]

async function makeCourse(change?: (files: Record<string, string>) => void): Promise<string> {
  const root = path.join(await tempDir(), 'mistakes')
  const files: Record<string, string> = {'course.yaml': courseYaml, 'modules/01-rules.md': moduleMd, 'media/gate.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>\n'}
  change?.(files)
  await writeFiles(root, files)
  return root
}

describe('classic author mistakes', () => {
  test('the unbroken course validates with no diagnostics', async () => {
    const root = await makeCourse()
    const result = await runCli(['validate', '.', '--format', 'json'], {cwd: root})
    expect(result.exitCode).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual([])
  })

  test.each(cases)('$name → $rule at $file:$line, exit 1, nothing written', async ({change, file, line, rule}) => {
    const root = await makeCourse(change)
    const result = await runCli(['build', '.', '--target', 'scorm12,web', '--out', 'dist'], {cwd: root})
    expect.soft(result.exitCode).toBe(1)
    const pattern = new RegExp('^' + file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') + ':(\\d+):(\\d+): error ' + rule + ' ', 'm')
    const match = pattern.exec(result.stderr)
    expect(match, result.stderr).not.toBeNull()
    expect(Math.abs(Number(match![1]) - line)).toBeLessThanOrEqual(1)
    expect(result.stderr).toContain('hint: ')
    expect(result.stderr).not.toMatch(/\n\s+at .*\.js:\d+/) // no stack trace
    expect(await exists(path.join(root, 'dist'))).toBe(false)

    const json = await runCli(['validate', '.', '--format', 'json'], {cwd: root})
    expect(json.exitCode).toBe(1)
    const diagnostics = JSON.parse(json.stdout) as Array<{file: string; line: number; column: number; severity: string; rule: string}>
    expect(diagnostics.some((d) => d.rule === rule && d.file === file && d.severity === 'error' && d.column >= 1)).toBe(true)
  })

  test('github format annotates the right line', async () => {
    const root = await makeCourse(replace('modules/01-rules.md', ':::quiz{id=check}', ':::quizz{id=check}'))
    const result = await runCli(['validate', '.', '--format', 'github'], {cwd: root})
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toMatch(/^::error file=modules\/01-rules\.md,line=13,col=1,endLine=\d+,title=unknown-directive::Unexpected unknown directive `quizz`, did you mean `quiz`\?/m)
  })

  test('a failed build leaves the previous good package in place', async () => {
    const root = await makeCourse()
    const good = await runCli(['build', '.', '--target', 'scorm12', '--out', 'dist'], {cwd: root})
    expect(good.exitCode, good.stderr).toBe(0)
    const zipPath = path.join(root, 'dist', 'mistakes-1.0.0-en-scorm12.zip')
    const before = await fs.readFile(zipPath)
    await fs.writeFile(path.join(root, 'modules/01-rules.md'), moduleMd.replace(':::quiz{id=check}', ':::quizz{id=check}'))
    const bad = await runCli(['build', '.', '--target', 'scorm12', '--out', 'dist'], {cwd: root})
    expect(bad.exitCode).toBe(1)
    expect(Buffer.compare(await fs.readFile(zipPath), before)).toBe(0)
    expect((await fs.readdir(path.join(root, 'dist'))).filter((name) => name.includes('partial'))).toEqual([])
  })
})
