import fs from 'node:fs/promises'
import path from 'node:path'

/** The course a package ships in `course.js` (`window.coursemarkCourse = JSON.parse("…");`). */
export function courseOfScript(script: string | Uint8Array): unknown {
  const text = typeof script === 'string' ? script : new TextDecoder().decode(script)
  const literal = /^window\.coursemarkCourse = JSON\.parse\(("(?:[^"\\]|\\.)*")\);\n$/s.exec(text)
  if (!literal) throw new Error('Unexpected course.js, expected `window.coursemarkCourse = JSON.parse("…");`')
  return JSON.parse(JSON.parse(literal[1]!) as string) as unknown
}

/** The course of a web folder (its `course.js`). */
export async function courseOfFolder(folder: string): Promise<unknown> {
  return courseOfScript(await fs.readFile(path.join(folder, 'course.js'), 'utf8'))
}
