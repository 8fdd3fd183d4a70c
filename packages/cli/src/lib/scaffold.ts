/** What `scaffoldCourse` needs. */
export interface ScaffoldOptions {
  /** Folder name of the new course: used in its id and in package names. */
  readonly slug: string
  /** Course title (default: made from the slug). */
  readonly title?: string | null | undefined
  /**
   * Path from the course folder to `schemas/course.schema.json`, `/`-separated, for the
   * `# yaml-language-server: $schema=` line (default: none, a comment explains how to add it).
   */
  readonly schema?: string | null | undefined
}

/**
 * The files of a new course, by `/`-separated relative path: a `course.yaml`, one module that
 * shows each main construct (pages, a note, a glossary term, a picture, trainer notes, an
 * activity, a quiz with two question types, a branching scenario) and its picture. Pure.
 */
export function scaffoldCourse(options: ScaffoldOptions): Map<string, string> {
  const slug = options.slug
  const title = options.title ?? titleOf(slug)
  const hint = options.schema
    ? '# yaml-language-server: $schema=' + options.schema + '\n'
    : '# Editors that use the YAML language server (VS Code with the YAML extension, and others) can\n' +
      '# check this file and suggest fields as you type: make the next line start with\n' +
      '# `# yaml-language-server: $schema=` followed by the path to `schemas/course.schema.json` of\n' +
      '# your coursemark installation (for example ../coursemark/schemas/course.schema.json).\n'
  const files = new Map<string, string>()
  files.set('course.yaml', hint + `# The course file: see "The course file" in docs/authoring.md for every field.
# Change the id to an address of your organisation before the course is used: LMSs recognise the
# course by it, so it must never change afterwards.
id: https://example.org/courses/${slug}
title: ${yamlString(title)}
version: 0.1.0
language: en
description: >-
  A short course made with coursemark. Replace this text with one or two sentences for the LMS
  catalogue.
keywords: [example]
mastery: 0.8
outcomes:
  - id: LO1
    statement: Explain why professional boundaries protect everyone in a prison.
    bloom: understand
    domain: knowledge
    eqf: 4
  - id: LO2
    statement: Respond to a request from a prisoner in line with the prison's rules.
    bloom: apply
    domain: skills
    eqf: 4
modules:
  - modules/01-first-steps.md
`)
  files.set('modules/01-first-steps.md', `---
id: first-steps
title: First steps
outcomes: [LO1, LO2]
description: A module that shows each main construct of a coursemark course.
duration: 15
---

# First steps

## Why boundaries matter

Working in a prison means working inside clear rules. Staff rely on
:term[dynamic security]{def="Security that comes from good relationships with prisoners and knowing what happens on the wing."}
as much as on walls and locks, and your boundaries are part of it.

![A prison gate seen from the inside: a grey wall with a barred gate and a yellow lamp above it](../media/gate.svg)

:::note{kind=safety}
Never carry items in or out for a prisoner, however harmless they look.
:::

:::trainer
Trainer notes are left out of learner packages; they appear only in the trainer's guide. Ask the
group who has been inside a prison before, and in what role.
:::

## In the classroom

:::activity{title="Role play: the persistent request" duration=15}
Work in threes: one plays a prisoner who asks for a favour, one the volunteer, one observes. After
five minutes the observer says what worked. Swap roles twice.
:::

## Check your understanding

:::quiz{id=first-check}

::::question{id=why-boundaries type=single outcome=LO1}
Why do prisons ask volunteers to keep clear boundaries?

- [ ] Because volunteers are not trusted.
  > Boundaries are not about mistrust: everyone who enters a prison keeps them.
- [x] Because they protect the volunteer, the prisoners and the people outside.
  > Right: boundaries keep everyone safe.

> Clear boundaries make the work predictable and safe for everyone.
::::

::::question{id=letter-rule type=true-false answer=false outcome=LO2}
A volunteer may post a letter for a prisoner if the letter is open.

> All mail goes through the prison's mail procedure, which protects victims and the prisoner alike.
::::

:::

## A request on the wing

:::scenario{id=favour outcome=LO2 title="A favour on the wing"}

::::step{id=start}
At the end of a session, a man asks you to phone his sister for him.

- [Agree: it is only a phone call](#agree)
  > A call made for a prisoner may break a contact ban.
- [Say that you cannot, and tell him how to ask the staff](#refer)
::::

::::step{id=agree result=poor}
The sister turns out to be under a contact ban. You are asked to leave the programme.
::::

::::step{id=refer result=good}
He is disappointed but understands. You tell the officer on duty about the request.
::::

:::
`)
  files.set('media/gate.svg', `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 120" width="400" height="240" role="img" aria-labelledby="title">
  <title id="title">A prison gate seen from the inside</title>
  <rect width="200" height="120" fill="#e8e6e1"/>
  <rect x="20" y="20" width="160" height="100" fill="#7a7f87"/>
  <rect x="40" y="40" width="120" height="80" fill="#3b4048"/>
  <g stroke="#c9ccd1" stroke-width="4">
    <line x1="60" y1="40" x2="60" y2="120"/>
    <line x1="80" y1="40" x2="80" y2="120"/>
    <line x1="100" y1="40" x2="100" y2="120"/>
    <line x1="120" y1="40" x2="120" y2="120"/>
    <line x1="140" y1="40" x2="140" y2="120"/>
  </g>
  <circle cx="100" cy="30" r="5" fill="#f2c14e"/>
</svg>
`)
  return files
}

/** `my-first-course` → `My first course`. */
function titleOf(slug: string): string {
  const words = slug.replace(/[-_.]+/g, ' ').trim()
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'My course'
}

/** A YAML scalar for any text: plain when that is safe, else double-quoted. */
function yamlString(value: string): string {
  return /^[A-Za-z0-9][\w ,.()'-]*$/.test(value) && !/:\s|\s#/.test(value) ? value : JSON.stringify(value)
}
