import type {ActivityBlock, Course, Module, Page, Question, QuizBlock, ReflectionBlock, ScenarioBlock, TrainerBlock} from '@coursemark/model'
import {bestPath} from './scenario.js'
import {guideLabelsFor, type GuideLabels} from './labels.js'

/** Configuration for `renderGuide` (optional). */
export interface GuideOptions {
  /** Texts of the guide, over those of the course's language (optional). */
  readonly labels?: Partial<GuideLabels> | null | undefined
  /** Bytes of the course's files by course path: pictures are embedded, so the guide stays one file (optional). */
  readonly media?: ReadonlyMap<string, Uint8Array> | null | undefined
}

/**
 * The printable trainer guide of a course, as one offline HTML page: cover, learning outcomes,
 * a session plan per module (trainer notes, classroom activities with durations, reflections),
 * the answer key of every question and scenario, and the glossary. Give it the full course
 * (not `forLearners`): trainer notes are its point. Pure and deterministic.
 */
export function renderGuide(course: Course, options?: GuideOptions | null): string {
  const l: GuideLabels = {...guideLabelsFor(course.language), ...options?.labels}
  const media = options?.media ?? new Map<string, Uint8Array>()
  const html = (value: string): string => embed(value, media, l)
  const activities = course.modules.flatMap((module) => module.pages.flatMap((page) => page.blocks.filter((block): block is ActivityBlock => block.type === 'activity')))
  const classroom = activities.reduce((sum, activity) => sum + (activity.duration ?? 0), 0)
  const facts: Array<[string, string]> = [
    [l.version, course.version],
    [l.language, course.language],
    [l.passMark, Math.round(course.mastery * 100) + ' %'],
    [l.classroomTime, activities.length + (classroom > 0 ? ' · ' + classroom + ' ' + l.minutes : '')],
    ...(course.authors.length > 0 ? [[l.authors, course.authors.join('; ')] as [string, string]] : []),
    ...(course.license ? [[l.license, course.license] as [string, string]] : [])
  ]
  const toc = course.modules.map((module, index) => `<li><a href="#m-${attr(module.id)}">${l.module} ${index + 1}: ${text(module.title)}</a></li>`).join('')
  return `<!doctype html>
<html lang="${attr(course.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<title>${text(l.guide)}: ${text(course.title)}</title>
<style>${css}</style>
</head>
<body>
<header class="cover">
<p class="eyebrow">${text(l.guide)}</p>
<h1>${text(course.title)}</h1>
<p class="description">${text(course.description)}</p>
${course.translation?.status === 'draft' ? `<p class="draft">${text(l.draftTranslation)}</p>` : ''}
<dl class="facts">${facts.map(([key, value]) => `<div><dt>${text(key)}</dt><dd>${text(value)}</dd></div>`).join('')}</dl>
<nav class="toc"><h2>${text(l.contents)}</h2><ol><li><a href="#outcomes">${text(l.outcomes)}</a></li><li><a href="#plan">${text(l.plan)}</a><ol>${toc}</ol></li><li><a href="#answers">${text(l.answers)}</a></li><li><a href="#glossary">${text(l.glossary)}</a></li></ol></nav>
</header>
<main>
${outcomesSection(course, l)}
<section id="plan" class="chapter">
<h2>${text(l.plan)}</h2>
${course.modules.map((module, index) => planOf(module, index, l, html)).join('\n')}
</section>
${answersSection(course, l, html)}
${glossarySection(course, l)}
</main>
</body>
</html>
`
}

function outcomesSection(course: Course, l: GuideLabels): string {
  const rows = course.outcomes.map((outcome) => {
    const modules = course.modules.map((module, index) => (module.outcomes.includes(outcome.id) ? index + 1 : 0)).filter((n) => n > 0)
    const assessments = course.modules.flatMap((module) => module.pages.flatMap((page) => page.blocks.flatMap((block) =>
      block.type === 'quiz' ? block.questions.filter((q) => q.outcome === outcome.id).map((q) => q.id) : block.type === 'scenario' && block.outcome === outcome.id ? [block.id] : [])))
    return `<tr><th scope="row">${text(outcome.id)}</th><td>${text(outcome.statement)}<span class="meta">${text(outcome.bloom)} · ${text(outcome.domain)} · EQF ${outcome.eqf}</span></td><td>${modules.join(', ')}</td><td>${assessments.map(text).join(', ')}</td></tr>`
  }).join('\n')
  return `<section id="outcomes" class="chapter">
<h2>${text(l.outcomes)}</h2>
<table class="outcomes"><thead><tr><th scope="col">Id</th><th scope="col">${text(l.outcomes)}</th><th scope="col">${text(l.taughtIn)}</th><th scope="col">${text(l.assessedBy)}</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</section>`
}

function planOf(module: Module, index: number, l: GuideLabels, html: (value: string) => string): string {
  const classroom = module.pages.flatMap((page) => page.blocks).reduce((sum, block) => sum + (block.type === 'activity' ? block.duration ?? 0 : 0), 0)
  const meta = [
    module.duration !== undefined ? l.duration + ': ' + module.duration + ' ' + l.minutes : '',
    classroom > 0 ? l.classroomTime + ': ' + classroom + ' ' + l.minutes : '',
    l.teaches + ': ' + module.outcomes.join(', ')
  ].filter(Boolean).join(' · ')
  const pages = module.pages.map((page) => pageOf(page, l, html)).join('\n')
  return `<article class="module" id="m-${attr(module.id)}">
<h3><span class="num">${l.module} ${index + 1}</span> ${text(module.title)}</h3>
<p class="meta">${text(meta)}</p>
${module.description ? `<p>${text(module.description)}</p>` : ''}
<ol class="pages">
${pages}
</ol>
</article>`
}

function pageOf(page: Page, l: GuideLabels, html: (value: string) => string): string {
  const parts = page.blocks.map((block) => {
    switch (block.type) {
      case 'trainer':
        return trainerOf(block, l, html)
      case 'activity':
        return activityOf(block, l, html)
      case 'reflection':
        return reflectionOf(block, l, html)
      default:
        return ''
    }
  }).filter(Boolean)
  return `<li class="page"><h4>${text(page.title)}</h4>${parts.length > 0 ? parts.join('\n') : `<p class="none">${text(l.noTrainerMaterial)}</p>`}</li>`
}

function trainerOf(block: TrainerBlock, l: GuideLabels, html: (value: string) => string): string {
  return `<aside class="trainer"><p class="label">${text(l.trainerNote)}</p>${html(block.html)}</aside>`
}

function activityOf(block: ActivityBlock, l: GuideLabels, html: (value: string) => string): string {
  const time = block.duration !== undefined ? `<span class="time">${block.duration} ${text(l.minutes)}</span>` : ''
  return `<div class="activity"><p class="label">${text(l.activity)}: <strong>${text(block.title)}</strong> ${time}</p>${html(block.html)}</div>`
}

function reflectionOf(block: ReflectionBlock, l: GuideLabels, html: (value: string) => string): string {
  return `<div class="reflection"><p class="label">${text(l.reflection)} <code>${text(block.id)}</code></p>${html(block.html)}</div>`
}

function answersSection(course: Course, l: GuideLabels, html: (value: string) => string): string {
  let number = 0
  const modules = course.modules.map((module, index) => {
    const items = module.pages.flatMap((page) => page.blocks).flatMap((block) => {
      if (block.type === 'quiz') return [quizOf(block, l, html, () => ++number)]
      if (block.type === 'scenario') return [scenarioOf(block, l, html)]
      return []
    })
    if (items.length === 0) return ''
    return `<article class="module"><h3><span class="num">${l.module} ${index + 1}</span> ${text(module.title)}</h3>\n${items.join('\n')}</article>`
  }).filter(Boolean)
  return `<section id="answers" class="chapter">
<h2>${text(l.answers)}</h2>
${modules.length > 0 ? modules.join('\n') : `<p>${text(l.noAssessments)}</p>`}
</section>`
}

function quizOf(quiz: QuizBlock, l: GuideLabels, html: (value: string) => string, next: () => number): string {
  const questions = quiz.questions.map((question) => questionOf(question, next(), l, html)).join('\n')
  return `<div class="quiz"><h4>${quiz.title ? text(quiz.title) + ' ' : ''}<code>${text(quiz.id)}</code></h4>\n${questions}</div>`
}

function questionOf(question: Question, number: number, l: GuideLabels, html: (value: string) => string): string {
  const head = `<p class="qhead"><span class="qnum">${text(l.question)} ${number}</span> <code>${text(question.id)}</code> · ${text(question.type)} · ${text(l.outcome)} ${text(question.outcome)} · ${points(question.points, l)}</p>`
  const explanation = question.feedback ? `<div class="explanation"><p class="label">${text(l.explanation)}</p>${html(question.feedback)}</div>` : ''
  return `<div class="question">${head}<div class="prompt">${html(question.prompt)}</div><div class="key">${answerOf(question, l, html)}</div>${explanation}</div>`
}

function answerOf(question: Question, l: GuideLabels, html: (value: string) => string): string {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return `<ul class="choices">${question.choices.map((choice) =>
        `<li class="${choice.correct ? 'right' : 'wrong'}"><span class="mark" aria-label="${choice.correct ? attr(l.correct) : ''}">${choice.correct ? '✔' : '✗'}</span> ${html(choice.html)}${choice.feedback ? `<div class="feedback">${html(choice.feedback)}</div>` : ''}</li>`).join('')}</ul>`
    case 'true-false':
      return `<p><strong>${text(l.answer)}: ${text(question.answer ? l.trueLabel : l.falseLabel)}</strong></p>`
    case 'order':
      return `<ol class="order">${question.items.map((item) => `<li>${html(item.html)}</li>`).join('')}</ol>`
    case 'match':
      return `<table class="match"><thead><tr><th scope="col">${text(question.headers[0])}</th><th scope="col">${text(question.headers[1])}</th></tr></thead><tbody>${question.sources.map((source, index) =>
        `<tr><td>${html(source.html)}</td><td>${html(question.targets[index]?.html ?? '')}</td></tr>`).join('')}</tbody></table>`
    case 'text':
      return `<p><strong>${text(l.acceptedAnswers)}:</strong> ${question.accepted.map((answer) => `<span class="accepted">${text(answer)}</span>`).join(' ')}</p>`
    case 'numeric':
      return `<p><strong>${text(l.answer)}: ${question.answer}</strong>${question.tolerance > 0 ? ` (± ${question.tolerance}, ${text(l.tolerance)})` : ''}</p>`
  }
}

function scenarioOf(scenario: ScenarioBlock, l: GuideLabels, html: (value: string) => string): string {
  const path = bestPath(scenario)
  const rows = scenario.steps.map((step) => {
    const choices = step.choices.map((choice) => `<li>${html(choice.html)} → <code>${text(choice.next)}</code>${choice.feedback ? `<div class="feedback">${html(choice.feedback)}</div>` : ''}</li>`).join('')
    const ending = step.result ? `<span class="result ${step.result}">${text(l.ending)}: ${text(l[step.result])}</span>` : ''
    return `<tr class="${path.includes(step.id) ? 'onpath' : ''}"><th scope="row"><code>${text(step.id)}</code></th><td>${html(step.html)}${ending}</td><td>${choices ? `<ul>${choices}</ul>` : ''}</td></tr>`
  }).join('\n')
  const scoring = scenario.outcome ? `${text(l.outcome)} ${text(scenario.outcome)} · ${points(scenario.points, l)}` : text(l.notScored)
  return `<div class="scenario"><h4>${text(l.scenario)}: ${text(scenario.title ?? scenario.id)} <code>${text(scenario.id)}</code></h4>
<p class="meta">${scoring}</p>
<p class="path"><strong>${text(l.bestPath)}:</strong> ${path.map((id) => `<code>${text(id)}</code>`).join(' → ')}</p>
<table class="steps"><thead><tr><th scope="col">${text(l.step)}</th><th scope="col">${text(l.scenario)}</th><th scope="col">${text(l.choices)}</th></tr></thead><tbody>
${rows}
</tbody></table></div>`
}

function glossarySection(course: Course, l: GuideLabels): string {
  const terms = [...course.glossary].sort((a, b) => a.term.localeCompare(b.term, course.language))
  return `<section id="glossary" class="chapter">
<h2>${text(l.glossary)}</h2>
${terms.length > 0 ? `<dl class="glossary">${terms.map((term) => `<dt>${text(term.term)}</dt><dd>${text(term.definition)}</dd>`).join('')}</dl>` : `<p>${text(l.noGlossary)}</p>`}
</section>`
}

const mimeTypes: Readonly<Record<string, string>> = {svg: 'image/svg+xml', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif'}

/**
 * Make sanitized course HTML stand alone: pictures become `data:` URLs (when their bytes are
 * given), video and audio become a line naming the file (a printed page cannot play them).
 */
function embed(value: string, media: ReadonlyMap<string, Uint8Array>, l: GuideLabels): string {
  return value
    .replace(/<(video|audio)\b([^>]*)>[\s\S]*?<\/\1>/g, (_, kind: string, attributes: string) => {
      const src = /\ssrc="([^"]*)"/.exec(attributes)?.[1] ?? ''
      return `<span class="media">${text(l.media)} (${kind}): <code>${src}</code></span>`
    })
    .replace(/(<img\b[^>]*\ssrc=")([^"]*)(")/g, (whole, before: string, src: string, after: string) => {
      const file = src.replace(/&amp;/g, '&')
      const bytes = media.get(file)
      const type = mimeTypes[/\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase() ?? '']
      return bytes && type ? before + 'data:' + type + ';base64,' + base64(bytes) + after : whole
    })
}

function base64(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  let out = ''
  for (let index = 0; index < bytes.length; index += 3) {
    const a = bytes[index]!
    const b = bytes[index + 1]
    const c = bytes[index + 2]
    out += alphabet[a >> 2]! + alphabet[((a & 3) << 4) | ((b ?? 0) >> 4)]! +
      (b === undefined ? '=' : alphabet[((b & 15) << 2) | ((c ?? 0) >> 6)]!) + (c === undefined ? '=' : alphabet[c & 63]!)
  }
  return out
}

function points(count: number, l: GuideLabels): string {
  return text(l.points) + ': ' + count
}

function text(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;')
}

const css = `
:root{--ink:#1d2733;--muted:#5f6b7a;--line:#dfe3e8;--accent:#0f6e66;--trainer:#fff7e0;--trainerline:#e8c66a;--activity:#eaf4fb;--activityline:#8cbfe0;--right:#1b7f4b;--wrong:#9aa3ad}
*{box-sizing:border-box}
html{color:var(--ink);font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;background:#fff}
body{max-width:900px;margin:0 auto;padding:32px 28px 60px}
h1{font-size:2rem;line-height:1.2;margin:.2em 0 .4em}
h2{font-size:1.45rem;border-bottom:2px solid var(--ink);padding-bottom:4px;margin:1.6em 0 .8em}
h3{font-size:1.2rem;margin:1.4em 0 .3em}
h4{font-size:1rem;margin:1em 0 .3em}
code{font:0.85em ui-monospace,Menlo,Consolas,monospace;background:#f0f1f3;padding:0 .3em;border-radius:3px}
img{max-width:100%;height:auto}
.eyebrow{text-transform:uppercase;letter-spacing:.08em;color:var(--accent);font-weight:700;margin:0}
.description{font-size:1.05rem;color:#394452;max-width:65ch}
.draft{background:var(--trainer);border-left:4px solid var(--trainerline);padding:6px 10px}
.facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:8px 20px;margin:18px 0}
.facts div{border-top:1px solid var(--line);padding-top:4px}
.facts dt{font-size:.75rem;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
.facts dd{margin:0;font-weight:600}
.toc h2{border:0;font-size:1.1rem;margin:1em 0 .3em}
.toc ol{margin:0;padding-left:1.4em}
.toc a{color:var(--accent);text-decoration:none}
table{border-collapse:collapse;width:100%;margin:.4em 0 1em}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
thead th{font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);border-bottom:2px solid var(--line)}
.meta{display:block;color:var(--muted);font-size:.85rem;margin:0 0 .4em}
.num{color:var(--accent);font-weight:700;margin-right:.3em}
.pages{padding-left:1.4em}
.page{margin:0 0 .8em}
.page h4{margin:.6em 0 .3em}
.none{color:var(--muted);font-size:.88rem;margin:0}
.label{font-size:.78rem;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);margin:0 0 .2em}
.trainer{background:var(--trainer);border-left:4px solid var(--trainerline);padding:8px 12px;margin:.4em 0;break-inside:avoid}
.activity{background:var(--activity);border-left:4px solid var(--activityline);padding:8px 12px;margin:.4em 0;break-inside:avoid}
.activity .label strong{color:var(--ink);text-transform:none;letter-spacing:0;font-size:.95rem}
.time{display:inline-block;background:#fff;border:1px solid var(--activityline);border-radius:999px;padding:0 8px;font-weight:700;color:var(--ink);letter-spacing:0}
.reflection{border-left:4px solid var(--line);padding:4px 12px;margin:.4em 0}
.trainer p,.activity p,.reflection p{margin:.2em 0}
.question{border:1px solid var(--line);border-radius:8px;padding:10px 14px;margin:.6em 0;break-inside:avoid}
.qhead{font-size:.82rem;color:var(--muted);margin:0 0 .3em}
.qnum{font-weight:700;color:var(--ink)}
.prompt p{margin:.2em 0}
.key{margin:.4em 0}
.choices{list-style:none;padding:0;margin:.3em 0}
.choices li{margin:.15em 0;padding-left:1.6em;text-indent:-1.6em}
.choices li.right{font-weight:600}
.choices li.wrong{color:#4b5563}
.mark{display:inline-block;width:1.4em;text-indent:0;text-align:center}
.right .mark{color:var(--right)}
.wrong .mark{color:var(--wrong)}
.feedback{font-weight:400;color:var(--muted);font-size:.88rem;text-indent:0}
.feedback p{margin:0}
.accepted{display:inline-block;border:1px solid var(--right);border-radius:4px;padding:0 6px;margin:0 4px 2px 0}
.explanation{border-top:1px dashed var(--line);margin-top:.5em;padding-top:.3em;font-size:.92rem}
.explanation p{margin:.2em 0}
.scenario{margin:1em 0}
.steps td ul{margin:0;padding-left:1.1em}
.steps th{white-space:nowrap}
.steps td p{margin:0 0 .3em}
.steps tr.onpath th{box-shadow:inset 4px 0 0 var(--right)}
.result{display:inline-block;margin-top:4px;border-radius:999px;padding:0 8px;font-size:.8rem;font-weight:700}
.result.good{background:#e3f4ea;color:var(--right)}.result.partial{background:#fff2d6;color:#8a5a00}.result.poor{background:#fdecea;color:#b42318}
.glossary dt{font-weight:700;margin-top:.6em}
.glossary dd{margin:0 0 0 1.2em}
.media{display:block;color:var(--muted);font-style:italic}
@page{size:A4;margin:16mm 15mm 18mm}
@media print{
html{font-size:10.5pt}
body{max-width:none;padding:0}
.chapter{break-before:page}
.module{break-before:auto}
h2,h3,h4{break-after:avoid}
.toc a{color:var(--ink)}
.trainer,.activity,.result,.accepted,code{-webkit-print-color-adjust:exact;print-color-adjust:exact}
a{color:inherit;text-decoration:none}
}
`
