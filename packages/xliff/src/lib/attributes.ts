/** One attribute of a directive's `{…}` block, with where its value sits in that block. */
interface Token {
  readonly name: string
  /** Offsets of the value (quotes included) in the block, or `undefined` for a bare name. */
  readonly value?: {readonly start: number; readonly end: number} | undefined
}

/**
 * Read the attributes of a directive block such as `{#id .c kind=tip title="Say \"no\""}`:
 * `#id`, `.class`, `name`, `name=value`, `name="value"`, `name='value'`, as remark-directive does.
 */
function tokenize(block: string): Token[] {
  const tokens: Token[] = []
  let index = block.startsWith('{') ? 1 : 0
  const end = block.endsWith('}') ? block.length - 1 : block.length
  while (index < end) {
    const char = block[index]!
    if (/\s/.test(char)) {
      index++
      continue
    }
    if (char === '#' || char === '.') {
      let stop = index + 1
      while (stop < end && !/[\s"'<=>`}]/.test(block[stop]!)) stop++
      tokens.push({name: char === '#' ? 'id' : 'class'})
      index = stop
      continue
    }
    let stop = index
    while (stop < end && !/[\s"'<=>`}]/.test(block[stop]!)) stop++
    const name = block.slice(index, stop)
    index = stop
    while (index < end && /[ \t]/.test(block[index]!)) index++
    if (block[index] !== '=') {
      tokens.push({name})
      if (stop === index && name === '') index++ // never loop on a stray character
      continue
    }
    index++
    while (index < end && /[ \t]/.test(block[index]!)) index++
    const quote = block[index]
    const start = index
    if (quote === '"' || quote === "'") {
      index++
      while (index < end && block[index] !== quote) index++
      index++
    } else {
      while (index < end && !/[\s"'<=>`}]/.test(block[index]!)) index++
    }
    tokens.push({name, value: {start, end: index}})
  }
  return tokens
}

/** Quote a value for a directive attribute (character references for `&` and `"`). */
export function quoteAttribute(value: string): string {
  return '"' + value.replace(/\r?\n/g, ' ').replace(/&/g, '&amp;').replace(/"/g, '&quot;') + '"'
}

/**
 * Replace the values of some attributes in a directive's `{…}` block, leaving every other
 * character as it was. Attributes not in the block are not added.
 */
export function rewriteAttributes(block: string, values: Readonly<Record<string, string>>): string {
  let result = block
  const tokens = tokenize(block).filter((token) => token.value && Object.hasOwn(values, token.name))
  for (const token of tokens.reverse()) {
    result = result.slice(0, token.value!.start) + quoteAttribute(values[token.name]!) + result.slice(token.value!.end)
  }
  return result
}
