// Regenerate docs/images/report.png: the report of a curriculum, rendered by headless Chromium.
// Usage: pnpm build && node scripts/screenshots-report.mjs [courseDir] [out.png]
// Needs Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH) and playwright-core (a dev dependency);
// uses pngquant, when installed, to keep the PNG small.
import {execFileSync, spawnSync} from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {chromium} from 'playwright-core'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const course = process.argv[2] ?? 'curricula/workpris-tso-collaboration'
const out = path.resolve(root, process.argv[3] ?? 'docs/images/report.png')
const temporary = await fs.mkdtemp(path.join(os.tmpdir(), 'coursemark-report-'))
try {
  const html = path.join(temporary, 'report.html')
  execFileSync(process.execPath, [path.join(root, 'packages/cli/bin.js'), 'report', course, '--out', html], {cwd: root, stdio: 'inherit'})
  const browser = await chromium.launch({executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu']})
  try {
    const page = await browser.newPage({viewport: {width: 1200, height: 1500}, deviceScaleFactor: 1})
    await page.goto(pathToFileURL(html).href)
    await fs.mkdir(path.dirname(out), {recursive: true})
    // The header and the alignment matrix: the part people look at first.
    const bottom = await page.evaluate(() => {
      const matrix = document.querySelector('#matrix')
      return matrix ? Math.ceil(matrix.getBoundingClientRect().bottom + window.scrollY + 16) : 1500
    })
    await page.screenshot({path: out, fullPage: true, clip: {x: 0, y: 0, width: 1200, height: Math.min(bottom, 1400)}})
  } finally {
    await browser.close()
  }
  // Keep the committed picture small: 256 colours are plenty for a page of text (pngquant, when installed).
  const quantized = spawnSync('pngquant', ['--force', '--skip-if-larger', '--quality', '60-90', '--speed', '1', '--output', out, out], {stdio: 'inherit'})
  if (quantized.error) console.log('pngquant not found: the PNG is left as Chromium wrote it (apt-get install pngquant makes it about a third of the size)')
  console.log('Wrote ' + path.relative(root, out) + ' (' + (await fs.stat(out)).size + ' bytes)')
} finally {
  await fs.rm(temporary, {recursive: true, force: true})
}
