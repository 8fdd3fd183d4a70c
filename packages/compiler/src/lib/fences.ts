import type {VFile} from 'vfile'
import {report, rules} from '@coursemark/diagnostics'
import {maxDepth, type ParseResult} from '@coursemark/syntax'

/** Report unclosed container directives and stray closing fences found by the parser. */
export function reportFences(file: VFile, parsed: ParseResult): void {
  if (parsed.tooDeep) {
    report(file, parsed.tooDeep, rules.nestingTooDeep, 'Unexpected nesting deeper than ' + maxDepth + ' levels of lists, quotes or blocks, expected a flatter structure; this file is not read further')
  }
  for (const open of parsed.unclosed) {
    report(file, open, rules.unclosedDirective, 'Unexpected end of file inside `' + open.name + '`, expected a closing fence (`:::`) for the block opened here')
  }
  for (const point of parsed.stray) {
    report(file, point, rules.strayFence, 'Unexpected closing fence, expected an open block to close')
  }
}
