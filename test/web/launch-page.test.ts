import {expect, test} from 'vitest'
import {renderSite, type Theme} from '@coursemark/render'
import {loadTheme} from '../../packages/cli/dist/lib/resources.js'
import {fixtureCourse} from '../runtime/course-fixture.js'
import {courseOfScript} from '../helpers/course-script.js'

// The launch page loads the course from `course.js` (a large course opens faster than with the
// JSON inside the page); layouts that embed `{{courseJson}}` keep working; a layout with neither
// is refused with the line it needs.
const runtime = '/* runtime */'

test('the course is a script of its own, the same bytes for every target', async () => {
  const theme = await loadTheme('default')
  const course = fixtureCourse()
  const scorm = renderSite({course, theme, runtime, target: 'scorm12'})
  const xapi = renderSite({course, theme, runtime, target: 'xapi'})
  expect([...scorm.keys()].sort()).toEqual(['assets/coursemark.css', 'assets/coursemark.js', 'course.js', 'index.html'])
  expect(courseOfScript(scorm.get('course.js')!)).toEqual(JSON.parse(JSON.stringify(course)))
  expect(Buffer.from(xapi.get('course.js')!).equals(Buffer.from(scorm.get('course.js')!))).toBe(true)
  const html = new TextDecoder().decode(scorm.get('index.html'))
  expect(html).toMatch(/<script src="course\.js"><\/script>\s*<script src="assets\/coursemark\.js"><\/script>/)
  expect(html).not.toContain('coursemark-course')
})

test('a layout that embeds {{courseJson}} gets the course inside the page, and no course.js', async () => {
  const theme = await loadTheme('default')
  const course = fixtureCourse()
  const layout = theme.layout.replace('<script src="course.js"></script>', '<script type="application/json" id="coursemark-course">{{courseJson}}</script>')
  const site = renderSite({course, theme: {...theme, layout} satisfies Theme, runtime, target: 'web'})
  expect(site.has('course.js')).toBe(false)
  const html = new TextDecoder().decode(site.get('index.html'))
  const json = /<script type="application\/json" id="coursemark-course">(.*?)<\/script>/s.exec(html)![1]!
  expect(json).not.toMatch(/[<>]/)
  expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(course)))
})

test('a layout without the course is refused, naming the script it needs', async () => {
  const theme = await loadTheme('default')
  const layout = theme.layout.replace('<script src="course.js"></script>', '')
  expect(() => renderSite({course: fixtureCourse(), theme: {...theme, layout, name: 'bare'}, runtime, target: 'web'}))
    .toThrow('Unexpected layout of theme `bare` without the course, expected `<script src="course.js"></script>` before `<script src="assets/coursemark.js"></script>`')
})
