// Experiment: bundle the CLI (packages/cli/bin.js and everything it imports) into one ES module
// with esbuild, to measure how much of a cold build is module loading. Nothing in packages/
// changes: every `import.meta.url` keeps the URL of its original file, so theme, runtime and
// SCORM templates are found exactly as before.
//
//   node bench/bundle-cli.mjs [out]     (default: bench/.out/coursemark-bundle.mjs)

import fs from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {build} from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))

/** Bundle; returns the path of the bundle. */
export async function bundleCli(out = path.join(root, 'bench', '.out', 'coursemark-bundle.mjs')) {
  await fs.mkdir(path.dirname(out), {recursive: true})
  await build({
    entryPoints: [path.join(root, 'packages', 'cli', 'bin.js')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    // CommonJS dependencies (ajv, archiver, handlebars) call require() for Node built-ins.
    banner: {js: "import {createRequire as __benchCreateRequire} from 'node:module'; const require = __benchCreateRequire(import.meta.url);"},
    plugins: [{
      name: 'keep-import-meta-url',
      setup(context) {
        context.onLoad({filter: /\.(m?js|cjs)$/}, async (args) => {
          const text = await fs.readFile(args.path, 'utf8')
          if (!text.includes('import.meta.url')) return undefined
          return {contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'js'}
        })
      }
    }]
  })
  return out
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(await bundleCli(process.argv[2] ? path.resolve(process.argv[2]) : undefined))
}
