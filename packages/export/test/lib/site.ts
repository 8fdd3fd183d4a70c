/** Test inputs: the fixture courses and a small web build for them. */

import fs from 'node:fs'
import type {Course} from '@coursemark/model'

/** Read a fixture course (hand-written `Course` JSON) from `test/fixtures/`. */
export function fixtureCourse(name: string): Course {
  return JSON.parse(fs.readFileSync(new URL('../fixtures/' + name + '.json', import.meta.url), 'utf8')) as Course
}

/** A web build as the renderer makes it: the launch page, the assets and every media file. */
export function fixtureSite(course: Course): Map<string, Uint8Array> {
  const encoder = new TextEncoder()
  const site = new Map<string, Uint8Array>()
  site.set('index.html', encoder.encode('<!doctype html><title>' + course.title.replace(/</g, '&lt;') + '</title>'))
  site.set('assets/coursemark.css', encoder.encode('body{}'))
  site.set('assets/coursemark.js', encoder.encode('void 0'))
  for (const media of course.media) site.set(media.path, encoder.encode('media ' + media.path))
  return site
}
