// Regenerate the player screenshots in docs/images/: a content page, a quiz with feedback, the
// results and the menu, at a phone, a tablet and a desktop size, in every theme under themes/.
// Needs a build (`pnpm build`) and Debian's Chromium (`CHROMIUM_PATH` to use another one). When
// `pngquant` is installed (`apt-get install pngquant`), the PNGs are quantized to about a third of
// their size. `THEMES=high-contrast` regenerates one theme only.
//
//   node scripts/screenshots.mjs
import {execFileSync, spawnSync} from 'node:child_process'
import fs from 'node:fs/promises'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {chromium} from 'playwright-core'

const root = fileURLToPath(new URL('..', import.meta.url))
const out = path.join(root, 'docs', 'images')
const themes = process.env.THEMES ? process.env.THEMES.split(',') : ['default', 'high-contrast']
const viewports = [
  {name: 'phone', width: 360, height: 740},
  {name: 'tablet', width: 768, height: 1024},
  {name: 'desktop', width: 1366, height: 900}
]

/** Build `examples/<name>` for the web with `theme` set in its course.yaml; return the folder. */
async function buildExample(work, name, theme) {
  const course = path.join(work, theme, name)
  await fs.cp(path.join(root, 'examples', name), course, {recursive: true})
  const yaml = path.join(course, 'course.yaml')
  await fs.writeFile(yaml, (await fs.readFile(yaml, 'utf8')).replace(/^theme:.*\n/m, '') + 'theme: ' + theme + '\n')
  const target = path.join(work, theme, 'out')
  execFileSync(process.execPath, [path.join(root, 'packages/cli/bin.js'), 'build', course, '--target', 'web', '--out', target], {stdio: ['ignore', 'ignore', 'inherit']})
  const folder = (await fs.readdir(target)).find((entry) => entry.startsWith(name + '-') && entry.endsWith('-web'))
  return path.relative(work, path.join(target, folder)).split(path.sep).join('/')
}

/** Serve `base` on 127.0.0.1 (a free port). */
async function serve(base) {
  const types = {'.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.vtt': 'text/vtt', '.mp4': 'video/mp4', '.mp3': 'audio/mpeg'}
  const server = http.createServer(async (request, response) => {
    const file = path.join(base, decodeURIComponent(new URL(request.url, 'http://x').pathname))
    if (!file.startsWith(base)) return void response.writeHead(403).end()
    try {
      const body = await fs.readFile(file)
      response.writeHead(200, {'content-type': types[path.extname(file)] ?? 'application/octet-stream'}).end(body)
    } catch {
      response.writeHead(404).end()
    }
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {url: 'http://127.0.0.1:' + server.address().port + '/', close: () => new Promise((resolve) => server.close(resolve))}
}

/** Open a page by clicking its menu entry (the menu is opened and closed as needed). */
async function openPage(page, title) {
  const toggle = page.locator('.cm-menu-toggle')
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click()
  await page.locator('.cm-menu').getByRole('button', {name: title}).first().click()
  await page.locator('.cm-page-title', {hasText: title}).waitFor()
}

const pngquant = spawnSync('pngquant', ['--version']).status === 0

async function shoot(page, file) {
  await page.evaluate(() => document.activeElement?.blur?.())
  const target = path.join(out, file)
  await page.screenshot({path: target, animations: 'disabled', caret: 'hide'})
  if (pngquant) execFileSync('pngquant', ['--quality', '70-95', '--speed', '1', '--strip', '--force', '--output', target, target])
  console.log('docs/images/' + file)
}

/** Answer the graded quiz of all-question-types: some right, one wrong, so feedback of both kinds shows. */
async function answerQuiz(page) {
  await page.getByRole('radio', {name: 'Ask a colleague to post it for him.'}).check()
  await page.locator('#cm-q-letter .cm-check').click()
  for (const name of ['Your home address', 'Your private phone number', 'Your social media accounts']) await page.getByRole('checkbox', {name}).check()
  await page.locator('#cm-q-private-info .cm-check').click()
}

async function answerRest(page) {
  const pairs = [['Debts piling up', 'Debt counselling'], ['No job after release', 'Job counselling'], ['Conflict with family', 'Family mediation'], ['Nowhere to sleep', 'Housing advice']]
  for (const [source, target] of pairs) await page.getByRole('combobox', {name: source}).selectOption({label: target})
  await page.locator('#cm-q-services .cm-check').click()
  await page.locator('#cm-q-security-term input').fill('dynamic security')
  await page.locator('#cm-q-security-term .cm-check').click()
  await page.locator('#cm-q-notice-days input').fill('10')
  await page.locator('#cm-q-notice-days .cm-check').click()
}

const work = await fs.mkdtemp(path.join(os.tmpdir(), 'coursemark-screenshots-'))
const browser = await chromium.launch({executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none']})
try {
  await fs.mkdir(out, {recursive: true})
  for (const file of await fs.readdir(out)) if (themes.some((theme) => file.startsWith('player-' + theme + '-'))) await fs.rm(path.join(out, file))
  const built = {}
  for (const theme of themes) {
    built[theme] = {tour: await buildExample(work, 'directives-tour', theme), quiz: await buildExample(work, 'all-question-types', theme)}
  }
  const server = await serve(work)
  for (const theme of themes) {
    for (const viewport of viewports) {
      const context = await browser.newContext({viewport, deviceScaleFactor: 1, reducedMotion: 'reduce'})
      const page = await context.newPage()
      const name = (screen) => 'player-' + theme + '-' + screen + '-' + viewport.width + 'x' + viewport.height + '.png'

      await page.goto(server.url + built[theme].tour + '/index.html')
      await page.locator('.cm-page-title').waitFor()
      await page.locator('.cm-notices .cm-notice-dismiss').evaluateAll((buttons) => buttons.forEach((button) => button.click()))
      await page.locator('.cm-next').click()
      await page.locator('.cm-next').click()
      await page.locator('.cm-page-title', {hasText: 'A welcome from the project team'}).waitFor()
      await page.locator('.cm-previous').click()
      await page.locator('.cm-page-title', {hasText: 'Arriving at the gate'}).waitFor()
      await shoot(page, name('content'))
      if (viewport.name !== 'desktop') {
        await page.locator('.cm-menu-toggle').click()
        await shoot(page, name('menu'))
        await page.locator('.cm-menu-toggle').click()
      }

      await page.goto(server.url + built[theme].quiz + '/index.html')
      await openPage(page, 'Check your understanding')
      await answerQuiz(page)
      await page.locator('#cm-q-letter').evaluate((element) => element.scrollIntoView({block: 'start'}))
      await shoot(page, name('quiz'))
      await answerRest(page)
      await openPage(page, 'Practice: the basics')
      await page.locator('#cm-q-rules-apply input').nth(1).check()
      await page.locator('#cm-q-rules-apply .cm-check').click()
      await page.locator('#cm-q-gate-steps .cm-check').click()
      await page.locator('.cm-next').click()
      await page.locator('.cm-next').click()
      await page.locator('.cm-results').waitFor()
      await page.evaluate(() => window.scrollTo(0, 0))
      await shoot(page, name('results'))
      await context.close()
    }
  }
  await server.close()
} finally {
  await browser.close()
  await fs.rm(work, {recursive: true, force: true})
}
