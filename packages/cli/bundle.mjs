// Bundle the CLI: dist/main.js and everything it imports → dist/coursemark.mjs, which bin.js runs;
// and the parse thread (dist/lib/parse-worker.js → dist/parse-worker.mjs).
// Loading one file instead of several hundred saves 0.3–0.6 s on every command (docs/performance.md).
// Every `import.meta.url` keeps pointing at its original file (relative to the bundle), so
// templates, schemas, themes, the player and the build thread are found as before.
// The output depends only on the sources: no dates or absolute paths of the machine end up in it.
import fs from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {build} from 'esbuild'

const here = path.dirname(fileURLToPath(import.meta.url))
const out = path.join(here, 'dist', 'coursemark.mjs')

await build({
  absWorkingDir: here,
  entryPoints: {coursemark: 'dist/main.js', 'parse-worker': 'dist/lib/parse-worker.js'},
  outdir: path.dirname(out),
  outExtension: {'.js': '.mjs'},
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none',
  // CommonJS dependencies (ajv, handlebars) call require() for Node's own modules.
  banner: {js: "import {createRequire as __coursemarkRequire} from 'node:module'; const require = __coursemarkRequire(import.meta.url);"},
  plugins: [{
    name: 'import-meta-url-of-the-original-file',
    setup(context) {
      context.onLoad({filter: /\.(m?js|cjs)$/}, async (args) => {
        const text = await fs.readFile(args.path, 'utf8')
        if (!text.includes('import.meta.url')) return undefined
        const relative = path.relative(path.dirname(out), args.path).split(path.sep).join('/')
        return {contents: text.replaceAll('import.meta.url', 'new URL(' + JSON.stringify(relative) + ', import.meta.url).href'), loader: 'js', resolveDir: path.dirname(args.path)}
      })
    }
  }]
})
