import {compileCourse} from '@coursemark/compiler'
import {parseMarkdown} from '@coursemark/syntax'
import {createValidator} from '@coursemark/schema'
const v = createValidator()
const yaml = 'id: https://example.org/c\ntitle: T\nversion: 1.0.0\nlanguage: en\ndescription: d\noutcomes:\n  - id: LO1\n    statement: s\n    bloom: apply\n    domain: skills\n    eqf: 4\nmodules:\n  - m.md\n'
const cpu = (f) => { const t = process.cpuUsage(); f(); const u = process.cpuUsage(t); return Math.round((u.user + u.system) / 1000) }
for (const [label, make] of [['nested list "  - "', (n) => '  - '.repeat(n)], ['nested "- "', (n) => '- '.repeat(n)], ['blockquote "> "', (n) => '> '.repeat(n)], ['nested bullets lines', (n) => Array.from({length: n}, (_, i) => '  '.repeat(i) + '- x').join('\n')], ['brackets [', (n) => '['.repeat(n)], ['emphasis *a', (n) => '*a '.repeat(n)], ['directive :::note nested', (n) => ':::note\n'.repeat(n) + 'x\n' + ':::\n'.repeat(n)]]) {
  const row = []
  for (const n of [250, 500, 1000, 2000]) {
    const md = '---\nid: a\ntitle: b\noutcomes: [LO1]\n---\n\n## P\n\n' + make(n) + '\n'
    row.push(n + ':' + cpu(() => parseMarkdown(md)) + '/' + cpu(() => compileCourse({slug: 's', files: new Map([['course.yaml', yaml], ['m.md', md]]), assets: new Set(['course.yaml', 'm.md'])}, {validator: v})))
  }
  console.log(label.padEnd(28), row.join('  '))
}
