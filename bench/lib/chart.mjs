// A small, dependency-free SVG chart of cost against course size (log–log), with a dashed
// line of linear growth for reference. Deterministic: same numbers in, same bytes out.

const width = 720
const height = 400
const colours = ['#1f6feb', '#d1242f', '#1a7f37', '#9a6700', '#8250df']

/**
 * @param {{title: string, panels: Array<{title: string, format: (v: number) => string, tick?: (v: number) => string, series: Array<{label: string, points: Array<[number, number]>}>}>, note?: string | string[]}} chart
 */
export function scalingChart(chart) {
  const panelWidth = (width - 40) / chart.panels.length
  const parts = [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ' + width + ' ' + height + '" width="' + width + '" height="' + height + '" role="img" aria-labelledby="chart-title" font-family="system-ui, sans-serif" font-size="11">',
    '<title id="chart-title">' + escape(chart.title) + '</title>',
    '<rect width="' + width + '" height="' + height + '" fill="#ffffff"/>',
    '<text x="20" y="22" font-size="14" font-weight="600">' + escape(chart.title) + '</text>'
  ]
  chart.panels.forEach((panel, index) => parts.push(drawPanel(panel, 20 + index * panelWidth, 40, panelWidth - 20, height - 190)))
  const notes = [chart.note ?? []].flat()
  notes.forEach((note, index) => parts.push('<text x="20" y="' + (height - 10 - (notes.length - 1 - index) * 14) + '" fill="#57606a">' + escape(note) + '</text>'))
  parts.push('</svg>')
  return parts.join('\n') + '\n'
}

function drawPanel(panel, x0, y0, w, h) {
  const left = x0 + 52
  const right = x0 + w
  const top = y0 + 20
  const bottom = y0 + h
  const xs = panel.series.flatMap((series) => series.points.map(([x]) => x))
  const ys = panel.series.flatMap((series) => series.points.map(([, y]) => y)).filter((y) => y > 0)
  const xMin = Math.min(...xs)
  const xMax = Math.max(...xs)
  const yMin = 10 ** Math.floor(Math.log10(Math.min(...ys)))
  const yMax = 10 ** Math.ceil(Math.log10(Math.max(...ys)))
  const sx = (x) => left + ((Math.log10(x) - Math.log10(xMin)) / (Math.log10(xMax) - Math.log10(xMin) || 1)) * (right - left - 10)
  const sy = (y) => bottom - ((Math.log10(y) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin) || 1)) * (bottom - top)
  const out = ['<g>', '<text x="' + x0 + '" y="' + (y0 + 8) + '" font-weight="600">' + escape(panel.title) + '</text>']
  // Grid and axes.
  for (let decade = Math.log10(yMin); decade <= Math.log10(yMax); decade++) {
    const y = sy(10 ** decade)
    out.push('<line x1="' + left + '" x2="' + right + '" y1="' + f(y) + '" y2="' + f(y) + '" stroke="#d0d7de" stroke-width="1"/>')
    out.push('<text x="' + (left - 6) + '" y="' + f(y + 4) + '" text-anchor="end" fill="#57606a">' + escape((panel.tick ?? panel.format)(10 ** decade)) + '</text>')
  }
  for (const x of [...new Set(xs)].sort((a, b) => a - b)) {
    out.push('<line x1="' + f(sx(x)) + '" x2="' + f(sx(x)) + '" y1="' + top + '" y2="' + bottom + '" stroke="#eaeef2" stroke-width="1"/>')
    out.push('<text x="' + f(sx(x)) + '" y="' + (bottom + 16) + '" text-anchor="middle" fill="#57606a">' + x + '</text>')
  }
  out.push('<text x="' + f((left + right) / 2) + '" y="' + (bottom + 32) + '" text-anchor="middle" fill="#57606a">modules (log scale)</text>')
  // Linear growth through the last point of the first series, for reference.
  const reference = panel.series[0]?.points.at(-1)
  if (reference && xMin < xMax) {
    const [rx, ry] = reference
    const at = (x) => Math.max(ry * (x / rx), yMin)
    out.push('<line x1="' + f(sx(xMin)) + '" y1="' + f(sy(at(xMin))) + '" x2="' + f(sx(xMax)) + '" y2="' + f(sy(at(xMax))) + '" stroke="#8c959f" stroke-dasharray="4 4" stroke-width="1"/>')
  }
  panel.series.forEach((series, index) => {
    const colour = colours[index % colours.length]
    const path = series.points.map(([x, y], i) => (i === 0 ? 'M' : 'L') + f(sx(x)) + ' ' + f(sy(y))).join(' ')
    out.push('<path d="' + path + '" fill="none" stroke="' + colour + '" stroke-width="2"/>')
    for (const [x, y] of series.points) {
      out.push('<circle cx="' + f(sx(x)) + '" cy="' + f(sy(y)) + '" r="3" fill="' + colour + '"><title>' + escape(series.label + ', ' + x + ' modules: ' + panel.format(y)) + '</title></circle>')
    }
    out.push('<rect x="' + left + '" y="' + (bottom + 46 + index * 15) + '" width="10" height="3" fill="' + colour + '"/>')
    out.push('<text x="' + (left + 14) + '" y="' + (bottom + 51 + index * 15) + '">' + escape(series.label) + '</text>')
  })
  out.push('<line x1="' + left + '" x2="' + (left + 10) + '" y1="' + (bottom + 47 + panel.series.length * 15) + '" y2="' + (bottom + 47 + panel.series.length * 15) + '" stroke="#8c959f" stroke-dasharray="3 2"/>')
  out.push('<text x="' + (left + 14) + '" y="' + (bottom + 51 + panel.series.length * 15) + '" fill="#57606a">linear growth (through the last point of the first line)</text>')
  out.push('</g>')
  return out.join('\n')
}

function f(value) {
  return (Math.round(value * 10) / 10).toString()
}

function escape(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
