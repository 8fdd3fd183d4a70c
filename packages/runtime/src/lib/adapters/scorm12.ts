import {decimal} from '../decimal.js'
import type {InteractionRecord} from '../interaction.js'
import type {Progress} from '../scoring.js'
import {identifier12, scorm12Interaction} from '../scorm12-data.js'
import {scorm12Duration} from '../time.js'
import type {Scorm12Api} from './find-api.js'
import {objectiveSlot, readObjectiveSlots} from './objectives.js'
import type {BackupOptions} from './scorm-backup.js'
import {createScormJournal} from './scorm-journal.js'
import {createScormSession} from './scorm-session.js'
import type {Launch, Reporter, Snapshot, TrackingAdapter} from './types.js'

/** Configuration for `createScorm12Adapter`. */
export interface Scorm12Options {
  /** The LMS's `API` object (see `findScorm12Api`). */
  readonly api: Scorm12Api
  /** Where problems go (shown to the learner). */
  readonly report: Reporter
  /** Where to keep progress the LMS has not confirmed, until it does (optional: no backup). */
  readonly backup?: BackupOptions | undefined
}

/** `cmi.core.lesson_status` for a learner's progress. */
export function lessonStatus(progress: Progress): 'incomplete' | 'completed' | 'passed' | 'failed' {
  if (!progress.completed) return 'incomplete'
  if (progress.total > 0 && progress.decided) return progress.passed ? 'passed' : 'failed'
  return 'completed'
}

const finalStatuses = new Set(['passed', 'completed', 'failed'])

/** Track to a SCORM 1.2 LMS (CMI 1.2). */
export function createScorm12Adapter(options: Scorm12Options): TrackingAdapter {
  const {api} = options
  const session = createScormSession({
    initialize: () => api.LMSInitialize(''),
    terminate: () => api.LMSFinish(''),
    commit: () => api.LMSCommit(''),
    get: (element) => api.LMSGetValue(element),
    set: (element, value) => api.LMSSetValue(element, value),
    lastError: () => api.LMSGetLastError(),
    errorString: (code) => api.LMSGetErrorString(code)
  }, options.report)
  const journal = createScormJournal(session, options.backup)
  let mode: Launch['mode'] = 'normal'
  let startStatus = ''
  let slots = new Map<string, number>()

  function save(snapshot: Snapshot): void {
    if (!session.isOpen()) return
    const {progress} = snapshot
    journal.saved(snapshot)
    session.update('cmi.core.lesson_location', snapshot.location.slice(0, 255))
    session.update('cmi.suspend_data', snapshot.suspendData)
    session.update('cmi.core.exit', progress.finished ? '' : 'suspend')
    if (mode !== 'normal') return
    const status = lessonStatus(progress)
    if (!(status === 'incomplete' && finalStatuses.has(startStatus))) session.update('cmi.core.lesson_status', status)
    if (progress.total > 0 && progress.answered > 0) {
      session.update('cmi.core.score.min', '0')
      session.update('cmi.core.score.max', '100')
      session.update('cmi.core.score.raw', decimal(progress.percent, 2))
    }
    for (const outcome of progress.outcomes) {
      const prefix = 'cmi.objectives.' + objectiveSlot(slots, identifier12(outcome.id)) + '.'
      // An objective whose id is waiting to be written holds back the later ones (their slots follow it).
      if (!session.update(prefix + 'id', identifier12(outcome.id))) {
        if (session.isPending(prefix + 'id')) break
        continue
      }
      if (outcome.total > 0 && outcome.answered > 0) {
        session.update(prefix + 'score.min', '0')
        session.update(prefix + 'score.max', '100')
        session.update(prefix + 'score.raw', decimal(outcome.percent, 2))
      }
      session.update(prefix + 'status', outcome.status)
    }
  }

  return {
    name: 'scorm12',
    suspendLimit: 4096,
    start() {
      session.open()
      const lessonMode = session.get('cmi.core.lesson_mode')
      mode = lessonMode === 'browse' || lessonMode === 'review' ? lessonMode : 'normal'
      startStatus = session.get('cmi.core.lesson_status')
      const mastery = Number.parseFloat(session.get('cmi.student_data.mastery_score'))
      const count = Number.parseInt(session.get('cmi.interactions._count'), 10)
      slots = readObjectiveSlots(session)
      const stored = {suspendData: session.get('cmi.suspend_data'), location: session.get('cmi.core.lesson_location')}
      const restored = mode === 'normal'
        ? journal.restore(session.get('cmi.core.student_id'), stored, Number.isFinite(count) && count > 0 ? count : 0)
        : stored
      if (mode === 'normal' && (startStatus === 'not attempted' || startStatus === '')) {
        session.set('cmi.core.lesson_status', 'incomplete')
        journal.commit()
      }
      return {
        ...restored,
        mode,
        mastery: Number.isFinite(mastery) && mastery >= 0 && mastery <= 100 ? mastery / 100 : undefined
      }
    },
    save,
    record(interaction: InteractionRecord) {
      if (!session.isOpen() || mode !== 'normal') return
      journal.record(scorm12Interaction(interaction))
    },
    commit() {
      journal.commit()
    },
    finish(snapshot, sessionMilliseconds) {
      if (!session.isOpen()) return
      save(snapshot)
      session.set('cmi.core.exit', snapshot.progress.finished ? '' : 'suspend')
      session.set('cmi.core.session_time', scorm12Duration(sessionMilliseconds))
      journal.commit()
      session.close()
    }
  }
}
