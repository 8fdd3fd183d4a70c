// Launch Debian's Chromium headless through playwright-core, with a fresh profile.
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {chromium, type BrowserContext} from 'playwright-core'

/** Where Debian installs Chromium (override with `CHROMIUM_PATH`). */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** A running browser. */
export interface Browser {
  readonly context: BrowserContext
  /** Close the browser and remove its profile. */
  close(): Promise<void>
}

/** Start headless Chromium with a fresh `--user-data-dir`. */
export async function launchChromium(): Promise<Browser> {
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'coursemark-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: {width: 1280, height: 900}
  })
  return {
    context,
    async close() {
      await context.close()
      await fs.rm(profile, {recursive: true, force: true})
    }
  }
}
