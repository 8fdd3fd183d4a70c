/** What a test course.yaml holds besides its id, title and description (optional). */
export interface CourseYamlOptions {
  /** Lines that go after the description (each ending in a line break). */
  readonly extra?: string | undefined
  /** The module files, in order (default: `modules/01.md`). */
  readonly modules?: ReadonlyArray<string> | undefined
}

/** The course.yaml of a test course with one outcome `LO1`, and `modules/01.md` unless other modules are named. */
export function courseYamlText(slug: string, title: string, description: string, options?: CourseYamlOptions): string {
  return `id: https://example.org/courses/${slug}
title: ${title}
version: 1.0.0
language: en
description: ${description}
${options?.extra ?? ''}outcomes:
  - id: LO1
    statement: Explain the rules.
    bloom: understand
    domain: knowledge
    eqf: 4
modules:
${(options?.modules ?? ['modules/01.md']).map((module) => '  - ' + module).join('\n')}
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
