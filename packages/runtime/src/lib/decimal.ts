/** Write a number as a plain decimal (`12`, `0.5`, `-3.25`): never in exponent form, at most `digits` decimals. */
export function decimal(value: number, digits = 7): string {
  if (!Number.isFinite(value)) return '0'
  const fixed = value.toFixed(digits)
  const trimmed = fixed.indexOf('.') === -1 ? fixed : fixed.replace(/0+$/, '').replace(/\.$/, '')
  return trimmed === '-0' ? '0' : trimmed
}
