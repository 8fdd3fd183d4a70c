/**
 * The preview's own pages and scripts, served from the same origin as the course (so both the
 * host page's and the course's Content-Security-Policy allow them; nothing is inline).
 * The host page plays the course in a frame under a recording SCORM 1.2 `API` and SCORM 2004
 * `API_1484_11` (what an LMS would store) and a recorder of the statements the runtime's xAPI
 * adapter would send (`coursemarkInspector`, used by the preview bundle of the runtime), and
 * shows each in the LMS inspector. It reloads the frame when the course is rebuilt (server-sent
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
<h2>LMS inspector</h2>
<p class="muted">What an LMS would record right now, for the same session.</p>
<p class="standard"><label for="cm-standard">Standard</label>
<select id="cm-standard">
<option value="scorm12" selected>SCORM 1.2</option>
<option value="scorm2004">SCORM 2004</option>
<option value="xapi">xAPI</option>
</select></p>
<section id="cm-view-scorm12" class="view" aria-label="SCORM 1.2">
<dl id="cm-core" class="core"></dl>
<div class="suspend"><span>suspend_data</span> <span id="cm-suspend-size">0 / 4096</span><div class="meter"><div id="cm-suspend-bar"></div></div></div>
<h3>Objectives <span id="cm-objectives-count" class="muted"></span></h3>
<table><thead><tr><th>id</th><th>status</th><th>score</th></tr></thead><tbody id="cm-objectives"></tbody></table>
<h3>Interactions <span id="cm-interactions-count" class="muted"></span></h3>
<table><thead><tr><th>id</th><th>type</th><th>response</th><th>result</th></tr></thead><tbody id="cm-interactions"></tbody></table>
<h3>Last calls</h3>
<ol id="cm-calls" class="calls"></ol>
</section>
<section id="cm-view-scorm2004" class="view" aria-label="SCORM 2004" hidden>
<dl id="cm-2004-core" class="core"></dl>
<div class="suspend"><span>suspend_data</span> <span id="cm-2004-suspend-size">0 / 64000</span><div class="meter"><div id="cm-2004-suspend-bar"></div></div></div>
<h3>Objectives <span id="cm-2004-objectives-count" class="muted"></span></h3>
<table><thead><tr><th>id</th><th>completion</th><th>success</th><th>scaled</th></tr></thead><tbody id="cm-2004-objectives"></tbody></table>
<h3>Interactions <span id="cm-2004-interactions-count" class="muted"></span></h3>
<table><thead><tr><th>id</th><th>type</th><th>response</th><th>result</th></tr></thead><tbody id="cm-2004-interactions"></tbody></table>
<h3>Last calls</h3>
<ol id="cm-2004-calls" class="calls"></ol>
</section>
<section id="cm-view-xapi" class="view" aria-label="xAPI" hidden>
<p class="muted">The statements the package of the <code>xapi</code> target would send to the LRS, newest first (nothing is sent). <code>cmi5</code> sends the same with its own context and at most one verdict per session.</p>
<p class="state">State API <code>coursemark.progress</code>: <span id="cm-xapi-state">—</span></p>
<h3>Statements <span id="cm-statements-count" class="muted">(0)</span></h3>
<ol id="cm-statements" class="statements" reversed></ol>
</section>
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
.standard{display:flex;align-items:center;gap:8px;margin:.4em 0}
select{font:inherit;border-radius:6px;border:1px solid #c7ccd4;padding:2px 6px;background:#fff}
.view[hidden]{display:none}
.state{font-size:.85rem;margin:.4em 0}
.statements{padding-left:2em;margin:0;font-size:.8rem}
.statements li{border-bottom:1px solid #eceff3;padding:4px 0}
.statements .verb{font-weight:700}
.statements .object{display:block;font:.75rem ui-monospace,Menlo,Consolas,monospace;word-break:break-all;color:#394452}
.statements .result{color:#1d2733}
.statements .result .correct,.statements .result .wrong{font-weight:600}
.statements summary{cursor:pointer;color:#5f6b7a;font-size:.75rem}
.statements pre{font:.7rem/1.35 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;word-break:break-all;background:#f5f4f0;padding:6px;margin:.3em 0;max-height:24em;overflow:auto}
code{font:.85em ui-monospace,Menlo,Consolas,monospace}
`

/**
 * The host page's script: recording SCORM 1.2 and SCORM 2004 APIs, the recorder of xAPI
 * statements, the inspector, the overlay, live reload.
 */
export const hostScript = `(function () {
  'use strict'
  var state = {version: -1, ok: false}
  // After "Start again", what the old page stores while it goes away is dropped, until the new page starts.
  var discarding = false
  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key) }

  /**
   * A recording SCORM data model: what an LMS would store. \`spec\` names the API's functions,
   * the defaults, the entry element, the longest suspend data, the vocabularies and the errors.
   */
  function createModel(spec) {
    var model = {store: {}, calls: [], lastError: '0', spec: spec}
    function record(text) {
      model.calls.push(text)
      if (model.calls.length > 15) model.calls.shift()
      schedule()
    }
    model.count = function (prefix) {
      var max = -1
      Object.keys(model.store).forEach(function (key) {
        if (key.indexOf(prefix) !== 0) return
        var n = parseInt(key.slice(prefix.length), 10)
        if (n > max) max = n
      })
      return String(max + 1)
    }
    model.get = function (key) {
      if (key === 'cmi.interactions._count') return model.count('cmi.interactions.')
      if (key === 'cmi.objectives._count') return model.count('cmi.objectives.')
      if (has(model.store, key)) return model.store[key]
      if (has(spec.defaults, key)) return spec.defaults[key]
      if (key === spec.entry) return 'ab-initio'
      return ''
    }
    var f = spec.functions
    var api = {}
    api[f.initialize] = function () {
      discarding = false
      model.lastError = '0'
      model.store[spec.entry] = model.store['cmi.suspend_data'] ? 'resume' : 'ab-initio'
      record(f.initialize + '()')
      return 'true'
    }
    api[f.terminate] = function () { model.lastError = '0'; if (!discarding) record(f.terminate + '()'); return 'true' }
    api[f.commit] = function () { model.lastError = '0'; if (!discarding) record(f.commit + '()'); return 'true' }
    api[f.get] = function (key) {
      model.lastError = '0'
      return model.get(String(key))
    }
    api[f.set] = function (key, value) {
      key = String(key)
      value = String(value)
      if (discarding) return 'true'
      if (key === 'cmi.suspend_data' && value.length > spec.limit) {
        model.lastError = spec.refused
        record(f.set + '(' + key + ') refused: ' + value.length + ' > ' + spec.limit + ' characters')
        return 'false'
      }
      if (has(spec.vocabularies, key) && spec.vocabularies[key].indexOf(value) < 0) {
        model.lastError = spec.refused
        record(f.set + '(' + key + ', ' + value + ') refused')
        return 'false'
      }
      model.lastError = '0'
      model.store[key] = value
      record(f.set + '(' + key + ', ' + (value.length > 40 ? value.slice(0, 40) + '…' : value) + ')')
      return 'true'
    }
    api[f.lastError] = function () { return model.lastError }
    api[f.errorString] = function (code) { return spec.errors[String(code)] || 'Unknown error' }
    api[f.diagnostic] = function (code) { return spec.errors[String(code || model.lastError)] || '' }
    model.api = api
    model.reset = function () {
      model.store = {}
      model.calls = []
    }
    return model
  }

  var scorm12 = createModel({
    functions: {initialize: 'LMSInitialize', terminate: 'LMSFinish', commit: 'LMSCommit', get: 'LMSGetValue', set: 'LMSSetValue', lastError: 'LMSGetLastError', errorString: 'LMSGetErrorString', diagnostic: 'LMSGetDiagnostic'},
    defaults: {
      'cmi.core._children': 'student_id,student_name,lesson_location,credit,lesson_status,entry,score,total_time,lesson_mode,exit,session_time',
      'cmi.core.student_id': 'preview', 'cmi.core.student_name': 'Preview, Author', 'cmi.core.credit': 'credit',
      'cmi.core.lesson_mode': 'normal', 'cmi.core.lesson_status': 'not attempted', 'cmi.core.lesson_location': '',
      'cmi.core.total_time': '0000:00:00', 'cmi.core.score._children': 'raw,min,max', 'cmi.suspend_data': '', 'cmi.launch_data': '',
      'cmi.student_data.mastery_score': '', 'cmi.objectives._children': 'id,score,status', 'cmi.interactions._children': 'id,objectives,time,type,correct_responses,weighting,student_response,result,latency'
    },
    entry: 'cmi.core.entry',
    limit: 4096,
    refused: '405',
    vocabularies: {'cmi.core.lesson_status': ['passed', 'completed', 'failed', 'incomplete', 'browsed', 'not attempted']},
    errors: {'0': 'No error', '101': 'General exception', '201': 'Invalid argument error', '301': 'Not initialized', '401': 'Not implemented error', '405': 'Incorrect data type'}
  })
  var scorm2004 = createModel({
    functions: {initialize: 'Initialize', terminate: 'Terminate', commit: 'Commit', get: 'GetValue', set: 'SetValue', lastError: 'GetLastError', errorString: 'GetErrorString', diagnostic: 'GetDiagnostic'},
    defaults: {
      'cmi._version': '1.0', 'cmi.learner_id': 'preview', 'cmi.learner_name': 'Preview, Author', 'cmi.credit': 'credit', 'cmi.mode': 'normal',
      'cmi.completion_status': 'unknown', 'cmi.success_status': 'unknown', 'cmi.location': '', 'cmi.suspend_data': '', 'cmi.launch_data': '',
      'cmi.scaled_passing_score': '', 'cmi.completion_threshold': '', 'cmi.total_time': 'PT0S', 'cmi.time_limit_action': 'continue,no message',
      'cmi.objectives._children': 'id,score,success_status,completion_status,progress_measure,description',
      'cmi.interactions._children': 'id,type,objectives,timestamp,correct_responses,weighting,learner_response,result,latency,description'
    },
    entry: 'cmi.entry',
    limit: 64000,
    refused: '406',
    vocabularies: {
      'cmi.completion_status': ['completed', 'incomplete', 'not attempted', 'unknown'],
      'cmi.success_status': ['passed', 'failed', 'unknown'],
      'cmi.exit': ['time-out', 'suspend', 'logout', 'normal', '']
    },
    errors: {'0': 'No error', '101': 'General exception', '301': 'General get failure', '351': 'General set failure', '401': 'Undefined data model element', '406': 'Data model element type mismatch', '407': 'Data model element value out of range'}
  })
  window.API = scorm12.api
  window.API_1484_11 = scorm2004.api

  // What the runtime's xAPI adapter would send: statements, and State API documents by key.
  var xapi = {statements: [], documents: {}, shown: 0}
  window.coursemarkInspector = {
    statement: function (json) {
      if (discarding) return
      xapi.statements.push(JSON.parse(json))
      schedule()
    },
    document: function (json) {
      if (discarding) return
      var write = JSON.parse(json)
      xapi.documents[write.key] = write
      schedule()
    },
    progress: function () {
      var write = xapi.documents.progress
      return write ? JSON.stringify(write.body) : ''
    }
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
  function byId(id) { return document.getElementById(id) }
  function rows(model, prefix) {
    var list = []
    var total = parseInt(model.count(prefix), 10)
    for (var i = 0; i < total; i++) list.push(i)
    return list
  }
  function fillCore(id, entries, statusKeys) {
    var core = byId(id)
    core.textContent = ''
    entries.forEach(function (entry) {
      core.appendChild(el('dt', entry[0]))
      var dd = el('dd')
      var span = el('span', entry[1], statusKeys.indexOf(entry[0]) >= 0 ? 'status ' + entry[1].replace(/\\s/g, '-') : '')
      span.id = id.replace(/core$/, '') + entry[0].replace(/_/g, '-')
      dd.appendChild(span)
      core.appendChild(dd)
    })
  }
  function fillSuspend(prefix, model) {
    var size = (model.store['cmi.suspend_data'] || '').length
    var limit = model.spec.limit
    byId(prefix + 'suspend-size').textContent = size + ' / ' + limit + ' characters'
    var bar = byId(prefix + 'suspend-bar')
    bar.style.width = Math.min(100, (size / limit) * 100) + '%'
    bar.className = size > limit * 0.9 ? 'full' : ''
  }
  function fillRows(id, model, prefix, keys, resultKey) {
    var body = byId(id)
    body.textContent = ''
    rows(model, prefix).forEach(function (i) {
      var p = prefix + i + '.'
      var tr = el('tr')
      keys.forEach(function (key) {
        var text = model.store[p + key] || ''
        tr.appendChild(el('td', text, key === resultKey ? (text === 'correct' ? 'correct' : text === 'wrong' || text === 'incorrect' ? 'wrong' : '') : ''))
      })
      body.appendChild(tr)
    })
    byId(id + '-count').textContent = '(' + model.count(prefix) + ')'
  }
  function fillCalls(id, model) {
    var list = byId(id)
    list.textContent = ''
    model.calls.slice().reverse().forEach(function (text) { list.appendChild(el('li', text)) })
  }
  function stored(model, key) {
    return model.store[key] === undefined ? '—' : model.store[key] || '""'
  }

  function renderScorm12() {
    var m = scorm12
    var raw = m.get('cmi.core.score.raw')
    fillCore('cm-core', [
      ['lesson_status', m.get('cmi.core.lesson_status')], ['score', raw === '' ? '—' : raw + ' (' + m.get('cmi.core.score.min') + '–' + m.get('cmi.core.score.max') + ')'],
      ['lesson_location', m.get('cmi.core.lesson_location') || '—'], ['entry', m.get('cmi.core.entry')], ['exit', stored(m, 'cmi.core.exit')],
      ['session_time', m.store['cmi.core.session_time'] || '—']
    ], ['lesson_status'])
    fillSuspend('cm-', m)
    fillRows('cm-objectives', m, 'cmi.objectives.', ['id', 'status', 'score.raw'])
    fillRows('cm-interactions', m, 'cmi.interactions.', ['id', 'type', 'student_response', 'result'], 'result')
    fillCalls('cm-calls', m)
  }
  function renderScorm2004() {
    var m = scorm2004
    var scaled = m.get('cmi.score.scaled')
    fillCore('cm-2004-core', [
      ['completion_status', m.get('cmi.completion_status')], ['success_status', m.get('cmi.success_status')],
      ['score', scaled === '' ? '—' : scaled + ' (' + m.get('cmi.score.raw') + ' of ' + m.get('cmi.score.min') + '–' + m.get('cmi.score.max') + ')'],
      ['progress_measure', m.get('cmi.progress_measure') || '—'], ['location', m.get('cmi.location') || '—'], ['entry', m.get('cmi.entry')],
      ['exit', stored(m, 'cmi.exit')], ['session_time', m.store['cmi.session_time'] || '—']
    ], ['completion_status', 'success_status'])
    fillSuspend('cm-2004-', m)
    fillRows('cm-2004-objectives', m, 'cmi.objectives.', ['id', 'completion_status', 'success_status', 'score.scaled'])
    fillRows('cm-2004-interactions', m, 'cmi.interactions.', ['id', 'type', 'learner_response', 'result'], 'result')
    fillCalls('cm-2004-calls', m)
  }

  /** A statement's object id, short: the part after the course's own id. */
  function objectId(id) {
    var course = state.courseId ? state.courseId.replace(/\\/+$/, '') : ''
    return course && id.indexOf(course + '/') === 0 ? '…' + id.slice(course.length) : id
  }
  function resultParts(result) {
    var parts = []
    if (!result) return parts
    if (result.success !== undefined) parts.push(['success: ' + result.success, result.success ? 'correct' : 'wrong'])
    if (result.completion !== undefined) parts.push(['completion: ' + result.completion])
    if (result.score) parts.push(['score: ' + (result.score.scaled !== undefined ? result.score.scaled + ' scaled' : '') + (result.score.raw !== undefined ? ' (' + result.score.raw + ' of ' + result.score.min + '–' + result.score.max + ')' : '')])
    if (result.response !== undefined) parts.push(['response: ' + (result.response === '' ? '""' : result.response)])
    if (result.duration) parts.push(['duration: ' + result.duration])
    return parts
  }
  function renderXapi() {
    var list = byId('cm-statements')
    if (xapi.shown > xapi.statements.length) {
      list.textContent = ''
      xapi.shown = 0
    }
    // Append only what is new, so that an open statement stays open.
    for (; xapi.shown < xapi.statements.length; xapi.shown++) {
      var statement = xapi.statements[xapi.shown]
      var li = el('li')
      li.appendChild(el('span', statement.verb && statement.verb.display ? statement.verb.display['en-US'] : '', 'verb'))
      var object = el('code', objectId(statement.object ? statement.object.id : ''), 'object')
      object.title = statement.object ? statement.object.id : ''
      li.appendChild(object)
      var parts = resultParts(statement.result)
      if (parts.length > 0) {
        var result = el('div', undefined, 'result')
        parts.forEach(function (part, index) {
          if (index > 0) result.appendChild(document.createTextNode(' · '))
          result.appendChild(el('span', part[0], part[1]))
        })
        li.appendChild(result)
      }
      var details = el('details')
      details.appendChild(el('summary', 'JSON'))
      details.appendChild(el('pre', JSON.stringify(statement, null, 2)))
      li.appendChild(details)
      list.insertBefore(li, list.firstChild)
    }
    byId('cm-statements-count').textContent = '(' + xapi.statements.length + ')'
    var progress = xapi.documents.progress
    byId('cm-xapi-state').textContent = progress ? JSON.stringify(progress.body).length + ' characters' : '—'
  }
  function render() {
    if (!byId('cm-core')) return
    renderScorm12()
    renderScorm2004()
    renderXapi()
  }

  function frame() { return byId('cm-course') }
  function showState(next) {
    var build = byId('cm-build')
    var errorCount = next.diagnostics.filter(function (d) { return d.severity === 'error' }).length
    var warningCount = next.diagnostics.length - errorCount
    build.textContent = (errorCount > 0 ? errorCount + (errorCount === 1 ? ' error' : ' errors') : 'built') +
      (warningCount > 0 ? ', ' + warningCount + (warningCount === 1 ? ' warning' : ' warnings') : '') + ' · ' + next.ms + ' ms'
    build.className = 'build ' + (errorCount > 0 ? 'bad' : warningCount > 0 ? 'warn' : 'ok')
    var overlay = byId('cm-overlay')
    var shown = next.diagnostics.filter(function (d) { return d.severity === 'error' })
    overlay.hidden = shown.length === 0
    byId('cm-overlay-title').textContent = shown.length + (shown.length === 1 ? ' error' : ' errors') + ' in ' + next.folder
    var list = byId('cm-diagnostics')
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
    if (next.title) byId('cm-title').textContent = next.title
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
  function showView(name) {
    ['scorm12', 'scorm2004', 'xapi'].forEach(function (view) { byId('cm-view-' + view).hidden = view !== name })
  }
  document.addEventListener('DOMContentLoaded', function () {
    render()
    refresh(false)
    var standard = byId('cm-standard')
    showView(standard.value)
    standard.addEventListener('change', function () { showView(standard.value) })
    byId('cm-reset').addEventListener('click', function () {
      scorm12.reset()
      scorm2004.reset()
      xapi.statements = []
      xapi.documents = {}
      discarding = true
      render()
      frame().contentWindow.location.reload()
    })
    byId('cm-toggle-inspector').addEventListener('click', function (event) {
      var panel = byId('cm-inspector')
      panel.hidden = !panel.hidden
      event.currentTarget.setAttribute('aria-expanded', String(!panel.hidden))
    })
    if (typeof EventSource !== 'undefined') {
      var source = new EventSource('${previewBase}events')
      source.addEventListener('build', function () { refresh(true) })
    }
  })
  window.coursemarkPreview = {
    store: function () { return scorm12.store },
    store2004: function () { return scorm2004.store },
    statements: function () { return xapi.statements }
  }
})();
`
