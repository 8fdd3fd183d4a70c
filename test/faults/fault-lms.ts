// An LMS host page that misbehaves on demand: scorm-again is the API, wrapped in a proxy that can
// make SetValue, Commit or Finish answer `false` with an error code, or throw, and that keeps
// what the LMS would have persisted (`lms.stored`: the data model at the last successful commit).
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type {Course} from '@coursemark/model'
import type {BrowserContext, FrameLocator, Page} from 'playwright-core'
import {expect} from 'vitest'
import {serveFolder, type Served} from '../helpers/serve.js'
import {writeFixture} from '../runtime/package-fixture.js'

/** What the host's API does wrong: per kind of call, `false` (with `code`) or `throw`; `null` behaves. */
export interface Fault {
  set?: 'false' | 'throw' | null
  commit?: 'false' | 'throw' | null
  finish?: 'false' | 'throw' | null
  /** Every call, initialize and reads included. */
  all?: 'throw' | null
  /** The error code `GetLastError` answers after a failed call (default `101`). */
  code?: string
  /** Only SetValue calls whose element matches this regular expression fail. */
  match?: string | null
}

const hostScript = `
window.lms = {
  calls: [],
  api: undefined,
  stored: undefined,
  fault: {},
  popup: null,
  launch: function (standard, data, popup) {
    var self = this
    var twelve = standard === 'scorm12'
    var api = twelve ? new Scorm12API({logLevel: 5}) : new Scorm2004API({logLevel: 5})
    // Every LMS gives the learner's id (a mandatory element); the stored data model keeps it.
    api.loadFromJSON(data || (twelve ? {core: {student_id: 'learner-1', student_name: 'One, Learner'}} : {learner_id: 'learner-1', learner_name: 'One, Learner'}), '')
    var calls = []
    var lastError = null
    this.calls = calls
    this.api = api
    this.stored = undefined
    var proxy = new Proxy(api, {
      get: function (target, name) {
        var value = target[name]
        if (typeof value !== 'function') return value
        return function () {
          var args = Array.prototype.slice.call(arguments)
          calls.push([name].concat(args.map(String)))
          var kind = /SetValue$/.test(name) ? 'set' : /Commit$/.test(name) ? 'commit' : /^(LMSFinish|Terminate)$/.test(name) ? 'finish' : /GetLastError$/.test(name) ? 'error' : 'other'
          var fault = self.fault
          if (fault.all === 'throw') {
            calls.push(['fault', name, 'throw'])
            throw new Error('The LMS is not there any more')
          }
          if (kind === 'error' && lastError !== null) return lastError
          var how = fault[kind]
          if (how && (kind !== 'set' || !fault.match || new RegExp(fault.match).test(args[0]))) {
            calls.push(['fault', name, how])
            if (how === 'throw') throw new Error('The LMS connection failed')
            lastError = fault.code || '101'
            return 'false'
          }
          if (kind !== 'error' && kind !== 'other') lastError = null
          var result = value.apply(target, args)
          if ((kind === 'commit' || kind === 'finish') && String(result) === 'true') self.stored = JSON.parse(JSON.stringify(target.cmi))
          return result
        }
      }
    })
    delete window.API
    delete window.API_1484_11
    if (standard) window[twelve ? 'API' : 'API_1484_11'] = proxy
    if (popup) {
      document.getElementById('sco').src = 'about:blank'
      this.popup = window.open('package/index.html', 'course')
    } else {
      document.getElementById('sco').src = 'package/index.html'
    }
  },
  removeApi: function () {
    delete window.API
    delete window.API_1484_11
  },
  close: function () {
    document.getElementById('sco').src = 'about:blank'
  },
  removeFrame: function () {
    var frame = document.getElementById('sco')
    frame.parentNode.removeChild(frame)
  },
  cmi: function () {
    return JSON.parse(JSON.stringify(this.api.cmi))
  }
}
`

/** Write the host page and the package (built bundle) into a fresh folder and serve it. */
export async function serveFaultLms(course: Course, target: string, bundle: string): Promise<{url: string; served: Served; folder: string}> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'coursemark-faults-'))
  await writeFixture(folder, {course, target, bundle})
  await fs.writeFile(path.join(folder, 'host.js'), hostScript)
  const served = await serveFolder(folder)
  return {url: served.url + 'host.html', served, folder}
}

/** Open the host page; page errors and console errors are collected. */
export async function openHost(context: BrowserContext, url: string): Promise<{page: Page; errors: string[]}> {
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  await page.goto(url)
  return {page, errors}
}

/** Launch the package in the host's frame (`standard` empty: no API). */
export async function launch(page: Page, standard: string, data?: unknown): Promise<FrameLocator> {
  await page.evaluate(([kind, json]) => (window as any).lms.launch(kind, json, false), [standard, data] as const)
  const frame = page.frameLocator('#sco')
  await frame.locator('.cm-page-title').waitFor()
  return frame
}

/** Launch the package in a window of its own (the API is found through `window.opener`). */
export async function launchPopup(page: Page, standard: string, data?: unknown): Promise<Page> {
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.evaluate(([kind, json]) => (window as any).lms.launch(kind, json, true), [standard, data] as const)
  ])
  await popup.locator('.cm-page-title').waitFor()
  return popup
}

/** Make the host's API misbehave (`{}` to heal it). */
export async function setFault(page: Page, fault: Fault): Promise<void> {
  await page.evaluate((value) => {
    (window as any).lms.fault = value
  }, fault)
}

export async function calls(page: Page): Promise<string[][]> {
  return page.evaluate(() => (window as any).lms.calls as string[][])
}

/** The data model the LMS holds in memory (what SetValue took). */
export async function cmi(page: Page): Promise<any> {
  return page.evaluate(() => (window as any).lms.cmi())
}

/** The data model as of the last successful commit or finish: what the LMS persisted. */
export async function stored(page: Page): Promise<any> {
  return page.evaluate(() => (window as any).lms.stored)
}

/** Unload the package (the LMS closes its frame) and wait for the finish call. */
export async function closeFrame(page: Page, finish: string): Promise<void> {
  await page.evaluate(() => (window as any).lms.close())
  await page.waitForFunction((name) => (window as any).lms.calls.some((call: string[]) => call[0] === name), finish)
}

/** The text of the page title in the package. */
export async function title(frame: FrameLocator | Page): Promise<string> {
  return (await frame.locator('.cm-page-title').textContent()) ?? ''
}

/** The feedback of a question. */
export async function feedback(frame: FrameLocator | Page, id: string): Promise<string> {
  return (await frame.locator('#cm-q-' + id + ' .cm-feedback').textContent()) ?? ''
}

/** Check an answer to a question: pick the radio or checkbox named `label`, press “Check answer”. */
export async function answer(frame: FrameLocator | Page, id: string, role: 'radio' | 'checkbox', label: string): Promise<void> {
  await frame.locator('#cm-q-' + id).getByRole(role, {name: label}).check()
  await frame.locator('#cm-q-' + id + ' .cm-check').click()
  await expect.poll(() => feedback(frame, id)).not.toBe('')
}

/** Interactions of a SCORM data model as `[id, result]` (1.2 and 2004). */
export function interactions(model: any): string[][] {
  return Object.values(model?.interactions ?? {}).map((interaction: any) => [interaction.id, interaction.result])
}

/** The notices shown to the learner, as `[key, text]`. */
export async function notices(frame: FrameLocator | Page): Promise<string[][]> {
  const items = frame.locator('.cm-notice')
  const count = await items.count()
  const found: string[][] = []
  for (let index = 0; index < count; index++) {
    found.push([(await items.nth(index).getAttribute('data-notice')) ?? '', (await items.nth(index).textContent()) ?? ''])
  }
  return found
}
