// Experiment: parse the modules of a course on worker threads (one per core) instead of on the
// main thread, shipping the mdast back with postMessage (structured clone). Shows what
// intra-course parallelism could buy on this machine, worker start-up and transfer included.
//
//   node bench/experiments/parallel-parse.mjs [modules=100] [workers=2]

import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {Worker, isMainThread, parentPort} from 'node:worker_threads'
import {ensureCourse} from '../generate.mjs'

if (!isMainThread) {
  const {parseMarkdown} = await import('@coursemark/syntax')
  parentPort.on('message', (texts) => {
    parentPort.postMessage(texts.map((text) => parseMarkdown(text).tree))
  })
} else {
  const modules = Number(process.argv[2] ?? 100)
  const count = Number(process.argv[3] ?? (os.availableParallelism?.() ?? 2))
  const {folder} = await ensureCourse(modules)
  const dir = path.join(folder, 'modules')
  const texts = await Promise.all((await fs.readdir(dir)).sort().map((name) => fs.readFile(path.join(dir, name), 'utf8')))

  const cpu0 = process.cpuUsage()
  let start = performance.now()
  const {parseMarkdown} = await import('@coursemark/syntax')
  for (const text of texts) parseMarkdown(text)
  const serial = performance.now() - start
  const serialCpu = process.cpuUsage(cpu0)

  start = performance.now()
  const workers = Array.from({length: count}, () => new Worker(new URL(import.meta.url)))
  const shards = workers.map((_, index) => texts.filter((__, i) => i % count === index))
  const trees = await Promise.all(workers.map((worker, index) => new Promise((resolve) => {
    worker.once('message', resolve)
    worker.postMessage(shards[index])
  })))
  const parallel = performance.now() - start
  await Promise.all(workers.map((worker) => worker.terminate()))
  console.log(JSON.stringify({modules, workers: count, serialMs: Math.round(serial), serialCpuMs: Math.round((serialCpu.user + serialCpu.system) / 1000), parallelMs: Math.round(parallel), trees: trees.flat().length, speedup: Math.round((serial / parallel) * 100) / 100}))
}
