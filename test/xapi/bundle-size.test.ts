/** The runtime with the xAPI and cmi5 adapters stays within its budget: 40 KB of JS and CSS, gzipped. */

import fs from 'node:fs/promises'
import path from 'node:path'
import zlib from 'node:zlib'
import {expect, test} from 'vitest'
import {repoRoot} from '../helpers/cli.js'
import {buildRuntime} from '../runtime/package-fixture.js'

test('runtime JS + default theme CSS ≤ 40 KB gzipped', async () => {
  const js = await buildRuntime()
  const css = await fs.readFile(path.join(repoRoot, 'themes/default/coursemark.css'), 'utf8')
  const size = zlib.gzipSync(js, {level: 9}).length + zlib.gzipSync(css, {level: 9}).length
  expect(size).toBeLessThanOrEqual(40 * 1024)
}, 60_000)
