import fs from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, test} from 'vitest'
import {readFolder} from './lib/read-folder.js'
import {compileCourse} from '@coursemark/compiler'
import {formatDiagnostics, toDiagnostics} from '@coursemark/diagnostics'

// Each folder under fixtures/ is a course (`input/`) with the expected model (`course.json`)
// and messages (`messages.txt`). Add a case by adding a folder; review the expected files like code.
const base = fileURLToPath(new URL('fixtures/', import.meta.url))
const names = (await fs.readdir(base)).filter((name) => !name.startsWith('.')).sort()


describe.each(names)('%s', (name) => {
  test('matches course.json and messages.txt', async () => {
    const folder = path.join(base, name)
    const {files, assets} = await readFolder(path.join(folder, 'input'))
    const result = compileCourse({slug: name, files, assets})
    await expect(JSON.stringify(result.course ?? null, undefined, 2) + '\n').toMatchFileSnapshot(path.join(folder, 'course.json'))
    await expect(formatDiagnostics(toDiagnostics(result.messages), 'text')).toMatchFileSnapshot(path.join(folder, 'messages.txt'))
  })
})

test('the course model is plain JSON (no classes, functions or cycles)', async () => {
  const {files, assets} = await readFolder(path.join(base, 'all-question-types', 'input'))
  const {course} = compileCourse({slug: 'all-question-types', files, assets})
  expect(course).toBeDefined()
  expect(JSON.parse(JSON.stringify(course))).toEqual(course)
})
