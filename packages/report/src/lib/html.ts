import {bloomLevels, type ModuleReport, type OutcomeReport, type Report, type TranslationReport, type TranslationState} from './report.js'

/**
 * The report as one self-contained HTML page: inline CSS, no scripts, no external requests
 * (its Content-Security-Policy forbids them), readable on screen and on paper. Pure.
 */
export function renderReportHtml(report: Report): string {
  const {course, totals} = report
  const assessed = totals.questions + totals.scenarios
  const tiles = [
    tile('Self-study', '≈ ' + duration(totals.minutes), 'estimated from ' + number(totals.words) + ' words, media and practice'),
    tile('Classroom', totals.classroomMinutes > 0 ? duration(totals.classroomMinutes) : '—', 'activities with a duration'),
    tile('Modules', String(report.modules.length), number(totals.pages) + ' pages'),
    tile('Outcomes', String(totals.outcomes), bloomSummary(report)),
    tile('Assessments', String(assessed), plural(totals.questions, 'question') + ', ' + plural(totals.scenarios, 'scenario')),
    tile('Coverage gaps', String(totals.gaps), totals.gaps === 0 ? 'every outcome taught and assessed' : 'see the matrix', totals.gaps === 0 ? 'good' : 'bad'),
    ...(report.translations.length > 0
      ? [tile('Translations', String(report.translations.length), report.translations.map((t) => t.language + ' ' + stateLabel[t.status]).join(', '),
          report.translations.every((t) => t.status === 'ok') ? 'good' : 'warn')]
      : [])
  ]
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<title>Report: ${escape(course.title)}</title>
<style>${css}</style>
</head>
<body>
<header class="top">
<p class="eyebrow">coursemark report · <code>${escape(course.slug)}</code> · version ${escape(course.version)} · ${escape(course.language)} · pass mark ${Math.round(course.mastery * 100)} %</p>
<h1>${escape(course.title)}</h1>
<dl class="tiles">${tiles.join('')}</dl>
<nav><a href="#matrix">Outcome alignment</a><a href="#duration">Duration</a><a href="#bloom">Bloom levels</a>${report.translations.length > 0 ? '<a href="#translations">Translations</a>' : ''}<a href="#assumptions">Assumptions</a></nav>
</header>
<main>
${matrixSection(report)}
${durationSection(report)}
${bloomSection(report)}
${report.translations.length > 0 ? translationSection(report.translations) : ''}
${assumptionSection(report)}
</main>
</body>
</html>
`
}

function matrixSection(report: Report): string {
  const modules = report.modules
  const head = modules.map((module, index) =>
    `<th scope="col" class="module" title="${escape(module.title)}"><span class="name">${escape(module.title)}</span><span class="num">${index + 1}</span></th>`).join('')
  const rows = report.outcomes.map((outcome) => outcomeRow(outcome, modules)).join('\n')
  return `<section id="matrix">
<h2>Outcome alignment</h2>
<p class="lead">Each row is a learning outcome, each column a module. A filled square: the module teaches the outcome and
assesses it (the number is how many questions and scenarios). A light square: taught, not assessed there. Amber: assessed in a
module that does not list the outcome. Rows in red have a gap.</p>
<ul class="legend">
<li><span class="cell both">2</span> taught and assessed</li>
<li><span class="cell taught"></span> taught</li>
<li><span class="cell assessed">1</span> assessed, not taught there</li>
<li><span class="cell none"></span> not covered</li>
</ul>
<div class="scroll">
<table class="matrix">
<thead><tr><th scope="col" class="corner">Outcome</th>${head}<th scope="col" class="total">Assessed by</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</div>
</section>`
}

function outcomeRow(outcome: OutcomeReport, modules: ReadonlyArray<ModuleReport>): string {
  const gaps = outcome.gaps.map((gap) => `<span class="chip bad">${gap === 'not-taught' ? 'not taught' : 'not assessed'}</span>`).join(' ')
  const cells = outcome.cells.map((cell, index) => {
    const module = modules[index]!
    const count = cell.assessments.length
    const kind = cell.taught ? (count > 0 ? 'both' : 'taught') : count > 0 ? 'assessed' : 'none'
    const title = module.title + ': ' + (cell.taught ? 'teaches ' + outcome.id : 'does not list ' + outcome.id) +
      (count > 0 ? '; assessed by ' + cell.assessments.join(', ') : '')
    return `<td><span class="cell ${kind}" title="${escape(title)}">${count > 0 ? count : ''}</span></td>`
  }).join('')
  const list = outcome.assessedBy.map((ref) => ref.id).join(', ')
  return `<tr class="${outcome.gaps.length > 0 ? 'gap' : ''}"><th scope="row"><span class="oid">${escape(outcome.id)}</span> <span class="bloom b-${outcome.bloom}">${outcome.bloom}</span> <span class="eqf">EQF ${outcome.eqf} · ${escape(outcome.domain)}</span> ${gaps}<span class="statement">${escape(outcome.statement)}</span></th>${cells}<td class="total" title="${escape(list)}">${outcome.assessedBy.length}</td></tr>`
}

function durationSection(report: Report): string {
  const max = Math.max(1, ...report.modules.map((module) => Math.max(module.minutes.total, module.declaredMinutes ?? 0)))
  const rows = report.modules.map((module, index) => {
    const {reading, media, practice, total} = module.minutes
    const part = (value: number, kind: string, label: string): string =>
      value > 0 ? `<span class="part ${kind}" style="width:${percent(value, max)}%" title="${label}: ${duration(value)}"></span>` : ''
    const declared = module.declaredMinutes === undefined ? '' :
      `<span class="declared" style="left:${percent(module.declaredMinutes, max)}%" title="declared in the front matter: ${module.declaredMinutes} min"></span>`
    const facts = [plural(module.pages, 'page'), number(module.words) + ' words', module.images > 0 ? plural(module.images, 'picture') : '',
      module.media.length > 0 ? plural(module.media.length, 'clip') + (module.media.some((item) => !item.measured) ? ' (length assumed)' : '') : '',
      module.questions > 0 ? plural(module.questions, 'question') : '', module.scenarios > 0 ? plural(module.scenarios, 'scenario') : '',
      module.classroomMinutes > 0 ? module.classroomMinutes + ' min in class' : ''].filter(Boolean).join(' · ')
    return `<tr><th scope="row"><span class="num">${index + 1}</span> ${escape(module.title)}<span class="facts">${facts}</span></th>
<td class="bar"><div class="track">${part(reading, 'reading', 'reading')}${part(media, 'media', 'media')}${part(practice, 'practice', 'practice')}${declared}</div></td>
<td class="minutes">≈ ${duration(total)}${module.declaredMinutes === undefined ? '' : `<span class="facts">declared ${module.declaredMinutes} min</span>`}</td></tr>`
  }).join('\n')
  return `<section id="duration">
<h2>Estimated duration</h2>
<p class="lead">Self-study time per module: reading at ${report.assumptions.wordsPerMinute} words a minute, media at their playing time,
and time to answer, decide and reflect. A tick marks the duration the author declared. Classroom activities are counted apart.</p>
<ul class="legend"><li><span class="swatch reading"></span> reading</li><li><span class="swatch media"></span> video and audio</li><li><span class="swatch practice"></span> questions, scenarios, reflections</li><li><span class="swatch declared-key"></span> declared</li></ul>
<table class="durations">
<tbody>
${rows}
</tbody>
<tfoot><tr><th scope="row">Whole course</th><td></td><td class="minutes">≈ ${duration(report.totals.minutes)}</td></tr></tfoot>
</table>
</section>`
}

function bloomSection(report: Report): string {
  const max = Math.max(1, ...report.bloom.map((row) => Math.max(row.outcomes, row.assessments)))
  const rows = report.bloom.map((row) => `<tr><th scope="row"><span class="bloom b-${row.level}">${row.level}</span></th>
<td class="bar"><div class="pair"><span class="hbar outcomes" style="width:${percent(row.outcomes, max)}%"></span><span class="label">${plural(row.outcomes, 'outcome')}</span></div>
<div class="pair"><span class="hbar b-${row.level}" style="width:${percent(row.assessments, max)}%"></span><span class="label">${plural(row.assessments, 'question')}${row.points > 0 ? ', ' + plural(row.points, 'point') : ''}</span></div></td></tr>`).join('\n')
  const types = Object.entries(report.assessmentTypes).map(([type, count]) => `<li><span class="chip">${escape(type)}</span> ${count}</li>`).join('')
  return `<section id="bloom">
<h2>Questions per Bloom level</h2>
<p class="lead">Questions and scored scenarios take the Bloom level of the outcome they assess. Levels run from remembering to creating.</p>
<table class="bloomtable"><tbody>
${rows}
</tbody></table>
${types ? `<h3>Question types</h3><ul class="types">${types}</ul>` : ''}
</section>`
}

const stateLabel: Readonly<Record<TranslationState, string>> = {ok: 'up to date', outdated: 'outdated', missing: 'missing', mismatch: 'mismatch', errors: 'has errors'}
const stateTone: Readonly<Record<TranslationState, string>> = {ok: 'good', outdated: 'warn', missing: 'bad', mismatch: 'bad', errors: 'bad'}

function translationSection(translations: ReadonlyArray<TranslationReport>): string {
  const cards = translations.map((translation) => {
    const modules = translation.modules.map((module) =>
      `<li><span class="dot ${stateTone[module.status]}" title="${escape(stateLabel[module.status])}"></span><code>${escape(module.id)}</code> ${escape(stateLabel[module.status])}</li>`).join('')
    const problems = translation.problems.map((problem) =>
      `<li><code>${escape(problem.file)}:${problem.line}</code> <span class="chip ${problem.severity === 'error' ? 'bad' : 'warn'}">${escape(problem.rule)}</span> ${escape(problem.message)}</li>`).join('')
    return `<article class="card">
<h3><span class="lang">${escape(translation.language)}</span> <span class="chip ${stateTone[translation.status]}">${stateLabel[translation.status]}</span>${translation.review ? ` <span class="chip">${translation.review}</span>` : ''}</h3>
${translation.title ? `<p class="ttitle">${escape(translation.title)}</p>` : ''}
<p class="facts">${plural(translation.errors, 'error')}, ${plural(translation.warnings, 'warning')}</p>
<ul class="modules">${modules}</ul>
${problems ? `<details><summary>First problems</summary><ul class="problems">${problems}</ul></details>` : ''}
</article>`
  }).join('\n')
  return `<section id="translations">
<h2>Translations</h2>
<p class="lead">Up to date: same structure as the source and made from its current text. Outdated: the source changed since
(update the text, then its <code>sourceHash</code>). Mismatch: ids, answers or structure differ from the source. Missing: listed but not there.</p>
<div class="cards">
${cards}
</div>
</section>`
}

function assumptionSection(report: Report): string {
  const a = report.assumptions
  return `<section id="assumptions" class="assumptions">
<h2>Assumptions</h2>
<ul>
<li>Reading: ${a.wordsPerMinute} words a minute, a pace for adults reading in a second language; ${a.secondsPerImage} s per picture.</li>
<li>Video and audio: their playing time, read from the file (MP4, MP3) or the end of the captions; ${a.defaultMediaSeconds} s when it cannot be read.</li>
<li>Practice: ${a.secondsPerQuestion} s to answer a question, ${a.secondsPerDecision} s per scenario decision, ${a.secondsPerReflection} s per reflection. Every scenario step is counted once.</li>
<li>Trainer notes do not count; classroom activities count by their <code>duration</code>, apart from self-study.</li>
</ul>
<p class="facts">Made by <code>coursemark report</code>. The same course gives the same report.</p>
</section>`
}

function tile(label: string, value: string, note: string, tone?: 'good' | 'bad' | 'warn'): string {
  return `<div class="tile${tone ? ' ' + tone : ''}"><dt>${escape(label)}</dt><dd><span class="value">${escape(value)}</span><span class="note">${escape(note)}</span></dd></div>`
}

function bloomSummary(report: Report): string {
  return report.bloom.filter((row) => row.outcomes > 0).map((row) => row.outcomes + ' ' + row.level).join(', ') || 'none'
}

/** Whole minutes, as `12 min` or `1 h 05 min`. */
export function duration(minutes: number): string {
  const whole = minutes > 0 ? Math.max(1, Math.round(minutes)) : 0
  if (whole < 60) return whole + ' min'
  return Math.floor(whole / 60) + ' h ' + String(whole % 60).padStart(2, '0') + ' min'
}

function percent(value: number, max: number): string {
  return (Math.round((value / max) * 1000) / 10).toString()
}

function plural(count: number, word: string): string {
  return count + ' ' + word + (count === 1 ? '' : 's')
}

function number(value: number): string {
  return value >= 10000 ? value.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ') : String(value)
}

function escape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

// Levels use one hue each, from cool (remember) to warm (create), so the matrix reads at a glance.
const css = `
:root{--ink:#1d2733;--muted:#5f6b7a;--line:#e3e6ea;--paper:#ffffff;--bg:#f5f4f0;--accent:#0f6e66;
--both:#1b7f4b;--taught:#cdeedb;--assessed:#f3c04b;--none:#eef0f3;--bad:#b42318;--badbg:#fdf0ee;--warn:#a15c00;--warnbg:#fff6e0;--good:#1b7f4b;--goodbg:#e8f6ee;
--reading:#2b7a9b;--media:#7b5ea7;--practice:#e09a2b;
--remember:#5b8def;--understand:#34a0a4;--apply:#52a447;--analyse:#d4a017;--evaluate:#e0702b;--create:#c2417a}
*{box-sizing:border-box}
html{background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
body{margin:0 auto;max-width:1180px;padding:28px 28px 48px}
code{font:0.88em ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;background:#eceae4;padding:0 .3em;border-radius:4px}
h1{font-size:1.9rem;line-height:1.2;margin:.1em 0 .6em}
h2{font-size:1.3rem;margin:0 0 .3em}
h3{font-size:1.05rem;margin:1em 0 .4em}
.eyebrow{color:var(--muted);margin:0;font-size:.9rem}
.lead{color:var(--muted);max-width:70ch;margin:.2em 0 1em}
section{background:var(--paper);border:1px solid var(--line);border-radius:14px;padding:22px 24px;margin:0 0 22px;box-shadow:0 1px 2px rgba(20,30,40,.04)}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(135px,1fr));gap:12px;margin:0 0 14px}
.tile{background:var(--paper);border:1px solid var(--line);border-radius:12px;padding:10px 14px;margin:0}
.tile dt{font-size:.78rem;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
.tile dd{margin:0}
.tile .value{display:block;font-size:1.28rem;white-space:nowrap;font-weight:650;line-height:1.25}
.tile .note{display:block;font-size:.8rem;color:var(--muted)}
.tile.good{border-color:#b6e0c6;background:var(--goodbg)}.tile.good .value{color:var(--good)}
.tile.bad{border-color:#f2c4bd;background:var(--badbg)}.tile.bad .value{color:var(--bad)}
.tile.warn{border-color:#f0d9a6;background:var(--warnbg)}.tile.warn .value{color:var(--warn)}
nav{display:flex;flex-wrap:wrap;gap:6px;margin:0 0 22px}
nav a{color:var(--accent);text-decoration:none;border:1px solid var(--line);background:var(--paper);border-radius:999px;padding:3px 12px;font-size:.88rem}
.legend{list-style:none;display:flex;flex-wrap:wrap;gap:18px;padding:0;margin:0 0 12px;font-size:.86rem;color:var(--muted)}
.legend li{display:flex;align-items:center;gap:6px}
.scroll{overflow-x:auto}
table{border-collapse:collapse}
.matrix{width:100%}
.matrix th,.matrix td{border-bottom:1px solid var(--line);padding:6px 4px}
.matrix thead th{border-bottom:2px solid var(--line);vertical-align:bottom}
.matrix .corner{text-align:left;font-size:.8rem;color:var(--muted);font-weight:600;min-width:320px}
.matrix th.module{width:44px;font-weight:500;font-size:.8rem;color:var(--muted)}
.matrix th.module .num{display:block;font-weight:700;color:var(--ink);text-align:center;margin-top:4px}
.matrix th.module .name{display:block;writing-mode:vertical-rl;transform:rotate(180deg);height:13em;text-align:left;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;margin:0 auto}
.matrix tbody th{text-align:left;font-weight:400;padding-right:14px}
.matrix td{text-align:center}
.matrix .total{font-weight:650;text-align:center;font-size:.9rem;width:70px}
.matrix thead .total{font-size:.75rem;color:var(--muted);font-weight:600}
.oid{font-weight:700}
.statement{display:block;font-size:.88rem;color:#394452;margin-top:2px}
.eqf{font-size:.75rem;color:var(--muted)}
tr.gap th{box-shadow:inset 4px 0 0 var(--bad);padding-left:10px;background:var(--badbg)}
tr.gap td{background:var(--badbg)}
.cell{display:inline-flex;align-items:center;justify-content:center;width:30px;height:30px;border-radius:8px;font-weight:700;font-size:.85rem;vertical-align:middle}
.cell.both{background:var(--both);color:#fff}
.cell.taught{background:var(--taught);border:1px solid #9fd8b6}
.cell.assessed{background:var(--assessed);color:#4a3300}
.cell.none{background:var(--none);width:12px;height:12px;border-radius:50%}
.legend .cell{width:22px;height:22px;font-size:.75rem;border-radius:6px}
.legend .cell.none{width:10px;height:10px}
.chip{display:inline-block;border-radius:999px;padding:0 8px;font-size:.75rem;font-weight:600;background:#eceff3;color:#394452;vertical-align:1px}
.chip.bad{background:var(--badbg);color:var(--bad);border:1px solid #f2c4bd}
.chip.warn{background:var(--warnbg);color:var(--warn);border:1px solid #f0d9a6}
.chip.good{background:var(--goodbg);color:var(--good);border:1px solid #b6e0c6}
.bloom{display:inline-block;border-radius:6px;padding:0 7px;font-size:.75rem;font-weight:600;color:#fff;vertical-align:1px}
.b-remember{background:var(--remember)}.b-understand{background:var(--understand)}.b-apply{background:var(--apply)}
.b-analyse{background:var(--analyse)}.b-evaluate{background:var(--evaluate)}.b-create{background:var(--create)}
.durations{width:100%}
.durations th,.durations td{padding:8px 6px;border-bottom:1px solid var(--line);text-align:left;vertical-align:middle}
.durations tbody th{font-weight:500;width:36%}
.durations .num{display:inline-block;min-width:1.6em;height:1.6em;line-height:1.6em;text-align:center;border-radius:50%;background:#eceff3;font-weight:700;font-size:.8rem;margin-right:4px}
.facts{display:block;font-size:.8rem;color:var(--muted);font-weight:400}
.durations .minutes{width:120px;font-weight:650;white-space:nowrap}
.durations tfoot th,.durations tfoot td{border-bottom:0;font-weight:700}
.track{position:relative;display:flex;height:16px;background:#f0f1f3;border-radius:8px;overflow:visible}
.part{height:100%}
.part:first-child{border-radius:8px 0 0 8px}
.part:last-of-type{border-radius:0 8px 8px 0}
.part.reading,.swatch.reading{background:var(--reading)}
.part.media,.swatch.media{background:var(--media)}
.part.practice,.swatch.practice{background:var(--practice)}
.declared{position:absolute;top:-4px;width:3px;height:24px;background:var(--ink);border-radius:2px;margin-left:-1px}
.swatch{display:inline-block;width:14px;height:14px;border-radius:4px}
.swatch.declared-key{width:3px;height:16px;background:var(--ink);border-radius:2px}
.bloomtable{width:100%}
.bloomtable th{width:130px;text-align:left;font-weight:500;padding:6px 0}
.bloomtable td{padding:6px 0;border-bottom:1px solid var(--line)}
.pair{display:flex;align-items:center;gap:8px;margin:2px 0}
.hbar{display:inline-block;height:12px;border-radius:6px;min-width:2px}
.hbar.outcomes{background:#c7ccd4}
.pair .label{font-size:.82rem;color:var(--muted);white-space:nowrap}
.types{list-style:none;display:flex;flex-wrap:wrap;gap:14px;padding:0;margin:0}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:14px}
.card{border:1px solid var(--line);border-radius:12px;padding:12px 16px}
.card h3{margin:0 0 4px}
.lang{font-size:1.3rem;font-weight:750;text-transform:uppercase;margin-right:4px}
.ttitle{margin:0 0 4px;font-size:.9rem}
.modules{list-style:none;padding:0;margin:8px 0 0;font-size:.85rem}
.modules li{margin:2px 0}
.dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:6px;background:#c7ccd4}
.dot.good{background:var(--good)}.dot.warn{background:#e0a526}.dot.bad{background:var(--bad)}
.problems{font-size:.82rem;padding-left:18px}
details summary{cursor:pointer;color:var(--accent);font-size:.85rem;margin-top:8px}
.assumptions ul{margin:0;padding-left:20px;color:#394452}
@media print{html{background:#fff;font-size:11pt}body{max-width:none;padding:0}section{box-shadow:none;break-inside:avoid;border-color:#ccc}nav{display:none}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}.scroll{overflow:visible}}
`
