/**
 * LRS credentials never reach persistent browser storage. A Tin Can launch carries the LRS
 * `auth` in its URL; a cmi5 launch gets a session token from the LMS's one-time `fetch` URL.
 * With the LRS unreachable (so statements wait in the browser's durable outbox), neither the
 * credentials, the token, the fetch URL nor the LRS endpoint is found in `localStorage`,
 * cookies, IndexedDB or Cache Storage, during the session or after it; the cmi5 token, kept in
 * `sessionStorage` while the session runs (so a reload of the AU can go on), is gone from there
 * once the session has ended.
 */

import {randomUUID} from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type {Page} from 'playwright-core'
import {describe, expect, test} from 'vitest'
import {keptInBrowser, openLaunch, useLrsHarness, type KeptInBrowser} from './lib/harness.js'
import type {TestAgent} from './lib/lms.js'
import {playFirstPages} from './lib/play.js'

const actor: TestAgent = {objectType: 'Agent', account: {homePage: 'https://lms.example.org', name: 'learner-credentials'}}

/** An `Authorization` value and the parts of it that must not be kept either: `Basic <b64>`, `<b64>`, `user:password`, `password`. */
function secretsOf(authorization: string): string[] {
  const encoded = authorization.replace(/^Basic /, '')
  const decoded = Buffer.from(encoded, 'base64').toString('utf8')
  return [authorization, encoded, decoded, decoded.slice(decoded.indexOf(':') + 1)]
}

/** Statements waiting in the durable outboxes of `localStorage`. */
function waiting(kept: KeptInBrowser): number {
  return Object.entries(kept.local)
    .filter(([key]) => key.startsWith('coursemark:lrs:'))
    .reduce((sum, [, value]) => sum + (JSON.parse(value ?? '{}') as {statements?: unknown[]}).statements!.length, 0)
}

/** Nothing of `secrets` in what lasts beyond the tab (localStorage, cookies, IndexedDB, caches). */
function expectNothingPersistent(kept: KeptInBrowser, secrets: ReadonlyArray<string>, moment: string): void {
  const lasting = JSON.stringify({local: kept.local, cookie: kept.cookie, databases: kept.databases, caches: kept.caches})
  for (const secret of secrets) expect(lasting, moment + ': ' + secret).not.toContain(secret)
  expect(kept.cookie, moment).toBe('')
  expect(kept.databases, moment).toEqual([])
  expect(kept.caches, moment).toEqual([])
}

/** Leave the package (pagehide ends the session), then look at its origin's storage from a file of the package. */
async function leaveAndInspect(page: Page, lmsUrl: string, packageFile: string): Promise<KeptInBrowser> {
  await page.goto(lmsUrl + 'return')
  await page.goto(packageFile)
  return keptInBrowser(page)
}

describe('xAPI (Tin Can launch)', () => {
  const harness = useLrsHarness('xapi')

  test('the launch `auth` and the endpoint are never stored, even while statements wait for the LRS', async () => {
    const {lms, served, browser} = harness
    const registration = randomUUID()
    const launch = lms.tinCanLaunch(served.url + 'index.html', {actor, registration})
    const {page, errors} = await openLaunch(browser, launch)
    const secrets = [...secretsOf(lms.basicAuth), lms.endpoint]
    try {
      // The LRS goes away: what the learner does now waits in the browser.
      lms.faults.drop = true
      await playFirstPages(page)
      await expect.poll(async () => waiting(await keptInBrowser(page))).toBeGreaterThan(3)
      const during = await keptInBrowser(page)
      expectNothingPersistent(during, secrets, 'during the session')
      expect(JSON.stringify(during.session), 'sessionStorage during the session').not.toContain(secretsOf(lms.basicAuth)[1])

      const after = await leaveAndInspect(page, lms.url, served.url + 'tincan.xml')
      expect(waiting(after), 'statements still waiting after the session').toBeGreaterThan(3)
      expectNothingPersistent(after, secrets, 'after the session')
      for (const secret of secrets) expect(JSON.stringify(after.session), 'sessionStorage after the session: ' + secret).not.toContain(secret)
      expect(errors.filter((error) => !/net::ERR|Failed to load resource/.test(error))).toEqual([])
    } finally {
      lms.faults.drop = false
      await page.close()
    }
  })
})

describe('cmi5', () => {
  const harness = useLrsHarness('cmi5', {au: 'per-module'})

  test('the fetch token and fetch URL never reach localStorage, and leave sessionStorage when the session ends, even while statements wait for the LRS', async () => {
    const {lms, served, browser, folder} = harness
    const structure = await fs.readFile(path.join(folder, 'cmi5.xml'), 'utf8')
    const [, publisherId, url] = /<au id="([^"]+)"[^>]*>[\s\S]*?<url>([^<]+)<\/url>/.exec(structure)!
    const registration = randomUUID()
    const launch = await lms.cmi5Launch({auUrl: served.url + url!.replace(/&#x3D;/g, '='), publisherId: publisherId!, actor, registration, returnURL: lms.url + 'return'})
    const fetchUrl = new URL(launch.url).searchParams.get('fetch')!

    // Every credential the page sends to the LRS, as sent.
    const sent = new Set<string>()
    const context = browser.context
    const listen = (request: import('playwright-core').Request): void => {
      const authorization = request.headers()['authorization']
      if (authorization) sent.add(authorization)
    }
    context.on('request', listen)
    const {page, errors} = await openLaunch(browser, launch.url)
    try {
      expect(sent.size, 'the token the page got from the fetch URL').toBe(1)
      const [authorization] = [...sent]
      const secrets = [...secretsOf(authorization!), fetchUrl, lms.endpoint]

      lms.faults.drop = true
      await playFirstPages(page)
      await expect.poll(async () => waiting(await keptInBrowser(page))).toBeGreaterThan(3)
      const during = await keptInBrowser(page)
      expectNothingPersistent(during, secrets, 'during the session')

      const after = await leaveAndInspect(page, lms.url, served.url + 'cmi5.xml')
      expect(waiting(after), 'statements still waiting after the session').toBeGreaterThan(3)
      expectNothingPersistent(after, secrets, 'after the session')
      for (const secret of secrets) expect(JSON.stringify(after.session), 'sessionStorage after the session: ' + secret).not.toContain(secret)
      // The page still knows the session ended (a reload must not start it again), and nothing more.
      expect(Object.values(after.session)).toEqual([JSON.stringify({terminated: true})])
      expect(errors.filter((error) => !/net::ERR|Failed to load resource/.test(error))).toEqual([])
    } finally {
      context.off('request', listen)
      lms.faults.drop = false
      await page.close()
    }
  })
})
