// Content security: hostile course text (raw HTML, script URLs, markup in titles, alt text and
// directive attributes) is neutralised in the course model, escaped in every launch page and
// manifest, and runs nothing in Chromium; every page carries the Content-Security-Policy; the
// package asks for nothing but its own files; nothing passed at launch is kept in the browser.
import {execFileSync} from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {compileCourse} from '@coursemark/compiler'
import {contentSecurityPolicy} from '@coursemark/render'
import {createValidator} from '@coursemark/schema'
import type {Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {unzip} from '../conformance/lib/unzip.js'
import {launchChromium, type Browser} from '../helpers/browser.js'
import {repoRoot, runCli, tempDir, writeFiles} from '../helpers/cli.js'
import {courseOfScript} from '../helpers/course-script.js'
import {serveFolder, type Served} from '../helpers/serve.js'

const pwn = 'window.top.__pwned=1'
const title = `"><script>${pwn}</script><x y=" & ]]> <!-- '`
const moduleTitle = `"><img src=x onerror="${pwn}">`
const description = 'A <b>bold</b> "description" & <script>alert(1)</script> ]]> --> <![CDATA[x]]>'
const statement = '<img src=x onerror=alert(1)> & ]]>'

const courseYaml = `id: https://example.org/courses/hostile
title: ${JSON.stringify(title)}
version: 1.0.0
language: en
description: ${JSON.stringify(description)}
externalLinks: allow
outcomes:
  - id: LO1
    statement: ${JSON.stringify(statement)}
    bloom: understand
    domain: knowledge
    eqf: 4
modules:
  - modules/01.md
`

const moduleMd = `---
id: m1
title: ${JSON.stringify(moduleTitle)}
outcomes: [LO1]
---

## Links <script>${pwn}</script>

[a](javascript:${pwn}) [b](JaVaScRiPt:${pwn}) [c](  javascript:${pwn}) [e](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
[f](vbscript:msgbox(1)) <javascript:${pwn}> [g][r] [h](file:///etc/passwd) [i](https://example.org/ok) [j](<javascript:${pwn}>)
[k](&#106;avascript:${pwn}) [l](data:image/svg+xml,%3Csvg%20onload%3Dalert(1)%3E)

[r]: javascript:${pwn}

![x" onerror="${pwn}](../media/pic.svg)

<a href="javascript:${pwn}">raw</a> <img src=x onerror="${pwn}"> <svg><script>${pwn}</script></svg>

<iframe src="javascript:${pwn}"></iframe>
<object data="javascript:${pwn}"></object>
<style>body{background:url(javascript:${pwn})}</style>
<form action="javascript:${pwn}"><button>Go</button></form>
<base href="https://evil.example/">
<meta http-equiv="refresh" content="0;url=javascript:${pwn}">

:::note{kind=warning title="<img src=x onerror=${pwn}>"}
Note <b onmouseover="${pwn}">text</b>
:::

:::details{summary='"><script>${pwn}</script>'}
Hidden
:::

A :term[term]{def="<img src=x onerror=${pwn}>"} here.

## Check

:::quiz{id=check}

::::question{id=q1 type=single outcome=LO1}
Who <script>${pwn}</script> [follows](javascript:${pwn})?

- [x] Everyone <img src=x onerror=${pwn}>
  > Right <img src=x onerror=${pwn}> [more](javascript:${pwn}).
- [ ] Only [x](vbscript:x)

> Feedback <svg onload="${pwn}"></svg> [more](data:text/html,x).
::::

:::
`

const files = {'course.yaml': courseYaml, 'modules/01.md': moduleMd, 'media/pic.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'}

/** Tags and attributes of HTML written by hast-util-to-html (quoted attribute values). */
function tags(html: string): Array<{name: string; attributes: Array<[string, string]>}> {
  const found = []
  for (const match of html.matchAll(/<([a-zA-Z][\w:-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    const attributes: Array<[string, string]> = []
    for (const attribute of (match[2] ?? '').matchAll(/([^\s=>]+)(?:="([^"]*)")?/g)) attributes.push([attribute[1]!.toLowerCase(), decode(attribute[2] ?? '')])
    found.push({name: match[1]!.toLowerCase(), attributes})
  }
  return found
}

function decode(value: string): string {
  return value.replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
}

const forbiddenTags = new Set(['script', 'iframe', 'frame', 'object', 'embed', 'style', 'link', 'meta', 'base', 'form', 'input', 'button', 'svg', 'math', 'template', 'textarea', 'select'])
const urlAttributes = new Set(['href', 'src', 'poster', 'action', 'formaction', 'xlink:href', 'srcset', 'data', 'background', 'cite'])

/** A URL a course may carry: relative to the package, or http(s), mailto, tel. */
function safeUrl(value: string): boolean {
  const normalized = value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase()
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(normalized)?.[1]
  return scheme === undefined || ['http', 'https', 'mailto', 'tel'].includes(scheme)
}

/** Problems in one HTML fragment of the model. */
function unsafe(html: string): string[] {
  const problems: string[] = []
  for (const tag of tags(html)) {
    if (forbiddenTags.has(tag.name)) problems.push('<' + tag.name + '>')
    for (const [name, value] of tag.attributes) {
      if (name.startsWith('on')) problems.push(tag.name + ' ' + name)
      if (name === 'style') problems.push(tag.name + ' style')
      if (urlAttributes.has(name) && !safeUrl(value)) problems.push(tag.name + ' ' + name + '=' + value)
    }
  }
  return problems
}

/** Every HTML field of the model (`html`, `prompt`, `feedback`), with its path. */
function htmlFields(value: unknown, at = ''): Array<[string, string]> {
  if (Array.isArray(value)) return value.flatMap((item, index) => htmlFields(item, at + '/' + index))
  if (!value || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([key, item]) =>
    typeof item === 'string' && ['html', 'prompt', 'feedback'].includes(key) ? [[at + '/' + key, item] as [string, string]] : htmlFields(item, at + '/' + key))
}

describe('the compiled model', () => {
  test('raw HTML is dropped with a located warning, and no script, handler or script URL is left in any HTML field', () => {
    const result = compileCourse({slug: 'hostile', files: new Map(Object.entries(files).filter(([name]) => !name.endsWith('.svg'))), assets: new Set(Object.keys(files))}, {validator: createValidator()})
    expect(result.ok, result.messages.filter((message) => message.fatal).map(String).join('\n')).toBe(true)
    const raw = result.messages.filter((message) => message.ruleId === 'raw-html')
    expect(raw.length).toBeGreaterThanOrEqual(10)
    for (const message of raw) {
      expect(message.file).toBe('modules/01.md')
      expect(message.line).toBeGreaterThanOrEqual(7)
    }
    const fields = htmlFields(result.course)
    expect(fields.length).toBeGreaterThan(5)
    const problems = fields.flatMap(([at, html]) => unsafe(html).map((problem) => at + ': ' + problem))
    expect(problems).toEqual([])
    const all = fields.map(([, html]) => html).join('\n')
    // Links to script URLs lose their target; the web link keeps it, opened safely.
    expect(all).toContain('<a href="https://example.org/ok" rel="noopener noreferrer" target="_blank"')
    expect(all).not.toMatch(/href="(?!https:\/\/example\.org\/ok")/)
    // Markup in attributes stays text.
    expect(all).toContain('alt="x&#x22; onerror=&#x22;window.top.__pwned=1"')
    // Plain-text fields keep the author's characters as text (they are never parsed as HTML).
    expect(result.course?.title).toBe(title)
    expect(result.course?.modules[0]?.title).toBe(moduleTitle)
  })

  test('the checker itself finds what it must (no false comfort)', () => {
    expect(unsafe('<p><a href="javascript:x">a</a><img src="x" onerror="y"><script>z</script><a href="jav&#x09;ascript:x">b</a></p>')).toEqual([
      'a href=javascript:x', 'img onerror', '<script>', 'a href=jav\tascript:x'
    ])
    expect(unsafe('<p><a href="https://example.org/">a</a><img src="media/a.png" alt="b"></p>')).toEqual([])
  })
})

describe('the packages', () => {
  let out: string
  let root: string
  let folder: string

  beforeAll(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'coursemark-hostile-'))
    root = path.join(folder, 'hostile')
    await writeFiles(root, files)
    out = path.join(root, 'dist')
    const result = await runCli(['build', '.', '--target', 'scorm12,scorm2004,web', '--out', out], {cwd: root})
    expect(result.exitCode, result.stderr).toBe(0)
    // One SCO per module too: module titles then go into the manifests.
    const perModule = await runCli(['build', '.', '--target', 'scorm12,scorm2004', '--sco', 'per-module', '--out', path.join(out, 'per-module')], {cwd: root})
    expect(perModule.exitCode, perModule.stderr).toBe(0)
  }, 120_000)

  afterAll(async () => {
    if (folder) await fs.rm(folder, {recursive: true, force: true})
  })

  /** Every file of every package: `<package>/<path>` → bytes. */
  async function packageFiles(): Promise<Map<string, Uint8Array>> {
    const found = new Map<string, Uint8Array>()
    for (const name of [...await fs.readdir(out), ...(await fs.readdir(path.join(out, 'per-module'))).map((name) => 'per-module/' + name)]) {
      if (name.endsWith('.zip')) {
        for (const [entry, bytes] of unzip(await fs.readFile(path.join(out, name)))) found.set(name + '/' + entry, bytes)
      } else if (name !== 'per-module' && (await fs.stat(path.join(out, name))).isDirectory()) {
        for (const entry of await fs.readdir(path.join(out, name), {recursive: true, withFileTypes: true})) {
          if (entry.isFile()) found.set(name + '/' + path.relative(path.join(out, name), path.join(entry.parentPath, entry.name)), await fs.readFile(path.join(entry.parentPath, entry.name)))
        }
      }
    }
    return found
  }

  test('every page has the Content-Security-Policy before anything else can load, and the policy allows no inline code or eval', async () => {
    expect(contentSecurityPolicy).not.toMatch(/unsafe-inline|unsafe-eval|\*/)
    expect(contentSecurityPolicy).toMatch(/default-src 'self'/)
    expect(contentSecurityPolicy).toMatch(/object-src 'none'/)
    expect(contentSecurityPolicy).toMatch(/base-uri 'none'/)
    const pages = [...(await packageFiles())].filter(([name]) => /\.html?$/i.test(name))
    expect(pages.map(([name]) => name).sort()).toEqual([
      'hostile-1.0.0-en-scorm12.zip/index.html', 'hostile-1.0.0-en-scorm2004.zip/index.html', 'hostile-1.0.0-en-web/index.html',
      'per-module/hostile-1.0.0-en-scorm12.zip/index.html', 'per-module/hostile-1.0.0-en-scorm2004.zip/index.html'
    ])
    const meta = '<meta http-equiv="Content-Security-Policy" content="' + contentSecurityPolicy.replace(/'/g, '&#x27;') + '">'
    for (const [name, bytes] of pages) {
      const html = new TextDecoder().decode(bytes)
      const head = html.slice(0, html.indexOf('</head>'))
      expect(head, name).toContain(meta)
      // Before any script, style sheet or image.
      expect(html.indexOf(meta), name).toBeLessThan(html.search(/<(script|link|img|style)\b/))
      expect(html.split(meta)).toHaveLength(2)
    }
  })

  test('titles, descriptions and statements are escaped in every launch page', async () => {
    let courses = 0
    for (const [name, bytes] of await packageFiles()) {
      if (name.endsWith('/course.js')) {
        // The course's own script gives the title back exactly, whatever it holds.
        expect((courseOfScript(bytes) as {title: string}).title, name).toBe(title)
        courses++
      }
      if (!name.endsWith('index.html')) continue
      const html = new TextDecoder().decode(bytes)
      // Exactly the runtime's three scripts: the strings, the course, the bundle.
      expect([...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]), name).toEqual([
        '<script type="application/json" id="coursemark-strings">',
        '<script src="course.js">',
        '<script src="assets/coursemark.js">'
      ])
      expect(html).not.toContain(pwn + '</script>')
      expect(html).not.toMatch(/<(img|x|b|svg|iframe)\b/)
      const titleText = /<title>(.*?)<\/title>/s.exec(html)?.[1] ?? ''
      expect(decode(titleText)).toBe(title)
      const descriptionText = /<meta name="description" content="([^"]*)">/.exec(html)?.[1]
      if (descriptionText !== undefined) expect(decode(descriptionText)).toBe(description)
      for (const json of html.matchAll(/<script type="application\/json" id="[^"]+">(.*?)<\/script>/gs)) {
        expect(json[1], name).not.toMatch(/[<>]/)
        JSON.parse(json[1]!)
      }
    }
    expect(courses).toBeGreaterThan(0)
  })

  test('every XML file of the SCORM packages is well-formed and gives the titles back exactly', async () => {
    let manifests = 0
    for (const [name, bytes] of await packageFiles()) {
      if (!name.endsWith('.xml')) continue
      const xml = new TextDecoder().decode(bytes)
      execFileSync('xmllint', ['--noout', '--nonet', '-'], {input: xml})
      if (!name.endsWith('/imsmanifest.xml')) continue
      manifests++
      const xpath = (expression: string) => execFileSync('xmllint', ['--nonet', '--xpath', expression, '-'], {input: xml, encoding: 'utf8'}).replace(/\n$/, '')
      expect(xpath('string(//*[local-name()="organization"]/*[local-name()="title"])'), name).toBe(title)
      const items = xpath('//*[local-name()="organization"]//*[local-name()="item"]/*[local-name()="title"]/text()')
      expect(decode(items), name).toBe(name.startsWith('per-module/') ? moduleTitle : title)
      expect(xpath('count(//*[local-name()="script" or local-name()="img" or local-name()="x"])'), name).toBe('0')
      expect(xml).not.toContain('<script')
    }
    expect(manifests).toBe(4)
  })

  test('the runtime bundle has no eval or Function constructor', async () => {
    const bundle = await fs.readFile(path.join(repoRoot, 'packages/runtime/dist/coursemark.js'), 'utf8')
    expect(bundle).not.toMatch(/\beval\s*\(|\bnew\s+Function\s*\(|\bFunction\s*\(\s*["'`]|set(?:Timeout|Interval)\s*\(\s*["'`]/)
    expect(bundle).not.toMatch(/document\.write\s*\(|\.outerHTML\s*=|insertAdjacentHTML|document\.cookie/)
  })

  describe('in Chromium', () => {
    let browser: Browser
    let served: Served
    const pages: Page[] = []

    beforeAll(async () => {
      browser = await launchChromium()
      served = await serveFolder(out)
    }, 60_000)

    afterAll(async () => {
      for (const page of pages) await page.close().catch(() => undefined)
      await served?.close()
      await browser?.close()
    })

    test('the web package runs nothing from the course, asks for nothing but its own files, and breaks no CSP rule', async () => {
      const page = await browser.context.newPage()
      pages.push(page)
      const requests: string[] = []
      const errors: string[] = []
      page.on('request', (request) => requests.push(request.url()))
      page.on('pageerror', (error) => errors.push(error.message))
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text())
      })
      await page.addInitScript(() => {
        ;(window as any).__violations = []
        document.addEventListener('securitypolicyviolation', (event) => (window as any).__violations.push(event.violatedDirective + ' ' + event.blockedURI))
      })
      await page.goto(served.url + 'hostile-1.0.0-en-web/index.html?endpoint=https://lrs.example.org/&auth=Basic%20U0VDUkVUOlRPS0VO')
      await page.locator('.cm-page-title').waitFor()
      const inspect = async () => {
        // Every element of the page as shown: no handler, no script URL, no script but the runtime's.
        const found = await page.evaluate(() => {
          const problems: string[] = []
          for (const element of Array.from(document.querySelectorAll('*'))) {
            for (const attribute of Array.from(element.attributes)) {
              if (attribute.name.startsWith('on')) problems.push(element.tagName + ' ' + attribute.name)
              if (['href', 'src', 'poster', 'action', 'formaction', 'data'].includes(attribute.name) && /^\s*(javascript|vbscript|data|file):/i.test(attribute.value) && !(element.tagName === 'LINK' && attribute.value === 'data:,')) {
                problems.push(element.tagName + ' ' + attribute.name + '=' + attribute.value)
              }
            }
          }
          const scripts = Array.from(document.scripts).map((script) => script.id || script.getAttribute('src') || 'inline')
          const frames = document.querySelectorAll('iframe, frame, object, embed, form, base').length
          return {problems, scripts, frames}
        })
        expect(found.problems).toEqual([])
        expect(found.scripts).toEqual(['coursemark-strings', 'course.js', 'assets/coursemark.js'])
        expect(found.frames).toBe(0)
        // Hover what could carry a handler.
        for (const element of await page.locator('main a, main img, main dfn, main b').all()) await element.hover({timeout: 2000}).catch(() => undefined)
      }
      const seen: string[] = []
      for (let step = 0; step < 10; step++) {
        seen.push((await page.locator('.cm-page-title').textContent()) ?? '')
        await inspect()
        const next = page.getByRole('button', {name: 'Next'})
        if (!(await next.isVisible().catch(() => false))) break
        await next.click()
      }
      // Markup in a heading is shown as the text it is.
      expect(seen).toEqual(['Links <script>' + pwn + '</script>', 'Check'])
      await page.getByRole('radio', {name: /Everyone/}).check()
      await page.locator('.cm-check').first().click()
      await inspect()
      await page.getByRole('button', {name: 'See your results'}).click()
      await inspect()
      // Plain-text fields are shown as text.
      expect(await page.title()).toBe(title)
      await page.getByRole('button', {name: /^Links/}).first().click()
      expect(await page.locator('.cm-page-title').textContent()).toBe('Links <script>' + pwn + '</script>')
      expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined()
      expect(await page.evaluate(() => (window as any).__violations)).toEqual([])
      expect(errors).toEqual([])
      const origin = new URL(served.url).origin
      expect(requests.filter((url) => !url.startsWith(origin + '/') && url !== 'data:,')).toEqual([])
    }, 60_000)

    test('nothing passed at launch (LRS endpoint, credentials, tokens) is kept in the browser: SCORM and standalone', async () => {
      const secret = 'U0VDUkVUOlRPS0VO'
      const query = '?endpoint=' + encodeURIComponent('https://lrs.example.org/xapi/') + '&auth=' + encodeURIComponent('Basic ' + secret) +
        '&actor=' + encodeURIComponent('{"mbox":"mailto:learner@example.org"}') + '&fetch=' + encodeURIComponent('https://lms.example.org/token?k=' + secret) + '#token=' + secret
      for (const name of ['hostile-1.0.0-en-web', 'hostile-1.0.0-en-scorm12.zip']) {
        let folder = path.join(out, name)
        if (name.endsWith('.zip')) {
          // A SCORM package opened without an LMS plays standalone: the same storage path.
          folder = path.join(await tempDir(), 'scorm12')
          for (const [entry, bytes] of unzip(await fs.readFile(path.join(out, name)))) {
            await fs.mkdir(path.dirname(path.join(folder, entry)), {recursive: true})
            await fs.writeFile(path.join(folder, entry), bytes)
          }
        }
        const server = await serveFolder(folder)
        try {
          const page = await browser.context.newPage()
          pages.push(page)
          await page.goto(server.url + 'index.html' + query)
          await page.locator('.cm-page-title').waitFor()
          await page.getByRole('button', {name: 'Next'}).click()
          await page.getByRole('radio', {name: /Everyone/}).check()
          await page.locator('.cm-check').first().click()
          // Leave (pagehide finishes the session), then look at everything the origin keeps.
          await page.goto(server.url + 'index.html')
          await page.locator('.cm-page-title').waitFor()
          const kept = await page.evaluate(async () => ({
            local: Object.fromEntries(Object.keys(localStorage).map((key) => [key, localStorage.getItem(key)])),
            session: Object.fromEntries(Object.keys(sessionStorage).map((key) => [key, sessionStorage.getItem(key)])),
            cookie: document.cookie,
            databases: (await indexedDB.databases()).map((database) => database.name),
            caches: await caches.keys()
          }))
          const text = JSON.stringify(kept)
          expect(text, name).not.toContain(secret)
          expect(text, name).not.toContain('lrs.example.org')
          expect(text, name).not.toContain('lms.example.org')
          expect(text, name).not.toContain('learner@example.org')
          expect(kept.cookie).toBe('')
          expect(kept.databases).toEqual([])
          expect(kept.caches).toEqual([])
          expect(Object.keys(kept.session)).toEqual([])
          // Progress is kept, under the course's key only.
          expect(Object.keys(kept.local)).toEqual(['coursemark:https://example.org/courses/hostile@1.0.0'])
          await page.close()
        } finally {
          await server.close()
        }
      }
    }, 60_000)
  })
})
