/** The course.yaml of a one-module test course: `modules/01.md`, one outcome `LO1`; `extra` lines go after the description. */
export function oneModuleCourseYaml(slug: string, title: string, description: string, extra = ''): string {
  return `id: https://example.org/courses/${slug}
title: ${title}
version: 1.0.0
language: en
description: ${description}
${extra}outcomes:
  - id: LO1
    statement: Explain the rules.
    bloom: understand
    domain: knowledge
    eqf: 4
modules:
  - modules/01.md
`
}

/** A module: front matter, a page `## Rules` whose body starts on line 9, and a one-question quiz on `LO1`. */
export function rulesModule(body: string, frontMatter = 'id: rules\ntitle: Rules\noutcomes: [LO1]\n'): string {
  return `---
${frontMatter}---

## Rules

${body}

## Check

:::quiz{id=check}

::::question{id=q1 type=single outcome=LO1}
Who follows the rules?

- [x] Everyone
- [ ] Only prisoners
::::

:::
`
}
