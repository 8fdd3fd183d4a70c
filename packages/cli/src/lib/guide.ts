import path from 'node:path'
import {renderGuide} from '@coursemark/guide'
import type {Course} from '@coursemark/model'
import {writeAtomic} from './write-atomic.js'

/**
 * Write the trainer guide of a course (the full course, trainer notes included) to
 * `<out>/<course>-<version>-<language>-guide.html`, pictures embedded. Returns the path written.
 */
export async function writeGuide(out: string, course: Course, media: ReadonlyMap<string, Uint8Array>): Promise<string> {
  const file = path.join(out, course.slug + '-' + course.version + '-' + course.language + '-guide.html')
  await writeAtomic(file, new TextEncoder().encode(renderGuide(course, {media})))
  return file
}
