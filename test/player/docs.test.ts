import fs from 'node:fs/promises'
import path from 'node:path'
import {expect, test} from 'vitest'
import {repoRoot} from '../helpers/cli.js'

// docs/themes.md is the theme contract: it must name every string key, every custom property of
// the built-in themes and every class the runtime creates, and show every screenshot, which must
// exist in docs/images/ at its size (regenerate them with `node scripts/screenshots.mjs`).
const doc = await fs.readFile(path.join(repoRoot, 'docs/themes.md'), 'utf8')

test('docs/themes.md names every string key of en.json', async () => {
  const english = JSON.parse(await fs.readFile(path.join(repoRoot, 'themes/default/strings/en.json'), 'utf8')) as Record<string, string>
  expect(Object.keys(english).filter((key) => !doc.includes('`' + key + '`'))).toEqual([])
})

test('docs/themes.md names every custom property of the built-in themes', async () => {
  for (const theme of ['default', 'high-contrast']) {
    const css = await fs.readFile(path.join(repoRoot, 'themes', theme, 'coursemark.css'), 'utf8')
    const properties = [...new Set([...css.matchAll(/(--cm-[\w-]+)\s*:/g)].map((match) => match[1]!))]
    expect(properties.filter((property) => !doc.includes('`' + property + '`'))).toEqual([])
  }
})

test('docs/themes.md names every class the runtime creates', async () => {
  const dir = path.join(repoRoot, 'packages/runtime/src/lib/ui')
  const text = (await Promise.all((await fs.readdir(dir)).map((file) => fs.readFile(path.join(dir, file), 'utf8')))).join('\n')
  const classes = [...new Set([...text.matchAll(/class(?:Name)?['"]?:?\s*[=:]?\s*'([^']+)'/g)].flatMap((match) => match[1]!.split(/\s+/)).filter((name) => /^cm-[a-z-]+[a-z]$/.test(name)))]
  expect(classes.length).toBeGreaterThan(60)
  expect(classes.filter((name) => !doc.includes('`' + name + '`'))).toEqual([])
})

test('docs/themes.md shows every screenshot, and each is a PNG of its viewport size', async () => {
  const images = [...doc.matchAll(/\]\((images\/player-[^)]+\.png)\)/g)].map((match) => match[1]!)
  const files = (await fs.readdir(path.join(repoRoot, 'docs/images'))).filter((file) => file.startsWith('player-')).map((file) => 'images/' + file)
  expect([...images].sort()).toEqual([...files].sort())
  expect(images).toHaveLength(22)
  for (const image of images) {
    const bytes = await fs.readFile(path.join(repoRoot, 'docs', image))
    expect(bytes.subarray(1, 4).toString()).toBe('PNG')
    const [, width, height] = /-(\d+)x(\d+)\.png$/.exec(image)!
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)], image).toEqual([Number(width), Number(height)])
    expect(bytes.length, image).toBeLessThan(120_000)
  }
})
