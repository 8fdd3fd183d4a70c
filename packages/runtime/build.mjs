// Bundle the runtime: src/main.ts → dist/coursemark.js, and src/preview.ts → dist/coursemark-preview.js
// for `coursemark preview` (IIFE, minified, ES2019, no source map).
// The output depends only on the sources: no dates, paths or hashes of the machine end up in it.
import {build} from 'esbuild'
import {fileURLToPath} from 'node:url'

const here = fileURLToPath(new URL('.', import.meta.url))

const options = {
  absWorkingDir: here,
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
}

// The player of every package.
await build({...options, entryPoints: ['src/main.ts'], outfile: 'dist/coursemark.js'})
// The player of `coursemark preview`: the same, with the adapters the LMS inspector records.
await build({...options, entryPoints: ['src/preview.ts'], outfile: 'dist/coursemark-preview.js'})
