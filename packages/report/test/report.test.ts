import fs from 'node:fs/promises'
import {describe, expect, test} from 'vitest'
import {compileCourse} from '@coursemark/compiler'
import type {Diagnostic} from '@coursemark/diagnostics'
import type {Course} from '@coursemark/model'
import {countWords, createReport, duration, mediaSeconds, renderReportHtml, textOfHtml} from '@coursemark/report'

const yaml = `id: https://example.org/courses/r
title: Report test
version: 1.0.0
language: en
description: A course for report tests.
outcomes:
  - {id: LO1, statement: Explain boundaries., bloom: understand, domain: knowledge, eqf: 4}
  - {id: LO2, statement: Apply the rules., bloom: apply, domain: skills, eqf: 4}
  - {id: LO3, statement: Judge a request., bloom: evaluate, domain: skills, eqf: 5}
modules:
  - modules/a.md
  - modules/b.md
`

// 180 words of reading in module a: 36 × "one two three four five".
const words = Array.from({length: 36}, () => 'one two three four five').join(' ')

const moduleA = `---
id: a
title: Module A
outcomes: [LO1, LO3]
duration: 5
---

## Read

${words}

::video{src=../media/clip.mp4 captions=../media/clip.vtt title="A clip"}

:::trainer
These trainer words never count towards learner time at all.
:::

:::activity{title="Talk" duration=15}
Talk.
:::

## Check

:::quiz{id=qa}
::::question{id=q1 type=true-false answer=true outcome=LO1}
True?
::::
::::question{id=q2 type=single outcome=LO2 points=2}
Pick.

- [x] Yes
- [ ] No
::::
:::
`

const moduleB = `---
id: b
title: Module B
outcomes: [LO2]
---

## Only text

Short.
`

function compile(files: Record<string, string>): Course {
  const result = compileCourse({slug: 'r', files: new Map(Object.entries(files)), assets: new Set([...Object.keys(files), 'media/clip.mp4', 'media/clip.vtt'])})
  expect(result.messages.filter((m) => m.fatal).map((m) => m.reason)).toEqual([])
  return result.course!
}

const course = compile({'course.yaml': yaml, 'modules/a.md': moduleA, 'modules/b.md': moduleB})

describe('createReport', () => {
  test('matrix: taught, assessed, assessed without teaching; gaps per outcome', () => {
    const report = createReport({course})
    const [lo1, lo2, lo3] = report.outcomes
    expect(lo1!.cells).toEqual([{module: 'a', taught: true, assessments: ['q1']}, {module: 'b', taught: false, assessments: []}])
    expect(lo1!.gaps).toEqual([])
    // LO2 is taught in b, assessed in a (which does not list it).
    expect(lo2!.taughtBy).toEqual(['b'])
    expect(lo2!.assessedBy).toEqual([{kind: 'question', id: 'q2', type: 'single', module: 'a', quiz: 'qa', points: 2}])
    expect(lo2!.assessedWithoutTeaching).toEqual(['a'])
    // LO3 is taught but never assessed.
    expect(lo3!.gaps).toEqual(['not-assessed'])
    expect(report.totals.gaps).toBe(1)
  })

  test('an outcome no module teaches is a not-taught gap', () => {
    const untaught: Course = {...course, modules: course.modules.map((module) => ({...module, outcomes: module.outcomes.filter((id) => id !== 'LO1')}))}
    const report = createReport({course: untaught})
    expect(report.outcomes[0]!.gaps).toEqual(['not-taught'])
    expect(report.outcomes[0]!.cells[0]).toEqual({module: 'a', taught: false, assessments: ['q1']})
  })

  test('duration: 180 words a minute, media playing time, practice; trainer notes excluded; classroom apart', () => {
    const report = createReport({course, mediaSeconds: new Map([['media/clip.mp4', 90]])})
    const a = report.modules[0]!
    // 180 words of text + the clip's caption "A clip" + "Talk." + "True?" + "Pick. Yes No" = 187 words.
    expect(a.words).toBe(187)
    expect(a.media).toEqual([{path: 'media/clip.mp4', kind: 'video', seconds: 90, measured: true}])
    expect(a.minutes).toEqual({reading: 1, media: 1.5, practice: 1, total: 3.5})
    expect(a.classroomMinutes).toBe(15)
    expect(a.declaredMinutes).toBe(5)
    expect(a.activities).toEqual([{title: 'Talk', minutes: 15}])
    expect(report.totals.classroomMinutes).toBe(15)
  })

  test('duration: a clip falls back to its captions, then to the assumed length', () => {
    expect(createReport({course, mediaSeconds: new Map([['media/clip.vtt', 42]])}).modules[0]!.media[0]).toMatchObject({seconds: 42, measured: true})
    expect(createReport({course}).modules[0]!.media[0]).toMatchObject({seconds: 120, measured: false})
    expect(createReport({course, assumptions: {defaultMediaSeconds: 60, wordsPerMinute: 90}}).modules[0]!.minutes.reading).toBe(2.1)
  })

  test('Bloom levels and assessment types', () => {
    const report = createReport({course})
    expect(report.bloom.map((row) => [row.level, row.outcomes, row.assessments, row.points])).toEqual([
      ['remember', 0, 0, 0], ['understand', 1, 1, 1], ['apply', 1, 1, 2], ['analyse', 0, 0, 0], ['evaluate', 1, 0, 0], ['create', 0, 0, 0]
    ])
    expect(report.assessmentTypes).toEqual({single: 1, 'true-false': 1})
  })

  test('translation status: ok, outdated, mismatch, missing, errors; per module', () => {
    const at = (file: string, rule: string, severity: 'error' | 'warning' = 'error'): Diagnostic => ({file, line: 1, column: 1, severity, rule, message: rule})
    const files = ['translations/de/course.yaml', 'translations/de/modules/a.md', 'translations/de/modules/b.md']
    const report = createReport({course, translations: [
      {language: 'de', diagnostics: [], files, course: {...course, language: 'de', translation: {sourceLanguage: 'en', status: 'reviewed'}}},
      {language: 'fr', diagnostics: [at('translations/fr/modules/b.md', 'translation-outdated', 'warning')], files: files.map((f) => f.replace('/de/', '/fr/'))},
      {language: 'sl', diagnostics: [at('translations/sl/modules/a.md', 'translation-mismatch'), at('translations/sl/modules/b.md', 'translation-outdated', 'warning')], files: files.map((f) => f.replace('/de/', '/sl/'))},
      {language: 'cs', diagnostics: [at('course.yaml', 'translation-missing')]},
      {language: 'it', diagnostics: [], files: ['translations/it/course.yaml', 'translations/it/modules/a.md']},
      {language: 'pt', diagnostics: [at('translations/pt/modules/a.md', 'unknown-directive')], files: files.map((f) => f.replace('/de/', '/pt/'))}
    ]})
    expect(report.translations.map((t) => [t.language, t.status, t.modules.map((m) => m.status)])).toEqual([
      ['de', 'ok', ['ok', 'ok']],
      ['fr', 'outdated', ['ok', 'outdated']],
      ['sl', 'mismatch', ['mismatch', 'outdated']],
      ['cs', 'missing', ['missing', 'missing']],
      ['it', 'missing', ['ok', 'missing']],
      ['pt', 'errors', ['errors', 'ok']]
    ])
    expect(report.translations[0]!.review).toBe('reviewed')
    expect(report.translations[2]).toMatchObject({errors: 1, warnings: 1})
  })

  test('is plain JSON and deterministic', () => {
    const report = createReport({course})
    expect(JSON.parse(JSON.stringify(report))).toEqual(report)
    expect(renderReportHtml(createReport({course}))).toBe(renderReportHtml(report))
  })
})

describe('renderReportHtml', () => {
  test('one offline page: inline CSS, no script, no external address, a strict CSP', () => {
    const html = renderReportHtml(createReport({course}))
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'`)
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(/i)
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//)
  })

  test('highlights gap rows and escapes author text', () => {
    const risky: Course = {...course, title: 'A <b>bold</b> & "quoted" title', outcomes: course.outcomes.map((o) => (o.id === 'LO3' ? {...o, statement: '<script>alert(1)</script>'} : o))}
    const html = renderReportHtml(createReport({course: risky}))
    expect(html).toContain('<h1>A &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; title</h1>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html.match(/<tr class="gap">/g)).toHaveLength(1)
    expect(html).toContain('<span class="chip bad">not assessed</span>')
  })

  test('duration() formats whole minutes', () => {
    expect([duration(0), duration(0.2), duration(12.4), duration(59.6), duration(97)]).toEqual(['0 min', '1 min', '12 min', '1 h 00 min', '1 h 37 min'])
  })
})

describe('mediaSeconds and words', () => {
  test('reads MP4 (mvhd), WebVTT (last cue) and MP3 (Xing or constant bit rate)', async () => {
    // An `mvhd` box, version 0: time scale 1000, duration 14 500.
    const mp4 = new Uint8Array(40)
    const view = new DataView(mp4.buffer)
    view.setUint32(0, 108)
    mp4.set([0x6d, 0x76, 0x68, 0x64], 4)
    view.setUint32(20, 1000)
    view.setUint32(24, 14500)
    expect(mediaSeconds('clip.MP4', mp4)).toBe(14.5)
    // Version 1: 64-bit duration at another offset.
    const v1 = new Uint8Array(48)
    const view1 = new DataView(v1.buffer)
    v1.set([0x6d, 0x76, 0x68, 0x64, 1], 4)
    view1.setUint32(28, 600)
    view1.setBigUint64(32, 36000n)
    expect(mediaSeconds('clip.m4a', v1)).toBe(60)
    // The example's placeholder clip is text, not MP4.
    const placeholder = new Uint8Array(await fs.readFile(new URL('../../../examples/directives-tour/media/welcome.mp4', import.meta.url)))
    expect(mediaSeconds('welcome.mp4', placeholder)).toBeUndefined()
    expect(mediaSeconds('c.vtt', new TextEncoder().encode('WEBVTT\n\n00:00.000 --> 00:04.500\nHi\n\n00:01:04.000 --> 00:01:10.250\nBye\n'))).toBe(70.25)
    // A constant bit rate MPEG-1 layer III stream: 128 kbit/s, 44.1 kHz; 32 000 bytes are 2 s.
    const frame = [0xff, 0xfb, 0x90, 0x00]
    const mp3 = new Uint8Array(32000)
    mp3.set(frame, 0)
    expect(mediaSeconds('a.mp3', mp3)).toBe(2)
    expect(mediaSeconds('a.webm', mp3)).toBeUndefined()
    expect(mediaSeconds('a.mp4', new Uint8Array(10))).toBeUndefined()
  })

  test('counts words of visible text', () => {
    expect(textOfHtml('<p>Caf&eacute; &amp; <strong>bar</strong>&#33;</p>')).toBe(' Caf&eacute; &  bar ! ')
    expect(countWords('One, two — three 4 !')).toBe(4)
    expect(countWords(textOfHtml('<p>Grüße aus Ljubljana</p>'))).toBe(3)
  })
})
