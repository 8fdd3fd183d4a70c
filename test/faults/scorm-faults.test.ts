// The runtime under LMS faults, in Chromium with scorm-again as the LMS: refused and failing
// SetValue and Commit calls, an API that disappears or throws, a window closed mid-question.
// In every case, nothing the learner did is lost: it reaches the LMS once the LMS takes it,
// or it is restored from the browser at the next launch.
import fs from 'node:fs/promises'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {launchChromium, type Browser} from '../helpers/browser.js'
import type {Served} from '../helpers/serve.js'
import {fixtureCourse} from '../runtime/course-fixture.js'
import {buildRuntime} from '../runtime/package-fixture.js'
import {answer, calls, closeFrame, cmi, feedback, interactions, launch, launchPopup, notices, openHost, serveFaultLms, setFault, stored, title} from './fault-lms.js'

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

async function host(target: 'scorm12' | 'scorm2004') {
  const {url, served, folder} = await serveFaultLms(fixtureCourse(), target, bundle)
  servers.push(served)
  folders.push(folder)
  return openHost(browser.context, url)
}

/** Keys in the `localStorage` of the package's origin (the host's) that hold progress the LMS has not confirmed. */
async function backups(page: import('playwright-core').Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('coursemark-unconfirmed:')))
}

describe('SetValue refused or failing', () => {
  test('SCORM 1.2: SetValue answers false (error 101): one notice, the values wait, and all reach the LMS when it heals', async () => {
    const {page, errors} = await host('scorm12')
    const frame = await launch(page, 'scorm12')
    await frame.getByRole('button', {name: 'Next'}).click()

    await setFault(page, {set: 'false', code: '101'})
    await answer(frame, 'keys', 'radio', 'Anyone')
    await answer(frame, 'keys', 'radio', 'Trained staff')
    expect(await feedback(frame, 'keys')).toContain('Correct.')
    // The learner is told once (not once per element), as an alert, with the LMS's error.
    const shown = await notices(frame)
    expect(shown).toHaveLength(1)
    expect(shown[0]?.[0]).toBe('notice.lmsError')
    expect(shown[0]?.[1]).toContain('error 101')
    expect(await frame.locator('.cm-notice').getAttribute('role')).toBe('alert')
    // Nothing of it reached the LMS, and every refused call was retried.
    expect(interactions(await stored(page))).toEqual([])
    expect((await calls(page)).filter(([name]) => name === 'fault').length).toBeGreaterThan(4)

    await setFault(page, {})
    await answer(frame, 'searched', 'radio', 'True')
    // The LMS took everything again: the notice goes away.
    await expect.poll(() => notices(frame)).toEqual([])
    await closeFrame(page, 'LMSFinish')
    const data = await stored(page)
    expect(interactions(data)).toEqual([['keys', 'wrong'], ['keys', 'correct'], ['searched', 'correct']])
    expect(data.core).toMatchObject({lesson_location: 'rules.check', lesson_status: 'incomplete', exit: 'suspend'})
    expect(data.core.session_time).not.toBe('00:00:00')
    expect(Object.values(data.objectives).map((objective: any) => objective.id)).toEqual(['LO1', 'LO2'])

    const again = await launch(page, 'scorm12', {...data, core: {...data.core, entry: 'resume'}})
    expect(await title(again)).toBe('Check the rules')
    expect(await again.getByRole('radio', {name: 'Trained staff'}).isChecked()).toBe(true)
    expect(await again.locator('#cm-q-searched input[type=radio]').first().isChecked()).toBe(true)
    expect(await notices(again)).toEqual([['notice.resumed', 'Welcome back. You continue where you left off: Check the rules.']])
    expect(errors).toEqual([])
    await page.close()
  })

  test('SCORM 2004: SetValue throws (the LMS connection fails) mid-session, then works again: everything is stored', async () => {
    const {page, errors} = await host('scorm2004')
    const frame = await launch(page, 'scorm2004')
    await frame.getByRole('button', {name: 'Next'}).click()
    await answer(frame, 'keys', 'radio', 'Trained staff')

    await setFault(page, {set: 'throw'})
    await answer(frame, 'items', 'checkbox', 'Mobile phones')
    await frame.getByRole('button', {name: 'Next'}).click()
    expect(await title(frame)).toBe('More rules')
    expect((await notices(frame)).map(([key]) => key)).toEqual(['notice.lmsError'])
    expect(interactions(await cmi(page))).toEqual([['keys', 'correct']])

    await setFault(page, {})
    // Going back a page is a change like any other: what waited is written and committed with it.
    await frame.getByRole('button', {name: 'Check the rules'}).click()
    await expect.poll(() => notices(frame)).toEqual([])
    const data = await stored(page)
    expect(interactions(data)).toEqual([['keys', 'correct'], ['items', 'incorrect']])
    expect(data.location).toBe('rules.check')
    expect(data.suspend_data).toMatch(/^c1\./)
    await closeFrame(page, 'Terminate')

    const again = await launch(page, 'scorm2004', {...(await stored(page)), entry: 'resume'})
    expect(await again.getByRole('checkbox', {name: 'Mobile phones'}).isChecked()).toBe(true)
    expect(await feedback(again, 'items')).toContain('Tries left: 1.')
    expect(errors).toEqual([])
    await page.close()
  })

  test('SCORM 2004: a value the LMS refuses for good (406) is reported once and does not hold back the rest', async () => {
    const {page} = await host('scorm2004')
    const frame = await launch(page, 'scorm2004')
    await setFault(page, {set: 'false', code: '406', match: '^cmi\\.progress_measure$'})
    await frame.getByRole('button', {name: 'Next'}).click()
    await answer(frame, 'keys', 'radio', 'Trained staff')
    await frame.getByRole('button', {name: 'Next'}).click()
    const shown = await notices(frame)
    expect(shown).toHaveLength(1)
    expect(shown[0]?.[1]).toContain('406')
    expect(shown[0]?.[1]).toContain('cmi.progress_measure')
    const data = await stored(page)
    expect(interactions(data)).toEqual([['keys', 'correct']])
    expect(data.location).toBe('rules.more')
    expect(await backups(page)).toEqual([])
    await page.close()
  })
})

describe('Commit failing', () => {
  test('SCORM 2004: Commit answers false (391): the state is kept in the browser until a commit succeeds, then everything is stored', async () => {
    const {page, errors} = await host('scorm2004')
    const frame = await launch(page, 'scorm2004')
    const before = await stored(page)
    expect(before.completion_status).toBe('incomplete')

    await setFault(page, {commit: 'false', code: '391'})
    await frame.getByRole('button', {name: 'Next'}).click()
    await answer(frame, 'keys', 'radio', 'Trained staff')
    await frame.getByRole('checkbox', {name: 'Mobile phones'}).check()
    await answer(frame, 'items', 'checkbox', 'Lighters')
    await answer(frame, 'searched', 'radio', 'True')
    const shown = await notices(frame)
    expect(shown.map(([key]) => key)).toEqual(['notice.lmsError'])
    expect(shown[0]?.[1]).toContain('error 391')
    // The LMS has persisted nothing since the fault, but the browser keeps it.
    expect(interactions(await stored(page))).toEqual([])
    expect((await stored(page)).location).toBe('rules.welcome')
    expect(await backups(page)).toHaveLength(1)

    await setFault(page, {})
    await frame.getByRole('button', {name: 'Next'}).click()
    const healed = await stored(page)
    expect(interactions(healed)).toEqual([['keys', 'correct'], ['items', 'correct'], ['searched', 'correct']])
    expect(healed.location).toBe('rules.more')
    expect(await backups(page)).toEqual([])
    // A commit the LMS confirmed: the notice goes away.
    await expect.poll(() => notices(frame)).toEqual([])

    await closeFrame(page, 'Terminate')
    const data = await stored(page)
    expect(data).toMatchObject({completion_status: 'incomplete', success_status: 'unknown', exit: 'suspend', location: 'rules.more'})
    expect(data.session_time).toMatch(/^PT/)
    expect(data.score).toMatchObject({raw: '30', min: '0', max: '100', scaled: '0.3'})
    expect(Object.values(data.objectives).map((objective: any) => [objective.id, objective.completion_status])).toEqual([['LO1', 'incomplete'], ['LO2', 'not attempted']])
    expect(errors).toEqual([])
    await page.close()
  })

  test('SCORM 1.2: Commit fails while the learner works and the LMS is back when they leave: the finish stores everything', async () => {
    const {page, errors} = await host('scorm12')
    const frame = await launch(page, 'scorm12')
    await setFault(page, {commit: 'false', code: '101'})
    await frame.getByRole('button', {name: 'Next'}).click()
    await answer(frame, 'keys', 'radio', 'Anyone')
    await frame.getByRole('button', {name: 'Next'}).click()
    expect(interactions(await stored(page))).toEqual([])
    await setFault(page, {})
    await closeFrame(page, 'LMSFinish')
    const data = await stored(page)
    expect(interactions(data)).toEqual([['keys', 'wrong']])
    expect(data.core).toMatchObject({lesson_location: 'rules.more', exit: 'suspend'})
    expect(errors).toEqual([])
    await page.close()
  })
})

describe('the API disappearing mid-session', () => {
  test('SCORM 1.2: the host deletes window.API: the runtime keeps the API it found and stores everything', async () => {
    const {page, errors} = await host('scorm12')
    const frame = await launch(page, 'scorm12')
    await frame.getByRole('button', {name: 'Next'}).click()
    await page.evaluate(() => (window as any).lms.removeApi())
    expect(await page.evaluate(() => 'API' in window)).toBe(false)
    await answer(frame, 'keys', 'radio', 'Trained staff')
    await closeFrame(page, 'LMSFinish')
    expect(interactions(await stored(page))).toEqual([['keys', 'correct']])
    expect(await notices(frame)).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  })

  test('SCORM 1.2: every API call throws from mid-session on: a notice, the learner goes on, and the next launch restores all of it and sends it to the LMS', async () => {
    const {page, errors} = await host('scorm12')
    const frame = await launch(page, 'scorm12')
    await frame.getByRole('button', {name: 'Next'}).click()
    await answer(frame, 'keys', 'radio', 'Anyone')

    await setFault(page, {all: 'throw'})
    await answer(frame, 'keys', 'radio', 'Trained staff')
    await answer(frame, 'searched', 'radio', 'True')
    await frame.getByRole('button', {name: 'Next'}).click()
    await frame.getByRole('button', {name: 'Next'}).click()
    expect(await title(frame)).toBe('Words and numbers')
    await frame.locator('textarea').fill('Listen first.')
    await frame.locator('textarea').press('Tab')
    expect((await notices(frame)).map(([key]) => key)).toEqual(['notice.lmsError'])
    await closeFrame(page, 'LMSFinish')

    // The LMS kept only what it had before the outage.
    const lost = await stored(page)
    expect(interactions(lost)).toEqual([['keys', 'wrong']])
    expect(lost.core.lesson_location).toBe('rules.check')

    // Next launch, the LMS is back with what it had: the browser's copy continues it.
    await setFault(page, {})
    const again = await launch(page, 'scorm12', {...lost, core: {...lost.core, entry: 'resume'}})
    expect(await title(again)).toBe('Words and numbers')
    expect(await again.locator('textarea').inputValue()).toBe('Listen first.')
    await again.getByRole('button', {name: 'Check the rules'}).click()
    expect(await again.getByRole('radio', {name: 'Trained staff'}).isChecked()).toBe(true)
    expect(await feedback(again, 'searched')).toContain('Correct.')
    await closeFrame(page, 'LMSFinish')
    const data = await stored(page)
    expect(interactions(data)).toEqual([['keys', 'wrong'], ['keys', 'correct'], ['searched', 'correct']])
    expect(data.core.lesson_location).toBe('rules.check')
    expect(errors).toEqual([])
    await page.close()
  })

  test('SCORM 2004: a browser copy never overrides newer progress the LMS got from elsewhere', async () => {
    const {page} = await host('scorm2004')
    const frame = await launch(page, 'scorm2004')
    await frame.getByRole('button', {name: 'Next'}).click()
    await setFault(page, {commit: 'false', finish: 'false', code: '391'})
    await answer(frame, 'keys', 'radio', 'Anyone')
    await closeFrame(page, 'Terminate')
    const before = await stored(page)
    expect(interactions(before)).toEqual([])
    expect(await backups(page)).toHaveLength(1)
    await setFault(page, {})

    // The learner goes on on another computer (this browser's copy is not there).
    const copy = await page.evaluate(() => {
      const entries = Object.keys(localStorage).filter((key) => key.startsWith('coursemark-unconfirmed:')).map((key) => [key, localStorage.getItem(key)!])
      for (const [key] of entries) localStorage.removeItem(key!)
      return entries
    })
    const elsewhere = await launch(page, 'scorm2004', {...before, entry: 'resume'})
    expect(await title(elsewhere)).toBe('Check the rules')
    await answer(elsewhere, 'keys', 'radio', 'Trained staff')
    await elsewhere.getByRole('button', {name: 'Next'}).click()
    await closeFrame(page, 'Terminate')
    const newer = await stored(page)
    expect(newer.location).toBe('rules.more')
    await page.evaluate((entries) => {
      for (const [key, value] of entries) localStorage.setItem(key!, value!)
    }, copy)

    // Back on the first computer: the LMS's newer progress wins, the stale copy is dropped.
    const again = await launch(page, 'scorm2004', {...newer, entry: 'resume'})
    expect(await title(again)).toBe('More rules')
    expect(await backups(page)).toEqual([])
    await again.getByRole('button', {name: 'Check the rules'}).click()
    expect(await again.getByRole('radio', {name: 'Trained staff'}).isChecked()).toBe(true)
    expect(await again.getByRole('radio', {name: 'Anyone'}).isChecked()).toBe(false)
    await page.close()
  })
})

describe('the window closed mid-question', () => {
  test('SCORM 1.2 in a window of its own: closing it finishes with suspend and the bookmark; a relaunch restores everything', async () => {
    const {page, errors} = await host('scorm12')
    const course = await launchPopup(page, 'scorm12')
    await course.getByRole('button', {name: 'Next'}).click()
    await answer(course, 'keys', 'radio', 'Trained staff')
    await course.getByRole('button', {name: 'Words and numbers'}).click()
    await course.getByRole('textbox', {name: 'Name the procedure for letters.'}).fill('mail procedure')
    await course.locator('#cm-q-procedure .cm-check').click()
    // Typing, not yet left the field, when the window closes.
    await course.locator('textarea').fill('I would explain it twice.')
    await course.close({runBeforeUnload: true})
    await page.waitForFunction(() => (window as any).lms.calls.some((call: string[]) => call[0] === 'LMSFinish'))

    const data = await stored(page)
    expect(data.core).toMatchObject({lesson_location: 'requests.numbers', exit: 'suspend', lesson_status: 'incomplete'})
    expect(data.core.session_time).not.toBe('00:00:00')
    expect(interactions(data)).toEqual([['keys', 'correct'], ['procedure', 'correct']])
    const sequence = (await calls(page)).map(([name]) => name).filter((name) => name === 'LMSCommit' || name === 'LMSFinish')
    expect(sequence.slice(-2)).toEqual(['LMSCommit', 'LMSFinish'])

    const again = await launchPopup(page, 'scorm12', {...data, core: {...data.core, entry: 'resume'}})
    expect(await title(again)).toBe('Words and numbers')
    expect(await again.locator('textarea').inputValue()).toBe('I would explain it twice.')
    expect(await again.getByRole('textbox', {name: 'Name the procedure for letters.'}).inputValue()).toBe('mail procedure')
    await again.getByRole('button', {name: 'Check the rules'}).click()
    expect(await again.getByRole('radio', {name: 'Trained staff'}).isChecked()).toBe(true)
    await again.close({runBeforeUnload: true})
    expect(errors).toEqual([])
    await page.close()
  })

  test('SCORM 2004 in a frame the LMS removes: the session is suspended at the bookmark and resumes there', async () => {
    const {page, errors} = await host('scorm2004')
    const frame = await launch(page, 'scorm2004')
    await frame.getByRole('button', {name: 'Next'}).click()
    await frame.getByRole('button', {name: 'Next'}).click()
    await frame.getByRole('combobox', {name: 'Gate'}).selectOption({label: 'Entry and exit'})
    await page.evaluate(() => (window as any).lms.removeFrame())
    await page.waitForFunction(() => (window as any).lms.calls.some((call: string[]) => call[0] === 'Terminate'))
    const data = await stored(page)
    expect(data).toMatchObject({location: 'rules.more', exit: 'suspend', completion_status: 'incomplete'})
    expect(data.session_time).toMatch(/^PT/)
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<iframe id="sco" title="Course" width="1200" height="880"></iframe>'))
    const again = await launch(page, 'scorm2004', {...data, entry: 'resume'})
    expect(await title(again)).toBe('More rules')
    expect(errors).toEqual([])
    await page.close()
  })
})
