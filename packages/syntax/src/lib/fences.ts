import type {Point} from 'unist'

/** What `balanceFences` found and changed. */
export interface FenceReport {
  /** The text with container fences rewritten so that nesting works in remark-directive. */
  readonly value: string
  /** Container directives that are never closed (their opening fence). */
  readonly unclosed: ReadonlyArray<Point & {readonly name: string}>
  /** Closing fences that close nothing. */
  readonly stray: ReadonlyArray<Point>
  /** Deepest nesting of container directives, and where it is first reached. */
  readonly depth: number
  readonly deepest: Point | undefined
  /** Per rewritten line (1-based): where the colons start (1-based column) and how many were added. */
  readonly shifts: ReadonlyMap<number, {readonly column: number; readonly delta: number}>
}

interface Open {
  readonly line: number
  readonly name: string
  readonly indent: number
  readonly colons: number
  height: number
}

const openFence = /^([ \t]*)(:{3,})([A-Za-z][\w-]*)/
const closeFence = /^([ \t]*)(:{3,})[ \t]*$/
const codeFence = /^ {0,3}(`{3,}|~{3,})/

/**
 * Make a closing fence close the innermost open container, whatever the number of colons.
 *
 * remark-directive closes a container with the first fence at least as long as its opening one,
 * checked from the outermost container in, so `:::quiz` holding `::::question … ::::` would be
 * closed by the question's fence. Authors read fences like tags, innermost first: this rewrites
 * each container's fences to `3 + nesting height` colons, which gives remark-directive that
 * reading. Only fence lines change; `shifts` lets positions be mapped back to the source.
 */
export function balanceFences(value: string): FenceReport {
  const lines = value.split('\n')
  const stack: Open[] = []
  const pairs: Array<{open: Open; close: number | undefined}> = []
  const stray: Point[] = []
  let code: string | undefined
  let depth = 0
  let deepest: Point | undefined

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!
    const fence = codeFence.exec(line)
    if (code !== undefined) {
      if (fence && fence[1]![0] === code[0] && fence[1]!.length >= code.length && line.trim() === fence[1]) code = undefined
      continue
    }
    if (fence) {
      code = fence[1]
      continue
    }
    const open = openFence.exec(line)
    if (open) {
      stack.push({line: index + 1, name: open[3]!, indent: open[1]!.length, colons: open[2]!.length, height: 0})
      if (stack.length > depth) {
        depth = stack.length
        deepest = {line: index + 1, column: open[1]!.length + 1}
      }
      continue
    }
    const close = closeFence.exec(line)
    if (close) {
      const top = stack.pop()
      if (!top) {
        stray.push({line: index + 1, column: close[1]!.length + 1})
        continue
      }
      pairs.push({open: top, close: index + 1})
      const parent = stack[stack.length - 1]
      if (parent) parent.height = Math.max(parent.height, top.height + 1)
    }
  }

  const unclosed = stack.map((open) => ({line: open.line, column: open.indent + 1, name: open.name}))
  // Unclosed containers run to the end of the file; their parents are as high as they are.
  for (let index = stack.length - 1; index > 0; index--) {
    stack[index - 1]!.height = Math.max(stack[index - 1]!.height, stack[index]!.height + 1)
  }
  for (const open of stack) pairs.push({open, close: undefined})

  const shifts = new Map<number, {column: number; delta: number}>()
  for (const {open, close} of pairs) {
    const colons = 3 + open.height
    rewrite(open.line, colons)
    if (close !== undefined) rewrite(close, colons)
  }

  return {value: shifts.size === 0 ? value : lines.join('\n'), unclosed, stray, shifts, depth, deepest}

  function rewrite(lineNumber: number, colons: number): void {
    const line = lines[lineNumber - 1]!
    const match = /^([ \t]*)(:+)/.exec(line)!
    const delta = colons - match[2]!.length
    if (delta === 0) return
    lines[lineNumber - 1] = match[1] + ':'.repeat(colons) + line.slice(match[0].length)
    shifts.set(lineNumber, {column: match[1]!.length + 1, delta})
  }
}
