// Preloaded into a measured child when GNU time is missing: write the process's own resource
// usage (CPU in microseconds, maxRSS in KB) to $COURSEMARK_BENCH_RUSAGE on exit.
import fs from 'node:fs'

process.on('exit', () => {
  const file = process.env.COURSEMARK_BENCH_RUSAGE
  if (file) fs.writeFileSync(file, JSON.stringify(process.resourceUsage()) + '\n')
})
