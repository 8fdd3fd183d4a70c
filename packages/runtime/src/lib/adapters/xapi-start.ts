/**
 * Start a package of an xAPI target (`xapi`, `cmi5`): they need the network before the player
 * can start (token, launch data, the learner's progress), so the page says it is connecting,
 * the adapter is prepared, then `boot` plays with it. A cmi5 launch also gets its exit control
 * and the learner's audio preference.
 */

import fallbackStrings from '../../../../../themes/default/strings/en.json' with {type: 'json'}
import {boot} from '../boot.js'
import {readCourse, readJson} from '../page-data.js'
import type {Environment} from '../delivery/environment.js'
import {scopeCourse} from '../scope.js'
import {createTranslate} from '../ui/strings.js'
import type {Cmi5Adapter} from './cmi5.js'
import {addExitControl} from './cmi5-exit.js'
import {prepareTracking} from './select.js'
import type {TrackingAdapter} from './types.js'

/** Configuration for `startWithLrs`. */
export interface StartOptions {
  readonly target: 'xapi' | 'cmi5'
  readonly env: Environment
  /** The clock: milliseconds since the epoch. */
  readonly now: () => number
  /** The `module` parameter of the launch URL. */
  readonly module: string | null
}

/** Prepare the tracking of an xAPI or cmi5 launch, then play. */
export function startWithLrs(win: Window, options: StartOptions): void {
  const {now, module} = options
  const doc = win.document
  const root = doc.getElementById('coursemark')
  const course = readCourse(win)
  if (!root || !course) {
    boot(win, {now, module})
    return
  }
  const strings = readJson(doc, 'coursemark-strings')
  const t = createTranslate(typeof strings === 'object' && strings !== null ? strings as Record<string, unknown> : {}, fallbackStrings)
  const connecting = doc.createElement('p')
  connecting.className = 'cm-connecting'
  connecting.setAttribute('role', 'status')
  connecting.textContent = t('app.connecting')
  root.setAttribute('aria-busy', 'true')
  root.replaceChildren(connecting)
  void prepareTracking({target: options.target, course: scopeCourse(course, module), env: options.env}).then((prepared) => {
    let adapter: TrackingAdapter | undefined
    root.removeAttribute('aria-busy')
    boot(win, {now, module, adapter: (report) => (adapter = prepared(report))})
    if (adapter?.name !== 'cmi5') return
    const cmi5 = adapter as Cmi5Adapter
    addExitControl(root, cmi5, t)
    if (cmi5.audio === 'off') {
      // Start every video and audio muted; the learner can still turn the sound on.
      const started = new WeakSet<EventTarget>()
      doc.addEventListener('play', (event) => {
        if (!(event.target instanceof HTMLMediaElement) || started.has(event.target)) return
        started.add(event.target)
        event.target.muted = true
      }, true)
    }
  })
}
