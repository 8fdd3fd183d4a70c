import {createScormBackup, type BackupOptions, type Unconfirmed} from './scorm-backup.js'
import type {ScormSession} from './scorm-session.js'

/**
 * What SCORM 1.2 and 2004 share around the session: interactions written in order (an
 * interaction whose id the LMS could not take waits, with every later one, until it can), and a
 * local backup of what the LMS has not confirmed, restored at the next launch when the LMS
 * still holds what it held before.
 */
export interface ScormJournal {
  /**
   * After reading the LMS's data: the learner's unconfirmed progress from a backup, when there
   * is one that continues the LMS's suspend data (its interactions are queued to be written).
   * Backups are kept only for an open session with a learner id (`cmi.core.student_id`,
   * `cmi.learner_id`).
   */
  restore(learner: string, launch: {readonly suspendData: string; readonly location: string}, interactionCount: number): {readonly suspendData: string; readonly location: string}
  /** Queue an interaction (`[element under cmi.interactions.n., value]` pairs, `id` first) and write what can be written. */
  record(pairs: ReadonlyArray<readonly [string, string]>): void
  /** Remember the last progress written (kept in the backup while the LMS does not confirm it). */
  saved(value: {readonly location: string; readonly suspendData: string}): void
  /** Write queued interactions, commit, and keep or clear the backup. */
  commit(): void
}

/** Create the journal of one SCORM session. */
export function createScormJournal(session: ScormSession, backupOptions: BackupOptions | undefined): ScormJournal {
  const backup = createScormBackup(backupOptions)
  const queue: Array<ReadonlyArray<readonly [string, string]>> = []
  let unconfirmed: Array<ReadonlyArray<readonly [string, string]>> = []
  let next = 0
  let base = ''
  let last = {location: '', suspendData: ''}

  function flush(): void {
    while (queue.length > 0) {
      const pairs = queue[0]!
      const prefix = 'cmi.interactions.' + next + '.'
      const [first, ...rest] = pairs
      if (first) {
        const outcome = session.write(prefix + first[0], first[1])
        if (outcome === 'retry') return
        queue.shift()
        // The LMS will never take this interaction (its id): the slot stays free for the next one.
        if (outcome === 'refused') continue
      } else {
        queue.shift()
      }
      next++
      for (const [element, value] of rest) session.set(prefix + element, value)
    }
  }

  return {
    restore(learner, launch, interactionCount) {
      next = interactionCount
      base = launch.suspendData
      last = {location: launch.location, suspendData: launch.suspendData}
      // Without a session or a learner id, a copy could not be told apart from another learner's
      // on a shared computer: none is kept or restored then.
      if (!session.isOpen() || !learner) return launch
      const found = backup.restore(learner, launch.suspendData)
      if (!found) return launch
      queue.push(...found.interactions)
      unconfirmed = [...found.interactions]
      return {suspendData: found.suspendData, location: found.location}
    },
    record(pairs) {
      queue.push(pairs)
      unconfirmed.push(pairs)
      flush()
    },
    saved(value) {
      last = {location: value.location, suspendData: value.suspendData}
    },
    commit() {
      flush()
      if (session.commit() && queue.length === 0) {
        base = last.suspendData
        unconfirmed = []
        backup.clear()
        return
      }
      const kept: Unconfirmed = {base, location: last.location, suspendData: last.suspendData, interactions: unconfirmed}
      backup.keep(kept)
    }
  }
}
