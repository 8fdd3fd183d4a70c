import type {Course} from '@coursemark/model'
import fallbackStrings from '../../../../themes/default/strings/en.json' with {type: 'json'}
import {selectAdapter} from './adapters/select.js'
import type {Problem, Reporter, TrackingAdapter} from './adapters/types.js'
import {indexCourse} from './course-index.js'
import {readCourse, readJson} from './page-data.js'
import {scopeCourse} from './scope.js'
import {createTracker} from './tracker.js'
import {createPlayer} from './ui/player.js'
import {createTranslate} from './ui/strings.js'

/** Configuration for `boot`: the edges the runtime touches. */
export interface BootOptions {
  /** The clock: milliseconds since the epoch. */
  readonly now: () => number
  /** The `module` parameter of the launch URL: play that module only (one SCO or AU per module). */
  readonly module?: string | null | undefined
  /**
   * An adapter made by the caller (xAPI, cmi5: prepared before the start, as they need the
   * network first; the preview: several at once), with the page's reporter and the course as
   * played (one module for a per-module SCO or AU).
   */
  readonly adapter?: ((report: Reporter, course: Course) => TrackingAdapter) | undefined
}

/**
 * Start the runtime in a launch page: read the course and strings, pick the tracking adapter
 * for `body[data-target]`, restore the learner's state and play.
 */
export function boot(win: Window, options: BootOptions): void {
  const doc = win.document
  const {now} = options
  const root = doc.getElementById('coursemark')
  if (!root) return
  const rawStrings = readJson(doc, 'coursemark-strings')
  const t = createTranslate(typeof rawStrings === 'object' && rawStrings !== null ? rawStrings as Record<string, unknown> : {}, fallbackStrings)
  const course = readCourse(win)
  if (!course) {
    root.replaceChildren(doc.createTextNode(t('app.error')))
    root.setAttribute('role', 'alert')
    return
  }

  const pending: Problem[] = []
  let show = (problem: Problem): void => {
    pending.push(problem)
  }
  const report = (problem: Problem): void => show(problem)

  const played = scopeCourse(course, options.module)
  const index = indexCourse(played)
  const adapter = options.adapter?.(report, played) ?? selectAdapter({
    target: doc.body.getAttribute('data-target') ?? 'web',
    window: win,
    courseId: course.id,
    courseVersion: course.version,
    report
  })
  const tracker = createTracker({index, adapter, now, report})
  const start = tracker.start()
  const player = createPlayer({
    root,
    index,
    t,
    tracker,
    state: start.state,
    now,
    menuOpen: win.matchMedia ? win.matchMedia('(min-width: 64em)').matches : true,
    savedInBrowser: adapter.name === 'standalone'
  })
  show = player.notify
  for (const problem of pending) show(problem)
  if (start.mode !== 'normal') show({key: 'notice.review'})
  else if (start.resumed) show({key: 'notice.resumed', values: {page: index.pages[start.state.page]?.page.title ?? t('results.title')}})
  tracker.flush(player.state())

  let ended = false
  win.addEventListener('pagehide', () => {
    if (ended) return
    ended = true
    tracker.finish(player.state())
  })
  win.addEventListener('pageshow', (event) => {
    if (ended && event.persisted) show({key: 'notice.ended'})
  })
  doc.addEventListener('visibilitychange', () => {
    if (doc.visibilityState === 'hidden' && !ended) tracker.flush(player.state())
  })
}
