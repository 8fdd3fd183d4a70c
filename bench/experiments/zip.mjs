// Experiment: what the zip step costs with other settings and writers, on the ready files of
// a built SCORM 1.2 package (bench/.out/<modules>/ready/scorm12, written by `pnpm bench`).
//
//   node bench/experiments/zip.mjs [modules=100]
//
// - coursemark zip() (today): zlib level 9 in 256 KiB pieces, small ones synchronously, fflate's container;
// - archiver at level 6 (zlib's default; archiver wrote coursemark's zips before);
// - a minimal zip writer: zlib.deflateRawSync per entry (level 9 and 6), no streams;
// - the same with async zlib.deflateRaw, all entries at once (libuv threads: both cores).
// Sizes are reported too: level 6 and 9 differ little on text.

import fs from 'node:fs/promises'
import path from 'node:path'
import {promisify} from 'node:util'
import zlib from 'node:zlib'
import {fileURLToPath} from 'node:url'
import {zip} from '@coursemark/export'
import {createRequire} from 'node:module'
import {once} from 'node:events'

const modules = Number(process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : 100)
const folder = fileURLToPath(new URL('../.out/' + modules + '/ready/scorm12/', import.meta.url))
const files = new Map()
for (const entry of await fs.readdir(folder, {recursive: true, withFileTypes: true})) {
  if (entry.isFile()) {
    const full = path.join(entry.parentPath, entry.name)
    files.set(path.relative(folder, full).split(path.sep).join('/'), new Uint8Array(await fs.readFile(full)))
  }
}
const archiver = createRequire(import.meta.url)('archiver')
const deflateRaw = promisify(zlib.deflateRaw)

async function archiverZip(level) {
  const archive = archiver('zip', {zlib: {level}})
  const chunks = []
  archive.on('data', (chunk) => chunks.push(chunk))
  const ended = once(archive, 'end')
  for (const name of [...files.keys()].sort()) archive.append(Buffer.from(files.get(name)), {name, date: new Date(1980, 0, 1), mode: 0o644})
  await archive.finalize()
  await ended
  return Buffer.concat(chunks)
}

/** A minimal deterministic zip (stored DOS epoch date, deflate). */
function assemble(names, compressed) {
  const parts = []
  const central = []
  let offset = 0
  names.forEach((name, index) => {
    const data = files.get(name)
    const body = compressed[index]
    const nameBytes = Buffer.from(name)
    const crc = zlib.crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x0800, 6); local.writeUInt16LE(8, 8)
    local.writeUInt16LE(0, 10); local.writeUInt16LE(0x21, 12); local.writeUInt32LE(crc, 14); local.writeUInt32LE(body.length, 18)
    local.writeUInt32LE(data.length, 22); local.writeUInt16LE(nameBytes.length, 26); local.writeUInt16LE(0, 28)
    parts.push(local, nameBytes, body)
    const entry = Buffer.alloc(46)
    entry.writeUInt32LE(0x02014b50, 0); entry.writeUInt16LE(0x0314, 4); entry.writeUInt16LE(20, 6); entry.writeUInt16LE(0x0800, 8)
    entry.writeUInt16LE(8, 10); entry.writeUInt16LE(0, 12); entry.writeUInt16LE(0x21, 14); entry.writeUInt32LE(crc, 16)
    entry.writeUInt32LE(body.length, 20); entry.writeUInt32LE(data.length, 24); entry.writeUInt16LE(nameBytes.length, 28)
    entry.writeUInt32LE((0o100644 << 16) >>> 0, 38); entry.writeUInt32LE(offset, 42)
    central.push(entry, nameBytes)
    offset += 30 + nameBytes.length + body.length
  })
  const centralBytes = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(names.length, 8); end.writeUInt16LE(names.length, 10)
  end.writeUInt32LE(centralBytes.length, 12); end.writeUInt32LE(offset, 16)
  return Buffer.concat([...parts, centralBytes, end])
}

const names = [...files.keys()].sort()
const variants = {
  'coursemark zip() (zlib pieces + fflate, level 9)': () => zip(files),
  'archiver, level 6': () => archiverZip(6),
  'deflateRawSync per entry, level 9': async () => assemble(names, names.map((name) => zlib.deflateRawSync(files.get(name), {level: 9}))),
  'deflateRawSync per entry, level 6': async () => assemble(names, names.map((name) => zlib.deflateRawSync(files.get(name), {level: 6}))),
  'async deflateRaw, all at once, level 9': async () => assemble(names, await Promise.all(names.map((name) => deflateRaw(files.get(name), {level: 9}))))
}
// `--write <file>`: also write the minimal writer's zip (level 9), to check it with `unzip -t`.
const writeAt = process.argv.indexOf('--write')
if (writeAt > 0) await fs.writeFile(process.argv[writeAt + 1], await variants['deflateRawSync per entry, level 9']())
const results = []
for (const [label, fn] of Object.entries(variants)) {
  await fn() // warm-up
  const times = []
  const cpus = []
  let size = 0
  for (let run = 0; run < 5; run++) {
    const cpu = process.cpuUsage()
    const start = performance.now()
    size = (await fn()).length
    times.push(performance.now() - start)
    const used = process.cpuUsage(cpu)
    cpus.push((used.user + used.system) / 1000)
  }
  times.sort((a, b) => a - b)
  cpus.sort((a, b) => a - b)
  results.push({label, medianMs: Math.round(times[2]), minMs: Math.round(times[0]), cpuMs: Math.round(cpus[2]), bytes: size})
}
console.log(JSON.stringify({modules, files: files.size, rawBytes: [...files.values()].reduce((sum, bytes) => sum + bytes.length, 0), results}, undefined, 1))
