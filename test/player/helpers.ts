// Shared steps of the player tests: build an example course with a theme, serve it, and play
// every page of it (answering every question until its feedback is final).
import fs from 'node:fs/promises'
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

/** Titles of the pages of the launched course, in order (read from the embedded model). */
export async function pageTitles(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const course = JSON.parse(document.getElementById('coursemark-course')!.textContent!) as {modules: Array<{pages: Array<{title: string}>}>}
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
