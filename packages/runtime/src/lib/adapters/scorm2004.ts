import {decimal} from '../decimal.js'
import type {InteractionRecord} from '../interaction.js'
import type {OutcomeProgress, Progress} from '../scoring.js'
import {identifier2004, scorm2004Interaction} from '../scorm2004-data.js'
import {isoDuration} from '../time.js'
import type {Scorm2004Api} from './find-api.js'
import {objectiveSlot, readObjectiveSlots} from './objectives.js'
import type {BackupOptions} from './scorm-backup.js'
import {createScormJournal} from './scorm-journal.js'
import {createScormSession} from './scorm-session.js'
import type {Launch, Reporter, Snapshot, TrackingAdapter} from './types.js'

/** Configuration for `createScorm2004Adapter`. */
export interface Scorm2004Options {
  /** The LMS's `API_1484_11` object (see `findScorm2004Api`). */
  readonly api: Scorm2004Api
  /** Where problems go (shown to the learner). */
  readonly report: Reporter
  /** Where to keep progress the LMS has not confirmed, until it does (optional: no backup). */
  readonly backup?: BackupOptions | undefined
}

/** `cmi.completion_status` and `cmi.success_status`, kept apart. */
export function courseStatuses(progress: Progress): {readonly completion: 'completed' | 'incomplete'; readonly success: 'passed' | 'failed' | 'unknown'} {
  return {
    completion: progress.completed ? 'completed' : 'incomplete',
    success: progress.decided ? (progress.passed ? 'passed' : 'failed') : 'unknown'
  }
}

/** An objective's completion and success status. */
export function objectiveStatuses(outcome: OutcomeProgress): {readonly completion: 'completed' | 'incomplete' | 'not attempted'; readonly success: 'passed' | 'failed' | 'unknown'} {
  switch (outcome.status) {
    case 'passed':
    case 'failed':
      return {completion: 'completed', success: outcome.status}
    case 'completed':
      return {completion: 'completed', success: 'unknown'}
    case 'incomplete':
      return {completion: 'incomplete', success: 'unknown'}
    case 'not attempted':
      return {completion: 'not attempted', success: 'unknown'}
  }
}

/** Track to a SCORM 2004 4th edition LMS. */
export function createScorm2004Adapter(options: Scorm2004Options): TrackingAdapter {
  const {api} = options
  const session = createScormSession({
    initialize: () => api.Initialize(''),
    terminate: () => api.Terminate(''),
    commit: () => api.Commit(''),
    get: (element) => api.GetValue(element),
    set: (element, value) => api.SetValue(element, value),
    lastError: () => api.GetLastError(),
    errorString: (code) => api.GetErrorString(code)
  }, options.report)
  const journal = createScormJournal(session, options.backup)
  let mode: Launch['mode'] = 'normal'
  let startCompletion = ''
  let slots = new Map<string, number>()

  function save(snapshot: Snapshot): void {
    if (!session.isOpen()) return
    const {progress} = snapshot
    journal.saved(snapshot)
    session.update('cmi.location', snapshot.location.slice(0, 1000))
    session.update('cmi.suspend_data', snapshot.suspendData)
    session.update('cmi.exit', progress.finished ? 'normal' : 'suspend')
    if (mode !== 'normal') return
    const {completion, success} = courseStatuses(progress)
    if (!(completion === 'incomplete' && startCompletion === 'completed')) session.update('cmi.completion_status', completion)
    session.update('cmi.progress_measure', decimal(progress.measure))
    if (progress.total > 0 && progress.answered > 0) {
      session.update('cmi.score.min', '0')
      session.update('cmi.score.max', '100')
      session.update('cmi.score.raw', decimal(progress.percent, 2))
      session.update('cmi.score.scaled', decimal(progress.percent / 100, 4))
    }
    if (success !== 'unknown') session.update('cmi.success_status', success)
    for (const outcome of progress.outcomes) {
      const id = identifier2004(outcome.id)
      const prefix = 'cmi.objectives.' + objectiveSlot(slots, id) + '.'
      // An objective whose id is waiting to be written holds back the later ones (their slots follow it).
      if (!session.update(prefix + 'id', id)) {
        if (session.isPending(prefix + 'id')) break
        continue
      }
      if (outcome.total > 0 && outcome.answered > 0) {
        session.update(prefix + 'score.min', '0')
        session.update(prefix + 'score.max', '100')
        session.update(prefix + 'score.raw', decimal(outcome.percent, 2))
        session.update(prefix + 'score.scaled', decimal(outcome.percent / 100, 4))
      }
      const statuses = objectiveStatuses(outcome)
      session.update(prefix + 'completion_status', statuses.completion)
      if (statuses.success !== 'unknown') session.update(prefix + 'success_status', statuses.success)
    }
  }

  return {
    name: 'scorm2004',
    suspendLimit: 64_000,
    start() {
      session.open()
      const lmsMode = session.get('cmi.mode')
      mode = lmsMode === 'browse' || lmsMode === 'review' ? lmsMode : 'normal'
      startCompletion = session.get('cmi.completion_status')
      const mastery = Number.parseFloat(session.get('cmi.scaled_passing_score'))
      const count = Number.parseInt(session.get('cmi.interactions._count'), 10)
      slots = readObjectiveSlots(session)
      const stored = {suspendData: session.get('cmi.suspend_data'), location: session.get('cmi.location')}
      const restored = mode === 'normal'
        ? journal.restore(session.get('cmi.learner_id'), stored, Number.isFinite(count) && count > 0 ? count : 0)
        : stored
      if (mode === 'normal' && (startCompletion === 'not attempted' || startCompletion === 'unknown' || startCompletion === '')) {
        session.set('cmi.completion_status', 'incomplete')
        journal.commit()
      }
      return {
        ...restored,
        mode,
        mastery: Number.isFinite(mastery) && mastery >= -1 && mastery <= 1 ? Math.max(0, mastery) : undefined
      }
    },
    save,
    record(interaction: InteractionRecord) {
      if (!session.isOpen() || mode !== 'normal') return
      journal.record(scorm2004Interaction(interaction))
    },
    commit() {
      journal.commit()
    },
    finish(snapshot, sessionMilliseconds) {
      if (!session.isOpen()) return
      save(snapshot)
      session.set('cmi.exit', snapshot.progress.finished ? 'normal' : 'suspend')
      session.set('cmi.session_time', isoDuration(sessionMilliseconds))
      journal.commit()
      session.close()
    }
  }
}
