// First page interactive: load a built web folder in headless Chromium with the CPU throttled
// (Chrome DevTools `Emulation.setCPUThrottlingRate`, 4× = a slow shared PC or an old tablet),
// and time from navigation start until the player has shown and painted the first page, the
// runtime has run (its handlers are attached), DOMContentLoaded is done and the main thread is
// quiet (the end of the last long task, as Lighthouse's time to interactive).

import fs from 'node:fs'
import fsp from 'node:fs/promises'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const types = {'.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.json': 'application/json'}

async function serve(root) {
  const server = http.createServer(async (request, response) => {
    try {
      const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname)
      const file = path.resolve(root, '.' + pathname)
      if (!file.startsWith(root + path.sep)) return void response.writeHead(403).end()
      const body = await fsp.readFile(file)
      response.writeHead(200, {'content-type': types[path.extname(file)] ?? 'application/octet-stream', 'content-length': body.length, 'cache-control': 'no-store'})
      response.end(body)
    } catch {
      response.writeHead(404).end()
    }
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {url: 'http://127.0.0.1:' + server.address().port + '/', close: () => new Promise((resolve) => {
    server.closeAllConnections()
    server.close(resolve)
  })}
}

// Runs in the page before any of its scripts: note when the first page appears, when the
// runtime script has finished running, and every long task (> 50 ms) of the main thread.
const probe = `
(() => {
  const marks = (window.__coursemarkBench = {longTasks: []});
  new MutationObserver((records, observer) => {
    if (!marks.firstPage && document.querySelector('article.cm-page[data-page]')) {
      marks.firstPage = performance.now();
      observer.disconnect();
    }
  }).observe(document, {childList: true, subtree: true});
  document.addEventListener('load', (event) => {
    const target = event.target;
    if (target && target.tagName === 'SCRIPT' && /coursemark\\.js$/.test(target.src)) marks.runtimeDone = performance.now();
  }, true);
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) marks.longTasks.push([entry.startTime, entry.startTime + entry.duration]);
    }).observe({type: 'longtask', buffered: true});
  } catch {}
})();
`

/** Whether the browser measurement can run here. */
export async function browserAvailable() {
  if (!fs.existsSync(chromiumPath)) return false
  try {
    await import('playwright-core')
    return true
  } catch {
    return false
  }
}

/**
 * Measure `runs` cold loads of `folder/index.html` (a fresh page each time, no cache).
 * @returns {Promise<Array<{interactive: number, firstPage: number, runtimeDone: number, domContentLoaded: number, load: number, htmlBytes: number, courseBytes: number}>>}
 */
export async function firstPageInteractive(folder, {runs = 5, throttle = 4} = {}) {
  const {chromium} = await import('playwright-core')
  const profile = await fsp.mkdtemp(path.join(os.tmpdir(), 'coursemark-bench-chromium-'))
  const served = await serve(path.resolve(folder))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: {width: 1280, height: 900}
  })
  const htmlBytes = (await fsp.stat(path.join(folder, 'index.html'))).size
  // The course: its own script beside the page (0 when the layout embeds it in the page).
  const courseBytes = await fsp.stat(path.join(folder, 'course.js')).then((stat) => stat.size, () => 0)
  const results = []
  try {
    await context.addInitScript({content: probe})
    for (let run = 0; run < runs; run++) {
      const page = await context.newPage()
      const cdp = await context.newCDPSession(page)
      await cdp.send('Network.setCacheDisabled', {cacheDisabled: true})
      await cdp.send('Emulation.setCPUThrottlingRate', {rate: throttle})
      await page.goto(served.url + 'index.html?run=' + run, {waitUntil: 'load'})
      await page.waitForFunction(() => window.__coursemarkBench?.firstPage && window.__coursemarkBench?.runtimeDone, undefined, {timeout: 60_000})
      // Like Lighthouse's time to interactive: wait for a quiet main thread (no long task for
      // 1 s, at most 10 s), then take the end of the last long task.
      await page.waitForFunction(() => {
        const marks = window.__coursemarkBench
        const last = Math.max(marks.firstPage, ...marks.longTasks.map((task) => task[1]))
        return performance.now() - last > 1000 || performance.now() > 10_000
      }, undefined, {timeout: 60_000, polling: 100})
      const marks = await page.evaluate(() => {
        const navigation = performance.getEntriesByType('navigation')[0]
        const paint = performance.getEntriesByName('first-contentful-paint')[0]
        return {...window.__coursemarkBench, domContentLoaded: navigation.domContentLoadedEventEnd, load: navigation.loadEventEnd, firstContentfulPaint: paint?.startTime}
      })
      const lastLongTask = Math.max(0, ...marks.longTasks.map((task) => task[1]))
      results.push({
        interactive: Math.max(marks.firstPage, marks.runtimeDone, marks.domContentLoaded, marks.firstContentfulPaint ?? 0, lastLongTask),
        firstPage: marks.firstPage,
        runtimeDone: marks.runtimeDone,
        firstContentfulPaint: marks.firstContentfulPaint,
        domContentLoaded: marks.domContentLoaded,
        load: marks.load,
        longTasks: marks.longTasks.length,
        htmlBytes,
        courseBytes
      })
      await page.close()
    }
  } finally {
    await context.close()
    await served.close()
    await fsp.rm(profile, {recursive: true, force: true})
  }
  return results
}
