import fs from 'node:fs'
import {compileCourse} from '@coursemark/compiler'
import {createValidator} from '@coursemark/schema'
const v = createValidator()
const c = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'))
const limit = Number(process.argv[3] ?? 600)
const time = (input) => { const t = process.cpuUsage(); compileCourse({slug: input.slug, files: new Map(Object.entries(input.files)), assets: new Set(input.assets)}, {validator: v}); const u = process.cpuUsage(t); return (u.user + u.system) / 1000 }
let cur = c.input
console.log('start', time(cur))
for (const name of Object.keys(cur.files)) { const f = {...cur.files}; delete f[name]; const cand = {...cur, files: f}; if (time(cand) > limit) { cur = cand; console.log('drop', name) } }
// keep only file that matters: try replacing each file with original
for (const name of Object.keys(cur.files)) {
  let text = cur.files[name]
  for (let chunk = Math.max(1, text.length >> 1); chunk >= 1; chunk >>= 1) {
    for (let start = 0; start < text.length;) {
      const kept = text.slice(0, start) + text.slice(start + chunk)
      const cand = {...cur, files: {...cur.files, [name]: kept}}
      if (time(cand) > limit) { text = kept; cur = cand } else start += chunk
    }
  }
  console.log(name, JSON.stringify(text).slice(0, 800), time(cur))
}
fs.writeFileSync(process.argv[2].replace('.json', '.min.json'), JSON.stringify(cur))
