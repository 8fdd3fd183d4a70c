import type {Problem} from '../adapters/types.js'
import {h, icon} from './dom.js'
import type {Translate} from './strings.js'

/** Keys of notices that are errors (announced as alerts); the others are information. */
const errors = new Set(['notice.lmsInit', 'notice.lmsError', 'notice.noStorage', 'notice.lossy', 'notice.ended', 'notice.lrsAuth', 'notice.lrsRejected', 'notice.cmi5Launch', 'notice.cmi5Ended'])
/** Keys of information the learner should not miss (shown as warnings). */
const warnings = new Set(['notice.standalone', 'notice.notRestored', 'notice.review'])

/**
 * A list of visible notices; each can be dismissed; the same notice is never shown twice at once.
 * A problem reported as `resolved` removes its notice.
 */
export function createNotices(doc: Document, t: Translate): {readonly element: HTMLElement; show(problem: Problem): void} {
  const element = h(doc, 'div', {class: 'cm-notices'})
  const shown = new Map<string, HTMLElement>()
  return {
    element,
    show(problem) {
      const text = t(problem.key, problem.values)
      const key = problem.key + '\u0000' + (problem.values?.code ?? '') + (problem.values?.element ?? '')
      if (problem.resolved) {
        shown.get(key)?.remove()
        shown.delete(key)
        return
      }
      if (shown.has(key)) return
      const error = errors.has(problem.key)
      const dismiss = h(doc, 'button', {type: 'button', class: 'cm-notice-dismiss', 'aria-label': t('notice.dismiss')}, icon(doc, 'cross'))
      const kind = error ? 'error' : warnings.has(problem.key) ? 'warning' : 'info'
      const notice = h(doc, 'div', {class: 'cm-notice cm-notice-' + kind, role: error ? 'alert' : 'status', 'data-notice': problem.key},
        h(doc, 'p', null, text), dismiss)
      dismiss.addEventListener('click', () => {
        notice.remove()
        shown.delete(key)
      })
      shown.set(key, notice)
      element.append(notice)
    }
  }
}
