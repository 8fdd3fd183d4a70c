// What the xAPI and cmi5 browser tests share: a package of the fixture course written into a
// temporary folder and served, the test LMS with its LRS (`lms.ts`), Chromium; opening a launch
// URL as a learner would; and everything an origin keeps in the browser.
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type {Course} from '@coursemark/model'
import type {Page} from 'playwright-core'
import {afterAll, beforeAll} from 'vitest'
import {launchChromium, type Browser} from '../../helpers/browser.js'
import {serveFolder, type Served} from '../../helpers/serve.js'
import {startLms, type Lms} from './lms.js'
import {writePackage} from './package.js'

/** A package served next to the test LMS, and a browser: set in `beforeAll`, read in tests. */
export interface LrsHarness {
  /** The unpacked package. */
  readonly folder: string
  readonly course: Course
  readonly lms: Lms
  /** The package, served on its own origin. */
  readonly served: Served
  readonly browser: Browser
}

/**
 * Set up a package of `target` with the test LMS and Chromium before the tests of the file
 * (and remove them after). The fields of the result are there once `beforeAll` has run.
 */
export function useLrsHarness(target: 'xapi' | 'cmi5', options?: {readonly au?: 'per-module' | 'single'}): LrsHarness {
  const harness: {-readonly [Key in keyof LrsHarness]?: LrsHarness[Key]} = {}
  beforeAll(async () => {
    harness.folder = await fs.mkdtemp(path.join(os.tmpdir(), 'coursemark-' + target + '-'))
    harness.course = await writePackage(harness.folder, target, options)
    ;[harness.lms, harness.served, harness.browser] = await Promise.all([startLms(), serveFolder(harness.folder), launchChromium()])
  }, 120_000)
  afterAll(async () => {
    await harness.browser?.close()
    await harness.served?.close()
    await harness.lms?.close()
    if (harness.folder) await fs.rm(harness.folder, {recursive: true, force: true})
  })
  return harness as LrsHarness
}

/**
 * Open a launch URL in a new page and wait for the player. Page errors and console errors are
 * collected, except the 404 Chromium logs when a first launch finds no progress document yet.
 */
export async function openLaunch(browser: Browser, url: string): Promise<{page: Page; errors: string[]}> {
  const page = await browser.context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource: .*404/.test(message.text())) errors.push(message.text())
  })
  await page.goto(url)
  await page.locator('.cm-page-title').waitFor()
  return {page, errors}
}

/** What the origin of the page keeps in the browser. */
export interface KeptInBrowser {
  readonly local: Readonly<Record<string, string | null>>
  readonly session: Readonly<Record<string, string | null>>
  readonly cookie: string
  /** Names of IndexedDB databases. */
  readonly databases: ReadonlyArray<string | undefined>
  /** Names of Cache Storage caches. */
  readonly caches: ReadonlyArray<string>
}

/** Everything the page's origin keeps: `localStorage`, `sessionStorage`, cookies, IndexedDB, Cache Storage. */
export function keptInBrowser(page: Page): Promise<KeptInBrowser> {
  return page.evaluate(async () => ({
    local: Object.fromEntries(Object.keys(localStorage).map((key) => [key, localStorage.getItem(key)])),
    session: Object.fromEntries(Object.keys(sessionStorage).map((key) => [key, sessionStorage.getItem(key)])),
    cookie: document.cookie,
    databases: (await indexedDB.databases()).map((database) => database.name),
    caches: await caches.keys()
  }))
}
