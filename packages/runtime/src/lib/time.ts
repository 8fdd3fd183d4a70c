/** Time formats of the SCORM data models. */

function pad(value: number, width: number): string {
  let text = String(value)
  while (text.length < width) text = '0' + text
  return text
}

/** SCORM 1.2 CMITimespan: `HHHH:MM:SS.SS` (hours capped at 9999). */
export function scorm12Duration(milliseconds: number): string {
  const centiseconds = Math.max(0, Math.round(milliseconds / 10))
  const hours = Math.min(9999, Math.floor(centiseconds / 360_000))
  const minutes = hours === 9999 ? 59 : Math.floor(centiseconds / 6000) % 60
  const seconds = hours === 9999 ? 5999 : centiseconds % 6000
  return pad(hours, 4) + ':' + pad(minutes, 2) + ':' + pad(Math.floor(seconds / 100), 2) + '.' + pad(seconds % 100, 2)
}

/** SCORM 1.2 CMITime: `HH:MM:SS`, the local time of day. */
export function scorm12Time(date: Date): string {
  return pad(date.getHours(), 2) + ':' + pad(date.getMinutes(), 2) + ':' + pad(date.getSeconds(), 2)
}

/** SCORM 2004 timeinterval (ISO 8601 duration): `PT1H2M3.45S`, at most two decimals. */
export function isoDuration(milliseconds: number): string {
  const centiseconds = Math.max(0, Math.round(milliseconds / 10))
  const hours = Math.floor(centiseconds / 360_000)
  const minutes = Math.floor(centiseconds / 6000) % 60
  const seconds = (centiseconds % 6000) / 100
  return 'PT' + (hours ? hours + 'H' : '') + (hours || minutes ? minutes + 'M' : '') + String(seconds) + 'S'
}

/** SCORM 2004 time (second) with centiseconds, in UTC: `2024-05-01T09:30:00.00Z`. */
export function isoTimestamp(date: Date): string {
  return date.toISOString().replace(/\.(\d\d)\d*Z$/, '.$1Z')
}
