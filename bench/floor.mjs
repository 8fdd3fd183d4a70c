// The zip-only floor: zip a folder of ready package files without compiling anything, the way
// a packager of ready HTML (simple-scorm-packager) does, and write the zip.
//
//   node bench/floor.mjs <folder> <out.zip> --impl archiver   archiver level 9, streaming the folder
//   node bench/floor.mjs <folder> <out.zip> --impl zip        read the files, then @coursemark/export's zip()
//
// Run as a child process by bench/run.mjs, so its wall time, CPU and peak RSS compare with
// `coursemark build` on the same content.

import fs from 'node:fs/promises'
import {createWriteStream} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {once} from 'node:events'
import {parseArgs} from 'node:util'

const {values, positionals} = parseArgs({allowPositionals: true, options: {impl: {type: 'string', default: 'archiver'}}})
const [folder, out] = positionals.map((item) => path.resolve(item))

if (values.impl === 'archiver') {
  // archiver, as packagers of ready HTML use it (a development dependency of the repository).
  const require = createRequire(import.meta.url)
  const archiver = require('archiver')
  const archive = archiver('zip', {zlib: {level: 9}})
  const stream = createWriteStream(out)
  archive.pipe(stream)
  archive.directory(folder, false)
  const closed = once(stream, 'close')
  await archive.finalize()
  await closed
} else {
  const {zip} = await import('@coursemark/export')
  const files = new Map()
  const entries = await fs.readdir(folder, {recursive: true, withFileTypes: true})
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const full = path.join(entry.parentPath, entry.name)
    files.set(path.relative(folder, full).split(path.sep).join('/'), new Uint8Array(await fs.readFile(full)))
  }
  await fs.writeFile(out, await zip(files))
}
