/**
 * The xAPI target: a Tin Can launch (`tincan.xml` packages). Read the launch URL, find the
 * learner's progress (the LRS's State API copy, or the newer one still waiting in this
 * browser), and create the adapter.
 */

import type {Course} from '@coursemark/model'
import {hash} from '../hash.js'
import type {Environment} from '../delivery/environment.js'
import {createLrs, type Lrs} from '../delivery/lrs.js'
import {createOutbox, type Outbox} from '../delivery/outbox.js'
import type {Reporter, TrackingAdapter} from './types.js'
import {parseTinCanLaunch, type Agent} from './xapi-launch.js'
import {createLrsAdapter, newerProgress, progressStateId, readProgress, type ProgressDocument} from './xapi-session.js'
import {courseActivity} from './xapi-statements.js'

/** An adapter that waits for the page's problem reporter before it is made. */
export type PreparedAdapter = (report: Reporter) => TrackingAdapter

/** A reporter that keeps problems until the real one is known. */
export function relayReporter(): {readonly report: Reporter; connect(report: Reporter): void} {
  let held: Parameters<Reporter>[0][] = []
  let target: Reporter | undefined
  return {
    report(problem) {
      if (target) target(problem)
      else held.push(problem)
    },
    connect(report) {
      target = report
      for (const problem of held) report(problem)
      held = []
    }
  }
}

/** The `localStorage` key of the outbox of one learner's session with one LRS. */
export function outboxKey(endpoint: string, actor: Agent, registration: string | undefined, activityId: string): string {
  return 'coursemark:lrs:' + hash([endpoint, JSON.stringify(actor), registration ?? '', activityId].join('\n')).toString(36)
}

/**
 * The learner's progress: the LRS's copy, or the browser's when it is newer (written while
 * offline) or the LRS cannot be reached.
 */
export async function loadProgress(lrs: Lrs, outbox: Outbox, query: Readonly<Record<string, string | undefined>>): Promise<ProgressDocument | undefined> {
  const local = outbox.document('progress')
  const response = await lrs.request('GET', 'activities/state', {query: {...query, stateId: progressStateId}, timeout: 8000})
  let remote: ProgressDocument | undefined
  if (response.status === 200) {
    try {
      remote = readProgress(JSON.parse(response.body))
    } catch {
      remote = undefined
    }
  }
  const mine = local ? readProgress(local.body) : undefined
  return local?.pending ? newerProgress(mine, remote) : newerProgress(remote, mine)
}

/**
 * Prepare a Tin Can launch.
 *
 * @param course
 *   The course as played.
 * @param env
 *   Browser services.
 * @returns
 *   The prepared adapter, or `undefined` when the page was not launched with `endpoint` and `actor`.
 */
export async function prepareXapi(course: Course, env: Environment): Promise<PreparedAdapter | undefined> {
  const launch = parseTinCanLaunch(env.href)
  if (!launch) return undefined
  const relay = relayReporter()
  const lrs = createLrs({endpoint: launch.endpoint, auth: launch.auth, env})
  const activityId = launch.activityId ?? course.id
  const outbox = createOutbox({lrs, env, key: outboxKey(lrs.endpoint, launch.actor, launch.registration, activityId), report: relay.report})
  const query = {activityId, agent: JSON.stringify(launch.actor), registration: launch.registration}
  const saved = await loadProgress(lrs, outbox, query)
  const adapter = createLrsAdapter({
    course,
    env,
    outbox,
    actor: launch.actor,
    registration: launch.registration,
    profile: {name: 'xapi', mode: 'normal', object: courseActivity(course, activityId)},
    saved,
    stateQuery: query
  })
  env.on('pagehide', () => outbox.flushOnHide())
  return (report) => {
    relay.connect(report)
    return adapter
  }
}
