// Experiment: how well this machine runs two busy threads at once. Each workload runs in one
// child process, then in two child processes at the same time, and the wall time of each
// process is compared: 1.0 means the second core came free, 2.0 means no gain at all.
//
//   node bench/experiments/scaling.mjs [modules=100]
//
// - arithmetic: a loop over a few integers (no memory traffic), the best case;
// - parse: parseMarkdown over half of the modules of a generated course, what a build does most.
//
// It tells whether splitting a build over threads can pay: if parsing half the modules in each
// of two processes takes nearly as long as parsing all of them in one, it cannot.

import {spawn} from 'node:child_process'
import fs from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {ensureCourse} from '../generate.mjs'

const here = fileURLToPath(import.meta.url)
const [role, ...rest] = process.argv.slice(2)

if (role === '--child') {
  const [kind, folder, from, to] = rest
  if (kind === 'arithmetic') {
    const start = performance.now()
    let x = 0
    for (let i = 0; i < 3e8; i++) x = (x * 31 + i) | 0
    console.log(JSON.stringify({ms: performance.now() - start, x}))
  } else {
    const {parseMarkdown} = await import('@coursemark/syntax')
    const names = (await fs.readdir(folder)).sort().slice(Number(from), Number(to))
    const texts = await Promise.all(names.map((name) => fs.readFile(path.join(folder, name), 'utf8')))
    const start = performance.now()
    for (const text of texts) parseMarkdown(text)
    console.log(JSON.stringify({ms: performance.now() - start}))
  }
} else {
  const modules = Number(role ?? 100)
  const {folder} = await ensureCourse(modules)
  const dir = path.join(folder, 'modules')
  const child = (args) => new Promise((resolve, reject) => {
    const process_ = spawn(process.execPath, [here, '--child', ...args], {cwd: path.dirname(here), stdio: ['ignore', 'pipe', 'inherit']})
    let out = ''
    process_.stdout.on('data', (chunk) => (out += chunk))
    process_.on('error', reject)
    process_.on('close', (code) => (code === 0 ? resolve(JSON.parse(out).ms) : reject(new Error('child exited with ' + code))))
  })
  const half = Math.floor(modules / 2)
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
  const result = {modules}
  for (const [kind, first, second] of [['arithmetic', ['arithmetic'], ['arithmetic']], ['parse', ['parse', dir, '0', String(half)], ['parse', dir, String(half), String(modules)]]]) {
    const alone = []
    const together = []
    for (let run = 0; run < 3; run++) {
      alone.push(await child(first))
      const both = await Promise.all([child(first), child(second)])
      together.push(both[0])
    }
    result[kind] = {aloneMs: Math.round(median(alone)), togetherMs: Math.round(median(together)), slowdown: Math.round((median(together) / median(alone)) * 100) / 100}
  }
  console.log(JSON.stringify(result))
}
