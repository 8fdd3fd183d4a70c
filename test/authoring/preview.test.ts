import {spawn, type ChildProcess} from 'node:child_process'
import fs from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, onTestFinished, test} from 'vitest'
import {launchChromium} from '../helpers/browser.js'
import {copyToTemp, repoRoot, runCli, tempDir} from '../helpers/cli.js'

interface Preview {
  readonly url: string
  /** Everything the preview printed on stderr so far. */
  stderr(): string
}

/** Start `coursemark preview <course> --port 0` and wait for its address; stopped when the test ends. */
async function startPreview(cwd: string, course: string, extra: ReadonlyArray<string> = []): Promise<Preview> {
  const child: ChildProcess = spawn(process.execPath, [path.join(repoRoot, 'packages/cli/bin.js'), 'preview', course, '--port', '0', ...extra], {cwd, stdio: ['ignore', 'pipe', 'pipe']})
  onTestFinished(async () => {
    if (child.exitCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  })
  let stdout = ''
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const match = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)
      if (match) resolve(match[1]!)
    })
    child.once('exit', (code) => reject(new Error('preview exited with ' + code + ': ' + stderr)))
  })
  return {url, stderr: () => stderr}
}

describe('coursemark preview', () => {
  test('reloads on save, shows errors with file:line, and the inspector shows what SCORM 1.2, SCORM 2004 and xAPI record', async () => {
    const dir = await tempDir()
    expect((await runCli(['new', 'course'], {cwd: dir})).exitCode).toBe(0)
    const module = path.join(dir, 'course/modules/01-first-steps.md')
    const preview = await startPreview(dir, 'course')
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)

    // The course page is the package's own, plus the reload script served from the same origin.
    const index = await (await fetch(preview.url + 'course/index.html')).text()
    expect(index).toContain('<script src="/__coursemark/reload.js"></script>')
    expect(index).toContain('<body data-target="scorm12"')

    const browser = await launchChromium()
    onTestFinished(() => browser.close())
    const page = await browser.context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    await page.goto(preview.url)
    const course = page.frameLocator('#cm-course')
    await course.getByRole('heading', {name: 'Why boundaries matter'}).waitFor()
    await expect.poll(() => page.locator('#cm-lesson-status').textContent()).toBe('incomplete')

    // Save a change as many editors do (a temporary file renamed over the module): the open page reloads with the new text.
    await fs.writeFile(module + '.tmp~', (await fs.readFile(module, 'utf8')).replace('## Why boundaries matter', '## Why boundaries matter to everyone'))
    await fs.rename(module + '.tmp~', module)
    await course.getByRole('heading', {name: 'Why boundaries matter to everyone'}).waitFor({timeout: 15_000})
    const rebuilt = /modules\/01-first-steps\.md changed: rebuilt in (\d+) ms \(read \d+ ms, compile \d+ ms, render \d+ ms\)/.exec(preview.stderr())
    expect(rebuilt).not.toBeNull()
    expect(Number(rebuilt![1])).toBeLessThan(3000)

    // An error: the overlay points at file:line; the frame keeps the last good version.
    const text = await fs.readFile(module, 'utf8')
    const line = text.split('\n').findIndex((l) => l.startsWith(':::quiz{')) + 1
    await fs.writeFile(module, text.replace(':::quiz{id=first-check}', ':::quizz{id=first-check}'))
    await page.locator('#cm-overlay:not([hidden])').waitFor({timeout: 15_000})
    await expect.poll(() => page.locator('#cm-diagnostics .where').first().textContent()).toBe('modules/01-first-steps.md:' + line + ':1')
    expect(await page.locator('#cm-diagnostics').textContent()).toContain('unknown-directive')
    expect(await page.locator('#cm-build').textContent()).toMatch(/^1 error/)
    await course.getByRole('heading', {name: 'Why boundaries matter to everyone'}).waitFor()

    // Fixed: the overlay goes away.
    await fs.writeFile(module, text)
    await page.locator('#cm-overlay').waitFor({state: 'hidden', timeout: 15_000})

    // Answer a question: the inspector shows the interaction, the status and the suspend data size.
    await course.getByRole('heading', {name: 'Why boundaries matter to everyone'}).waitFor()
    await course.getByRole('button', {name: 'Next'}).click()
    await course.getByRole('button', {name: 'Next'}).click()
    await course.getByRole('heading', {name: 'Check your understanding'}).waitFor()
    await course.getByLabel('Because they protect the volunteer, the prisoners and the people outside.').check()
    await course.getByRole('button', {name: 'Check answer'}).first().click()
    await expect.poll(() => page.locator('#cm-interactions tr').count()).toBeGreaterThan(0)
    const row = await page.locator('#cm-interactions tr').first().locator('td').allTextContents()
    expect(row[0]).toContain('why-boundaries')
    expect(row[1]).toBe('choice')
    expect(row[3]).toBe('correct')
    expect(await page.locator('#cm-lesson-status').textContent()).toBe('incomplete')
    expect(await page.locator('#cm-suspend-size').textContent()).toMatch(/^\d+ \/ 4096 characters$/)
    expect(await page.locator('#cm-objectives tr').count()).toBe(2)

    // The same session as the runtime's xAPI adapter would send it: the answered statement, with its result.
    expect(await page.locator('#cm-view-xapi').isHidden()).toBe(true)
    await page.locator('#cm-standard').selectOption('xapi')
    expect(await page.locator('#cm-view-xapi').isVisible()).toBe(true)
    expect(await page.locator('#cm-view-scorm12').isHidden()).toBe(true)
    const answered = page.locator('#cm-statements li').filter({has: page.locator('.verb', {hasText: /^answered$/})})
    await expect.poll(() => answered.count()).toBe(1)
    expect(await answered.locator('.object').textContent()).toBe('…/questions/why-boundaries')
    expect(await answered.locator('.object').getAttribute('title')).toMatch(/^https?:\/\/.+\/questions\/why-boundaries$/)
    const result = await answered.locator('.result').textContent()
    expect(result).toMatch(/^success: true · response: \S+ · duration: PT[\d.]+S$/)
    // The statements are the runtime's own: verbs in order, and the answer as the interaction's correct response.
    const statements = (await page.evaluate('window.coursemarkPreview.statements()')) as Array<{verb: {id: string}; object: {id: string; definition?: {correctResponsesPattern?: string[]}}; result?: {success?: boolean; response?: string}}>
    expect(statements[0]!.verb.id).toBe('http://adlnet.gov/expapi/verbs/initialized')
    const statement = statements.find((item) => item.verb.id === 'http://adlnet.gov/expapi/verbs/answered')!
    expect(statement.result).toMatchObject({success: true, response: statement.object.definition!.correctResponsesPattern![0]})
    expect(result).toContain('response: ' + statement.result!.response)
    // The newest statement is on top.
    expect(await page.locator('#cm-statements li .verb').first().textContent()).toBe(statements.at(-1)!.verb.id.split('/').at(-1))

    // And as SCORM 2004 records it.
    await page.locator('#cm-standard').selectOption('scorm2004')
    expect(await page.locator('#cm-2004-completion-status').textContent()).toBe('incomplete')
    const row2004 = await page.locator('#cm-2004-interactions tr').first().locator('td').allTextContents()
    expect(row2004[0]).toContain('why-boundaries')
    expect(row2004[3]).toBe('correct')
    expect(await page.locator('#cm-2004-suspend-size').textContent()).toMatch(/^\d+ \/ 64000 characters$/)

    // Start again: every standard starts from nothing, and the new session from its first page.
    await page.getByRole('button', {name: 'Start again (clear the learner data)'}).click()
    await course.getByRole('heading', {name: 'Why boundaries matter to everyone'}).waitFor()
    await page.locator('#cm-standard').selectOption('xapi')
    await expect.poll(() => page.locator('#cm-statements li .verb').allTextContents()).toEqual(['experienced', 'initialized'])
    await page.locator('#cm-standard').selectOption('scorm12')
    await expect.poll(() => page.locator('#cm-interactions tr').count()).toBe(0)
    expect(errors).toEqual([])
  })

  test('a course with errors from the start: the overlay shows them, the frame explains', async () => {
    const dir = await tempDir()
    await runCli(['new', 'course'], {cwd: dir})
    const yaml = path.join(dir, 'course/course.yaml')
    await fs.writeFile(yaml, (await fs.readFile(yaml, 'utf8')).replace('version: 0.1.0', 'version: one'))
    const preview = await startPreview(dir, 'course')
    const state = (await (await fetch(preview.url + '__coursemark/state')).json()) as {ok: boolean; diagnostics: Array<{file: string; line: number; rule: string; severity: string}>}
    expect(state.ok).toBe(false)
    expect(state.diagnostics.some((d) => d.file === 'course.yaml' && d.severity === 'error')).toBe(true)
    expect(await (await fetch(preview.url + 'course/index.html')).text()).toContain('The course has errors')
    expect((await fetch(preview.url + 'course/../course.yaml')).status).toBe(404)
  })
  test('--lang plays a translation (translations/<lang>/), with its own errors in the overlay', async () => {
    const course = await copyToTemp('curricula/workpris-tso-collaboration')
    const cwd = path.dirname(course)
    // A picture with German labels, in place of the source's.
    const german = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>Karte</title></svg>\n'
    await fs.mkdir(path.join(course, 'translations/de/media'), {recursive: true})
    await fs.writeFile(path.join(course, 'translations/de/media/collaboration-map.svg'), german)
    const preview = await startPreview(cwd, 'workpris-tso-collaboration', ['--lang', 'de'])
    const index = await (await fetch(preview.url + 'course/index.html')).text()
    expect(index).toContain('<html lang="de"')
    expect(index).toContain('Arbeiten im Gefängnis: Kompetenzen und Zusammenarbeit')
    type State = {ok: boolean; title: string; diagnostics: Array<{file: string; line: number; rule: string; severity: string}>}
    const state = (await (await fetch(preview.url + '__coursemark/state')).json()) as State
    expect(state.ok).toBe(true)
    expect(state.title).toMatch(/^Arbeiten im Gefängnis/)
    // Media: the translation's own where it has one, else the source's.
    expect(await (await fetch(preview.url + 'course/media/collaboration-map.svg')).text()).toBe(german)
    expect(await (await fetch(preview.url + 'course/media/de-escalation-steps.svg')).text()).toBe(await fs.readFile(path.join(course, 'media/de-escalation-steps.svg'), 'utf8'))

    // A mistake in the German module: reported at its place in translations/de/.
    const module = path.join(course, 'translations/de/modules/01-context.md')
    const text = await fs.readFile(module, 'utf8')
    await fs.writeFile(module, text.replace('\n---\n', '\nextra: 1\n---\n'))
    await expect.poll(async () => ((await (await fetch(preview.url + '__coursemark/state')).json()) as State).diagnostics
      .filter((d) => d.severity === 'error').map((d) => d.file + ' ' + d.rule), {timeout: 15_000}).toContain('translations/de/modules/01-context.md unknown-field')
  })

  test('--lang with a language the course does not have: exit 2, naming the ones it has', async () => {
    const course = await copyToTemp('curricula/workpris-tso-collaboration')
    const result = await runCli(['preview', 'workpris-tso-collaboration', '--port', '0', '--lang', 'fr'], {cwd: path.dirname(course)})
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('The course has no translation `fr`: use --lang with `en`, `de`, `sl` or `cs`.')
  })
})
