// The standalone runtime (web packages, and SCORM packages opened without an LMS) when the
// browser's storage is full: the learner is told, the session goes on, and progress is stored
// again as soon as there is room.
import type {Frame, Page} from 'playwright-core'
import fs from 'node:fs/promises'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {launchChromium, type Browser} from '../helpers/browser.js'
import type {Served} from '../helpers/serve.js'
import {fixtureCourse} from '../runtime/course-fixture.js'
import {buildRuntime} from '../runtime/package-fixture.js'
import {answer, feedback, launch, notices, openHost, serveFaultLms, title} from './fault-lms.js'

let browser: Browser
let bundle: string
const servers: Served[] = []
const folders: string[] = []

beforeAll(async () => {
  bundle = await buildRuntime()
  browser = await launchChromium()
}, 60_000)

afterAll(async () => {
  await browser?.close()
  for (const server of servers) await server.close()
  for (const folder of folders) await fs.rm(folder, {recursive: true, force: true})
})

const key = 'coursemark:https://example.org/courses/runtime-fixture@1.0.0'

function packageFrame(page: Page): Frame {
  const frame = page.frames().find((candidate) => candidate.url().includes('/package/'))
  if (!frame) throw new Error('No package frame')
  return frame
}

/** Make `localStorage.setItem` throw as a full store does (Chromium: a `QuotaExceededError` DOMException). */
async function fillStorage(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    const original = Storage.prototype.setItem
    ;(window as any).__setItem = original
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    }
  })
}

async function freeStorage(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    Storage.prototype.setItem = (window as any).__setItem
  })
}

async function saved(page: Page): Promise<{location: string; suspendData: string} | undefined> {
  const text = await page.evaluate((name) => localStorage.getItem(name), key)
  return text ? JSON.parse(text) : undefined
}

describe('localStorage quota exceeded in standalone mode', () => {
  test('mid-session: a notice, the session goes on, and everything is stored once there is room again', async () => {
    const {url, served, folder} = await serveFaultLms(fixtureCourse(), 'web', bundle)
    servers.push(served)
    folders.push(folder)
    const {page, errors} = await openHost(browser.context, url)
    await page.evaluate(() => localStorage.clear())
    const frame = await launch(page, '')
    await frame.getByRole('button', {name: 'Next'}).click()
    await answer(frame, 'keys', 'radio', 'Trained staff')
    const before = await saved(page)
    expect(before?.location).toBe('rules.check')

    await fillStorage(packageFrame(page))
    await answer(frame, 'items', 'checkbox', 'Mobile phones')
    const shown = await notices(frame)
    expect(shown).toEqual([['notice.noStorage', 'Your progress cannot be saved in this browser. It will be lost when you close this page.']])
    expect(await frame.locator('.cm-notice').getAttribute('role')).toBe('alert')
    // The session goes on: answers are checked, pages change; the notice is not repeated.
    await answer(frame, 'searched', 'radio', 'True')
    expect(await feedback(frame, 'searched')).toContain('Correct.')
    await frame.getByRole('button', {name: 'Next'}).click()
    expect(await title(frame)).toBe('More rules')
    expect(await notices(frame)).toHaveLength(1)
    expect(await saved(page)).toEqual(before)

    // Room again (the learner cleared some space): the next change stores everything, and the
    // notice goes away.
    await freeStorage(packageFrame(page))
    await frame.getByRole('combobox', {name: 'Gate'}).selectOption({label: 'Entry and exit'})
    await frame.getByRole('button', {name: 'Next'}).click()
    expect((await saved(page))?.location).toBe('requests.numbers')
    await expect.poll(() => notices(frame)).toEqual([])

    await page.evaluate(() => (window as any).lms.close())
    const again = await launch(page, '')
    expect(await title(again)).toBe('Words and numbers')
    await again.getByRole('button', {name: 'Check the rules'}).click()
    expect(await again.getByRole('radio', {name: 'Trained staff'}).isChecked()).toBe(true)
    expect(await again.getByRole('checkbox', {name: 'Mobile phones'}).isChecked()).toBe(true)
    expect(await feedback(again, 'searched')).toContain('Correct.')
    expect(errors).toEqual([])
    await page.close()
  })

  test('full from the start: the learner is told at once and can still work through the course', async () => {
    const {url, served, folder} = await serveFaultLms(fixtureCourse(), 'web', bundle)
    servers.push(served)
    folders.push(folder)
    const page = await browser.context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.addInitScript(() => {
      if (!location.pathname.includes('/package/')) return
      Storage.prototype.setItem = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
      }
    })
    await page.goto(url)
    const frame = await launch(page, '')
    expect((await notices(frame)).map(([name]) => name)).toEqual(['notice.noStorage'])
    await frame.getByRole('button', {name: 'Next'}).click()
    await answer(frame, 'keys', 'radio', 'Trained staff')
    expect(await feedback(frame, 'keys')).toContain('Correct.')
    await frame.getByRole('button', {name: 'Next'}).click()
    expect(await title(frame)).toBe('More rules')
    expect(errors).toEqual([])
    await page.close()
  })

  test('a SCORM package without an LMS and with full storage says both, and plays', async () => {
    const {url, served, folder} = await serveFaultLms(fixtureCourse(), 'scorm12', bundle)
    servers.push(served)
    folders.push(folder)
    const {page, errors} = await openHost(browser.context, url)
    const frame = await launch(page, '')
    await fillStorage(packageFrame(page))
    await frame.getByRole('button', {name: 'Next'}).click()
    await answer(frame, 'keys', 'radio', 'Anyone')
    expect((await notices(frame)).map(([name]) => name)).toEqual(['notice.standalone', 'notice.noStorage'])
    expect(await feedback(frame, 'keys')).toContain('Tries left: 1.')
    expect(errors).toEqual([])
    await page.close()
  })
})
