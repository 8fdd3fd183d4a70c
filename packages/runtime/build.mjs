// Bundle the runtime: src/main.ts → dist/coursemark.js (IIFE, minified, ES2019, no source map).
// The output depends only on the sources: no dates, paths or hashes of the machine end up in it.
import {build} from 'esbuild'
import {fileURLToPath} from 'node:url'

const here = fileURLToPath(new URL('.', import.meta.url))

await build({
  absWorkingDir: here,
  entryPoints: ['src/main.ts'],
  outfile: 'dist/coursemark.js',
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2019',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'warning',
  metafile: false,
  write: true
})
