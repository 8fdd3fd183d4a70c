// Shared steps of the player tests: build an example course with a theme, serve it, and play
// every page of it (answering every question until its feedback is final).
import {readFileSync} from 'node:fs'
import fs from 'node:fs/promises'
import {createRequire} from 'node:module'
import path from 'node:path'
import type {Page} from 'playwright-core'
import {expect} from 'vitest'
import {repoRoot, runCli, tempDir} from '../helpers/cli.js'
import {serveFolder, type Served} from '../helpers/serve.js'

export const themes = ['default', 'high-contrast'] as const

export const examples = (await fs.readdir(path.join(repoRoot, 'examples'), {withFileTypes: true}))
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()

/** A built web package, served from its parent folder (so a request outside the package is seen too). */
export interface Built {
  /** URL of the package folder, ending in `/`. */
  readonly url: string
  /** The package folder on disk. */
  readonly folder: string
  readonly served: Served
}

/** Copy `examples/<name>` to a temp folder, set `theme:` in its course.yaml, build it for the web and serve it. */
export async function buildExample(name: string, theme: string, extra?: (course: string) => Promise<void>): Promise<Built> {
  const work = await tempDir()
  const course = path.join(work, name)
  await fs.cp(path.join(repoRoot, 'examples', name), course, {recursive: true})
  const yaml = path.join(course, 'course.yaml')
  await fs.writeFile(yaml, (await fs.readFile(yaml, 'utf8')).replace(/^theme:.*\n/m, '') + 'theme: ' + theme + '\n')
  if (extra) await extra(course)
  const out = path.join(work, 'out')
  const result = await runCli(['build', course, '--target', 'web', '--out', out], {cwd: work})
  expect(result.exitCode, result.stderr).toBe(0)
  const entry = (await fs.readdir(out)).find((file) => file.endsWith('-web'))!
  const served = await serveFolder(out)
  return {url: served.url + entry + '/', folder: path.join(out, entry), served}
}

/** Titles of the pages of the launched course, in order (read from the course the page loaded). */
export async function pageTitles(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const course = (window as unknown as {coursemarkCourse: {modules: Array<{pages: Array<{title: string}>}>}}).coursemarkCourse
    return course.modules.flatMap((module) => module.pages.map((entry) => entry.title))
  })
}

/**
 * Answer every question on the page (the first option, the first choices, some text) and check
 * it until the answer is final, so feedback and the right answers show; walk every scenario to an
 * ending; write in every reflection.
 */
export async function answerEverything(page: Page): Promise<void> {
  const questions = page.locator('.cm-question')
  for (let index = 0; index < (await questions.count()); index++) {
    const question = questions.nth(index)
    const type = await question.getAttribute('data-type')
    const check = question.locator('.cm-check')
    for (let attempt = 0; attempt < 5 && (await check.getAttribute('aria-disabled')) !== 'true'; attempt++) {
      if (type === 'single' || type === 'true-false') await question.locator('input[type=radio]').first().check()
      if (type === 'multiple') await question.locator('input[type=checkbox]').first().check()
      if (type === 'match') {
        for (const select of await question.locator('select').all()) await select.selectOption({index: 1})
      }
      if (type === 'text') await question.locator('input[type=text]').fill('not the answer')
      if (type === 'numeric') await question.locator('input[type=text]').fill('1')
      await check.click()
    }
    await expect.poll(() => question.locator('.cm-feedback').textContent()).not.toBe('')
  }
  for (const scenario of await page.locator('.cm-scenario').all()) {
    for (let step = 0; step < 10 && (await scenario.locator('.cm-choice').count()) > 0; step++) await scenario.locator('.cm-choice').first().click()
  }
  for (const field of await page.locator('.cm-reflection-text').all()) {
    await field.fill('My notes.')
    await field.blur()
  }
}

/** Collect script errors and console errors (CSP violations show up there). */
export function watchErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  return errors
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/**
 * Run axe-core (WCAG 2.0 and 2.1, A and AA) in the page (injected through the debugger, so the
 * page's CSP stays in force) and list the violations, each line starting with `where`.
 */
export async function axeViolations(page: Page, where: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource)
  const found = await page.evaluate(async (runOnly) => {
    const result = await (window as any).axe.run(document, {runOnly: {type: 'tag', values: runOnly}, resultTypes: ['violations']})
    return (result.violations as any[]).flatMap((violation) => violation.nodes.map((node: any) =>
      violation.id + ' ' + node.target.join(' ') + ': ' + (node.failureSummary ?? '').replace(/\s+/g, ' ')))
  }, axeTags)
  return found.map((line: string) => where + ': ' + line)
}
