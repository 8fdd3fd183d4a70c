// Write an LMS host page and a course package (launch page per the shared contract) into a folder.
import {execFile} from 'node:child_process'
import fs from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {promisify} from 'node:util'
import type {Course} from '@coursemark/model'

const repo = fileURLToPath(new URL('../../', import.meta.url))

/** Build the runtime with its build script (`node packages/runtime/build.mjs`) and return the bundle. */
export async function buildRuntime(): Promise<string> {
  await promisify(execFile)(process.execPath, [path.join(repo, 'packages/runtime/build.mjs')], {cwd: repo})
  return fs.readFile(path.join(repo, 'packages/runtime/dist/coursemark.js'), 'utf8')
}

/** The launch page of a package, exactly as the contract describes it. */
export function launchPage(course: Course, strings: Readonly<Record<string, string>>, target: string): string {
  const json = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c')
  return `<!doctype html>
<html lang="${course.language}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'">
<title>${course.title}</title>
<link rel="stylesheet" href="assets/coursemark.css">
</head>
<body data-target="${target}">
<div id="coursemark" class="cm-app"><noscript>This course needs JavaScript.</noscript></div>
<script type="application/json" id="coursemark-course">${json(course)}</script>
<script type="application/json" id="coursemark-strings">${json(strings)}</script>
<script src="assets/coursemark.js"></script>
</body>
</html>
`
}

/** An LMS page: scorm-again as the API, the package in an iframe; `window.lms` drives it. */
const hostPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Test LMS</title>
<link rel="icon" href="data:,">
<script src="scorm12.js"></script>
<script src="scorm2004.js"></script>
<script src="host.js"></script>
</head>
<body>
<iframe id="sco" title="Course" width="1200" height="880"></iframe>
</body>
</html>
`

const hostScript = `
window.lms = {
  calls: [],
  api: undefined,
  launch: function (standard, data) {
    var twelve = standard === 'scorm12'
    var api = twelve ? new Scorm12API({logLevel: 5}) : new Scorm2004API({logLevel: 5})
    if (data) api.loadFromJSON(data, '')
    var calls = []
    this.calls = calls
    this.api = api
    var proxy = new Proxy(api, {
      get: function (target, name) {
        var value = target[name]
        if (typeof value !== 'function') return value
        return function () {
          var args = Array.prototype.slice.call(arguments)
          calls.push([name].concat(args.map(String)))
          return value.apply(target, args)
        }
      }
    })
    delete window.API
    delete window.API_1484_11
    if (standard) window[twelve ? 'API' : 'API_1484_11'] = proxy
    document.getElementById('sco').src = 'package/index.html'
  },
  close: function () {
    document.getElementById('sco').src = 'about:blank'
  },
  cmi: function () {
    return JSON.parse(JSON.stringify(this.api.cmi))
  }
}
`

/** Write `host.html` (+ scorm-again) and `package/` (launch page, bundle, theme CSS) into `folder`. */
export async function writeFixture(folder: string, options: {readonly course: Course; readonly target: string; readonly bundle: string}): Promise<void> {
  const strings = JSON.parse(await fs.readFile(path.join(repo, 'themes/default/strings/en.json'), 'utf8')) as Record<string, string>
  await fs.mkdir(path.join(folder, 'package/assets'), {recursive: true})
  await fs.writeFile(path.join(folder, 'host.html'), hostPage)
  await fs.writeFile(path.join(folder, 'host.js'), hostScript)
  for (const name of ['scorm12.js', 'scorm2004.js']) {
    await fs.copyFile(path.join(repo, 'node_modules/scorm-again/dist', name), path.join(folder, name))
  }
  await fs.writeFile(path.join(folder, 'package/index.html'), launchPage(options.course, strings, options.target))
  await fs.writeFile(path.join(folder, 'package/assets/coursemark.js'), options.bundle)
  await fs.copyFile(path.join(repo, 'themes/default/coursemark.css'), path.join(folder, 'package/assets/coursemark.css'))
}
