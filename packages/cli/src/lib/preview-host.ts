/**
 * The preview's own pages and scripts, served from the same origin as the course (so both the
 * host page's and the course's Content-Security-Policy allow them; nothing is inline).
 * The host page plays the course in a frame under a recording SCORM 1.2 `API` (what an LMS would
 * store, shown in the LMS inspector), reloads the frame when the course is rebuilt (server-sent
 * events) and shows errors as an overlay with file:line.
 */

/** Where the preview's own files live (never a path of a course). */
export const previewBase = '/__coursemark/'

export const hostCsp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** The host page: toolbar, the course in a frame, the diagnostics overlay and the LMS inspector. */
export function hostPage(title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${hostCsp}">
<title>Preview: ${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${previewBase}host.css">
<script src="${previewBase}host.js"></script>
</head>
<body>
<header class="bar">
<strong class="brand">coursemark preview</strong>
<span id="cm-title">${escapeHtml(title)}</span>
<span id="cm-build" class="build" role="status" aria-live="polite">starting…</span>
<button type="button" id="cm-toggle-inspector" aria-controls="cm-inspector" aria-expanded="true">LMS inspector</button>
</header>
<div class="main">
<div class="stage">
<iframe id="cm-course" title="The course, as a learner sees it" src="/course/index.html"></iframe>
<section id="cm-overlay" class="overlay" hidden aria-live="assertive">
<h2 id="cm-overlay-title">Errors</h2>
<p class="lead">The course below is the last version without errors. Fix these and save: the preview reloads by itself.</p>
<ol id="cm-diagnostics"></ol>
</section>
</div>
<aside id="cm-inspector" class="inspector" aria-label="LMS inspector">
<h2>LMS inspector <span class="muted">SCORM 1.2</span></h2>
<p class="muted">What an LMS would record right now.</p>
<dl id="cm-core" class="core"></dl>
<div class="suspend"><span>suspend_data</span> <span id="cm-suspend-size">0 / 4096</span><div class="meter"><div id="cm-suspend-bar"></div></div></div>
<h3>Objectives <span id="cm-objectives-count" class="muted"></span></h3>
<table><thead><tr><th>id</th><th>status</th><th>score</th></tr></thead><tbody id="cm-objectives"></tbody></table>
<h3>Interactions <span id="cm-interactions-count" class="muted"></span></h3>
<table><thead><tr><th>id</th><th>type</th><th>response</th><th>result</th></tr></thead><tbody id="cm-interactions"></tbody></table>
<h3>Last calls</h3>
<ol id="cm-calls" class="calls"></ol>
<p><button type="button" id="cm-reset">Start again (clear the learner data)</button></p>
</aside>
</div>
</body>
</html>
`
}

/** Shown in the frame until the course builds without errors once. */
export function placeholderPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'"><title>Not built yet</title><script src="${previewBase}reload.js"></script></head>
<body><p>The course has errors, so there is nothing to show yet. The list of errors is above this page.</p></body></html>
`
}

/** Reloads a course page opened on its own (outside the host page) when the course is rebuilt. */
export const reloadScript = `(function () {
  if (window.top !== window || typeof EventSource === 'undefined') return
  var source = new EventSource('${previewBase}events')
  source.addEventListener('build', function () { window.location.reload() })
})();
`

export const hostStyle = `
*{box-sizing:border-box}
html,body{margin:0;height:100%;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1d2733;background:#f5f4f0}
body{display:flex;flex-direction:column}
.bar{display:flex;align-items:center;gap:14px;padding:8px 14px;background:#1d2733;color:#fff}
.brand{font-weight:700}
.build{margin-left:auto;font-size:.85rem;padding:2px 10px;border-radius:999px;background:#2f3d4d}
.build.ok{background:#1b7f4b}.build.bad{background:#b42318}.build.warn{background:#a15c00}
button{font:inherit;cursor:pointer;border-radius:6px;border:1px solid #c7ccd4;background:#fff;padding:3px 10px}
.bar button{background:#2f3d4d;color:#fff;border-color:#4b5a6b}
.main{flex:1;display:flex;min-height:0}
.stage{position:relative;flex:1;min-width:0}
iframe{width:100%;height:100%;border:0;background:#fff}
.overlay{position:absolute;top:16px;left:16px;right:16px;max-height:calc(100% - 32px);overflow:auto;background:rgba(255,255,255,.97);border:2px solid #b42318;border-radius:12px;padding:16px 22px;box-shadow:0 10px 30px rgba(0,0,0,.2)}
.overlay h2{color:#b42318;margin:.2em 0}
.overlay .lead{color:#5f6b7a;margin:.2em 0 1em}
.overlay li{margin:0 0 .9em}
.overlay .where{font:600 .95rem ui-monospace,Menlo,Consolas,monospace;color:#1d2733}
.overlay .rule{display:inline-block;font-size:.75rem;border-radius:999px;padding:0 8px;margin-left:6px;background:#fdf0ee;color:#b42318;border:1px solid #f2c4bd}
.overlay .rule.warning{background:#fff6e0;color:#a15c00;border-color:#f0d9a6}
.overlay .hint{color:#5f6b7a;font-size:.9rem}
.inspector{width:360px;overflow:auto;border-left:1px solid #dfe3e8;background:#fff;padding:10px 14px}
.inspector[hidden]{display:none}
.inspector h2{font-size:1.05rem;margin:.2em 0}
.inspector h3{font-size:.9rem;margin:1em 0 .3em}
.muted{color:#5f6b7a;font-weight:400;font-size:.85rem}
.core{display:grid;grid-template-columns:auto 1fr;gap:2px 10px;margin:.6em 0}
.core dt{color:#5f6b7a;font-size:.82rem}
.core dd{margin:0;font:600 .85rem ui-monospace,Menlo,Consolas,monospace;word-break:break-all}
.status{display:inline-block;border-radius:999px;padding:0 8px;background:#eceff3}
.status.passed,.status.completed{background:#e3f4ea;color:#1b7f4b}.status.failed{background:#fdecea;color:#b42318}.status.incomplete{background:#fff2d6;color:#8a5a00}
.suspend{font-size:.85rem;margin:.4em 0}
.meter{height:8px;border-radius:4px;background:#eceff3;overflow:hidden;margin-top:3px}
.meter div{height:100%;width:0;background:#1b7f4b}
.meter div.full{background:#b42318}
table{border-collapse:collapse;width:100%;font-size:.8rem}
th,td{text-align:left;border-bottom:1px solid #eceff3;padding:3px 4px;vertical-align:top;word-break:break-word}
th{color:#5f6b7a;font-weight:600}
.correct{color:#1b7f4b;font-weight:600}.wrong{color:#b42318;font-weight:600}
.calls{font:.75rem ui-monospace,Menlo,Consolas,monospace;padding-left:1.4em;color:#394452;margin:0}
`

/** The host page's script: a recording SCORM 1.2 API, the inspector, the overlay, live reload. */
export const hostScript = `(function () {
  'use strict'
  var limit = 4096
  var store = {}
  var calls = []
  var lastError = '0'
  var state = {version: -1, ok: false}
  var defaults = {
    'cmi.core._children': 'student_id,student_name,lesson_location,credit,lesson_status,entry,score,total_time,lesson_mode,exit,session_time',
    'cmi.core.student_id': 'preview', 'cmi.core.student_name': 'Preview, Author', 'cmi.core.credit': 'credit',
    'cmi.core.lesson_mode': 'normal', 'cmi.core.lesson_status': 'not attempted', 'cmi.core.lesson_location': '',
    'cmi.core.total_time': '0000:00:00', 'cmi.core.score._children': 'raw,min,max', 'cmi.suspend_data': '', 'cmi.launch_data': '',
    'cmi.student_data.mastery_score': '', 'cmi.objectives._children': 'id,score,status', 'cmi.interactions._children': 'id,objectives,time,type,correct_responses,weighting,student_response,result,latency'
  }
  var errors = {'0': 'No error', '101': 'General exception', '201': 'Invalid argument error', '301': 'Not initialized', '401': 'Not implemented error', '405': 'Incorrect data type'}
  var statuses = ['passed', 'completed', 'failed', 'incomplete', 'browsed', 'not attempted']

  function count(prefix) {
    var max = -1
    Object.keys(store).forEach(function (key) {
      if (key.indexOf(prefix) !== 0) return
      var n = parseInt(key.slice(prefix.length), 10)
      if (n > max) max = n
    })
    return String(max + 1)
  }
  function record(text) {
    calls.push(text)
    if (calls.length > 15) calls.shift()
    schedule()
  }
  window.API = {
    LMSInitialize: function () {
      lastError = '0'
      store['cmi.core.entry'] = store['cmi.suspend_data'] ? 'resume' : 'ab-initio'
      record('LMSInitialize()')
      return 'true'
    },
    LMSFinish: function () { lastError = '0'; record('LMSFinish()'); return 'true' },
    LMSCommit: function () { lastError = '0'; record('LMSCommit()'); return 'true' },
    LMSGetValue: function (key) {
      lastError = '0'
      key = String(key)
      if (key === 'cmi.interactions._count') return count('cmi.interactions.')
      if (key === 'cmi.objectives._count') return count('cmi.objectives.')
      if (Object.prototype.hasOwnProperty.call(store, key)) return store[key]
      if (Object.prototype.hasOwnProperty.call(defaults, key)) return defaults[key]
      if (key === 'cmi.core.entry') return 'ab-initio'
      return ''
    },
    LMSSetValue: function (key, value) {
      key = String(key)
      value = String(value)
      if (key === 'cmi.suspend_data' && value.length > limit) {
        lastError = '405'
        record('LMSSetValue(' + key + ') refused: ' + value.length + ' > ' + limit + ' characters')
        return 'false'
      }
      if (key === 'cmi.core.lesson_status' && statuses.indexOf(value) < 0) {
        lastError = '405'
        record('LMSSetValue(' + key + ', ' + value + ') refused')
        return 'false'
      }
      lastError = '0'
      store[key] = value
      record('LMSSetValue(' + key + ', ' + (value.length > 40 ? value.slice(0, 40) + '…' : value) + ')')
      return 'true'
    },
    LMSGetLastError: function () { return lastError },
    LMSGetErrorString: function (code) { return errors[String(code)] || 'Unknown error' },
    LMSGetDiagnostic: function (code) { return errors[String(code || lastError)] || '' }
  }

  var pending = false
  function schedule() {
    if (pending) return
    pending = true
    setTimeout(function () { pending = false; render() }, 30)
  }
  function el(name, text, className) {
    var node = document.createElement(name)
    if (text !== undefined) node.textContent = text
    if (className) node.className = className
    return node
  }
  function value(key) { return window.API.LMSGetValue(key) }
  function rows(prefix) {
    var list = []
    var total = parseInt(count(prefix), 10)
    for (var i = 0; i < total; i++) list.push(i)
    return list
  }
  function render() {
    if (!document.getElementById('cm-core')) return
    var core = document.getElementById('cm-core')
    core.textContent = ''
    var status = value('cmi.core.lesson_status')
    var entries = [
      ['lesson_status', status], ['score', value('cmi.core.score.raw') === '' ? '—' : value('cmi.core.score.raw') + ' (' + value('cmi.core.score.min') + '–' + value('cmi.core.score.max') + ')'],
      ['lesson_location', value('cmi.core.lesson_location') || '—'], ['entry', value('cmi.core.entry')], ['exit', store['cmi.core.exit'] === undefined ? '—' : store['cmi.core.exit'] || '""'],
      ['session_time', store['cmi.core.session_time'] || '—']
    ]
    entries.forEach(function (entry) {
      core.appendChild(el('dt', entry[0]))
      var dd = el('dd')
      var span = el('span', entry[1], entry[0] === 'lesson_status' ? 'status ' + entry[1].replace(/\\s/g, '-') : '')
      span.id = 'cm-' + entry[0].replace(/_/g, '-')
      dd.appendChild(span)
      core.appendChild(dd)
    })
    var size = (store['cmi.suspend_data'] || '').length
    document.getElementById('cm-suspend-size').textContent = size + ' / ' + limit + ' characters'
    var bar = document.getElementById('cm-suspend-bar')
    bar.style.width = Math.min(100, (size / limit) * 100) + '%'
    bar.className = size > limit * 0.9 ? 'full' : ''
    var objectives = document.getElementById('cm-objectives')
    objectives.textContent = ''
    rows('cmi.objectives.').forEach(function (i) {
      var p = 'cmi.objectives.' + i + '.'
      var tr = el('tr')
      tr.appendChild(el('td', store[p + 'id'] || ''))
      tr.appendChild(el('td', store[p + 'status'] || ''))
      tr.appendChild(el('td', store[p + 'score.raw'] || ''))
      objectives.appendChild(tr)
    })
    document.getElementById('cm-objectives-count').textContent = '(' + count('cmi.objectives.') + ')'
    var interactions = document.getElementById('cm-interactions')
    interactions.textContent = ''
    rows('cmi.interactions.').forEach(function (i) {
      var p = 'cmi.interactions.' + i + '.'
      var tr = el('tr')
      tr.appendChild(el('td', store[p + 'id'] || ''))
      tr.appendChild(el('td', store[p + 'type'] || ''))
      tr.appendChild(el('td', store[p + 'student_response'] || ''))
      var result = store[p + 'result'] || ''
      tr.appendChild(el('td', result, result === 'correct' ? 'correct' : result === 'wrong' ? 'wrong' : ''))
      interactions.appendChild(tr)
    })
    document.getElementById('cm-interactions-count').textContent = '(' + count('cmi.interactions.') + ')'
    var list = document.getElementById('cm-calls')
    list.textContent = ''
    calls.slice().reverse().forEach(function (text) { list.appendChild(el('li', text)) })
  }

  function frame() { return document.getElementById('cm-course') }
  function showState(next) {
    var build = document.getElementById('cm-build')
    var errorCount = next.diagnostics.filter(function (d) { return d.severity === 'error' }).length
    var warningCount = next.diagnostics.length - errorCount
    build.textContent = (errorCount > 0 ? errorCount + (errorCount === 1 ? ' error' : ' errors') : 'built') +
      (warningCount > 0 ? ', ' + warningCount + (warningCount === 1 ? ' warning' : ' warnings') : '') + ' · ' + next.ms + ' ms'
    build.className = 'build ' + (errorCount > 0 ? 'bad' : warningCount > 0 ? 'warn' : 'ok')
    var overlay = document.getElementById('cm-overlay')
    var shown = next.diagnostics.filter(function (d) { return d.severity === 'error' })
    overlay.hidden = shown.length === 0
    document.getElementById('cm-overlay-title').textContent = shown.length + (shown.length === 1 ? ' error' : ' errors') + ' in ' + next.folder
    var list = document.getElementById('cm-diagnostics')
    list.textContent = ''
    shown.forEach(function (d) {
      var li = el('li')
      var where = el('span', d.file + ':' + d.line + ':' + d.column, 'where')
      where.title = next.root + '/' + d.file
      li.appendChild(where)
      li.appendChild(el('span', d.rule, 'rule ' + d.severity))
      li.appendChild(el('div', d.message))
      if (d.hint) li.appendChild(el('div', d.hint, 'hint'))
      list.appendChild(li)
    })
    if (next.title) document.getElementById('cm-title').textContent = next.title
  }
  function refresh(reload) {
    return fetch('${previewBase}state', {cache: 'no-store'}).then(function (response) { return response.json() }).then(function (next) {
      var changed = next.version !== state.version
      var hadSite = state.site
      state = next
      showState(next)
      if (reload && changed && next.site && (next.ok || !hadSite)) frame().contentWindow.location.reload()
    })
  }
  document.addEventListener('DOMContentLoaded', function () {
    render()
    refresh(false)
    document.getElementById('cm-reset').addEventListener('click', function () {
      store = {}
      calls = []
      render()
      frame().contentWindow.location.reload()
    })
    document.getElementById('cm-toggle-inspector').addEventListener('click', function (event) {
      var panel = document.getElementById('cm-inspector')
      panel.hidden = !panel.hidden
      event.currentTarget.setAttribute('aria-expanded', String(!panel.hidden))
    })
    if (typeof EventSource !== 'undefined') {
      var source = new EventSource('${previewBase}events')
      source.addEventListener('build', function () { refresh(true) })
    }
  })
  window.coursemarkPreview = {store: function () { return store }}
})();
`
