import {test} from 'vitest'
import {launchChromium} from '../helpers/browser.js'
import {serveFolder} from '../helpers/serve.js'
test('real', async () => {
  const server = await serveFolder('/tmp/cmbuild')
  const browser = await launchChromium()
  for (const name of ['all-question-types-1.0.0-en-web', 'workpris-tso-collaboration-1.0.0-en-web']) {
    const page = await browser.context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text()) })
    await page.goto(server.url + name + '/index.html')
    await page.locator('.cm-page-title').waitFor()
    let n = 0
    while (await page.locator('.cm-next').count() && n < 60) {
      await page.screenshot({path: `/tmp/real-${name.slice(0, 8)}-${n}.png`, fullPage: true})
      await page.locator('.cm-next').click(); n++
    }
    await page.screenshot({path: `/tmp/real-${name.slice(0, 8)}-results.png`, fullPage: true})
    console.log(name, 'pages', n, 'errors', JSON.stringify(errors))
    await page.close()
  }
  await browser.close(); await server.close()
}, 120000)
