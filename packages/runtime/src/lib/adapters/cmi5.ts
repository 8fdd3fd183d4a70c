/**
 * The cmi5 target, as the cmi5 specification (AU side) says:
 *
 * 1. read `endpoint`, `fetch`, `actor`, `registration`, `activityId` from the launch URL;
 * 2. POST to the `fetch` URL once for the session's token (kept in `sessionStorage` until the
 *    session ends, so a reload in the same tab does not ask again; removed at `terminated`); an
 *    error document (`error-code`, `error-text`) stops the launch with a message;
 * 3. read `LMS.LaunchData` (context template, launch mode, mastery score, moveOn, returnURL)
 *    and the learner preferences (`cmi5LearnerPreferences`) with that token;
 * 4. play, sending cmi5 defined statements on the AU (initialized first, terminated last;
 *    completed, passed, failed only in Normal mode, as the verb rules allow) and cmi5 allowed
 *    ones for pages, answers and objectives, every one on the context template;
 * 5. on exit: terminated, wait for delivery, then go to `returnURL`.
 */

import type {Course} from '@coursemark/model'
import {hash} from '../hash.js'
import type {Environment} from '../delivery/environment.js'
import {createLrs, type Lrs, type LrsResponse} from '../delivery/lrs.js'
import {createOutbox} from '../delivery/outbox.js'
import type {Launch, Problem} from './types.js'
import {loadProgress, outboxKey, relayReporter, type PreparedAdapter} from './xapi.js'
import {parseCmi5Launch, type Cmi5Launch} from './xapi-launch.js'
import {createLrsAdapter, type LrsAdapter} from './xapi-session.js'
import type {Context} from './xapi-statements.js'

/** What the AU reads from `LMS.LaunchData`. */
export interface LaunchData {
  readonly contextTemplate: Context
  readonly mode: Launch['mode']
  /** `masteryScore`, 0–1, when the LMS sets one (it wins over the course's pass mark). */
  readonly masteryScore: number | undefined
  readonly moveOn: string | undefined
  /** Where to send the learner on exit (absolute http(s) URLs only). */
  readonly returnUrl: string | undefined
}

/** A cmi5 adapter: it can end its session and leave for the LMS (the exit control). */
export interface Cmi5Adapter extends LrsAdapter {
  readonly name: 'cmi5'
  /** `audioPreference` of the learner (`on`/`off`), when set. */
  readonly audio: 'on' | 'off' | undefined
  /** Terminate the session, wait (at most `milliseconds`) for delivery, go to `returnURL`; resolves whether it left. */
  exit(milliseconds?: number): Promise<boolean>
}

const modes: Readonly<Record<string, Launch['mode']>> = {Normal: 'normal', Browse: 'browse', Review: 'review'}

/**
 * Read `LMS.LaunchData`.
 *
 * @param value
 *   The parsed document.
 * @returns
 *   The launch data, or `undefined` when it has no context template or no valid launch mode.
 */
export function readLaunchData(value: unknown): LaunchData | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const data = value as Record<string, unknown>
  const template = data['contextTemplate']
  const mode = typeof data['launchMode'] === 'string' ? modes[data['launchMode']] : undefined
  if (typeof template !== 'object' || template === null || !mode) return undefined
  const mastery = typeof data['masteryScore'] === 'string' ? Number.parseFloat(data['masteryScore']) : data['masteryScore']
  const returnUrl = data['returnURL']
  return {
    contextTemplate: template as Context,
    mode,
    masteryScore: typeof mastery === 'number' && mastery >= 0 && mastery <= 1 ? mastery : undefined,
    moveOn: typeof data['moveOn'] === 'string' ? data['moveOn'] : undefined,
    returnUrl: typeof returnUrl === 'string' && /^https?:\/\//i.test(returnUrl) ? returnUrl : undefined
  }
}

interface SessionCache {
  readonly token?: string
  readonly launchData?: unknown
  readonly terminated?: boolean
}

function readCache(env: Environment, key: string): SessionCache {
  try {
    const value = JSON.parse(env.session?.getItem(key) ?? '{}') as unknown
    return typeof value === 'object' && value !== null ? value as SessionCache : {}
  } catch {
    return {}
  }
}

function writeCache(env: Environment, key: string, cache: SessionCache): void {
  try {
    env.session?.setItem(key, JSON.stringify(cache))
  } catch {
    // Without session storage a reload of the AU cannot continue the session; nothing else changes.
  }
}

function wait(env: Environment, milliseconds: number): Promise<void> {
  return new Promise((resolve) => {
    env.setTimeout(resolve, milliseconds)
  })
}

/** Run a request again while there is no answer or a server error (about 15 s in all). */
async function retrying(run: () => Promise<LrsResponse>, env: Environment): Promise<LrsResponse> {
  let response = await run()
  for (const delay of [1000, 2000, 4000, 8000]) {
    if (response.status !== 0 && response.status < 500) break
    await wait(env, delay)
    response = await run()
  }
  return response
}

/** POST to the fetch URL: the token, or a problem to show. */
async function fetchToken(launch: Cmi5Launch, env: Environment): Promise<string | Problem> {
  const response = await retrying(() => {
    const controller = new AbortController()
    const timer = env.setTimeout(() => controller.abort(), 8000)
    return env.fetch(launch.fetch, {method: 'POST', cache: 'no-store', credentials: 'omit', signal: controller.signal})
      .then(async (answer) => ({status: answer.status, body: await answer.text()}))
      .catch(() => ({status: 0, body: ''}))
      .finally(() => env.clearTimeout(timer))
  }, env)
  let document: Record<string, unknown> = {}
  try {
    document = JSON.parse(response.body) as Record<string, unknown>
  } catch {
    document = {}
  }
  const token = document['auth-token']
  if (response.status === 200 && typeof token === 'string' && token) return token
  const code = typeof document['error-code'] === 'string' || typeof document['error-code'] === 'number' ? String(document['error-code']) : String(response.status)
  const text = typeof document['error-text'] === 'string' ? document['error-text'] : response.status === 0 ? 'no connection' : 'no token'
  return {key: 'notice.cmi5Launch', values: {code, message: text}}
}

async function readJson(lrs: Lrs, resource: string, query: Record<string, string>, env: Environment, retry: boolean): Promise<{status: number; value: unknown}> {
  const run = (): Promise<LrsResponse> => lrs.request('GET', resource, {query, timeout: 8000})
  const response = retry ? await retrying(run, env) : await run()
  try {
    return {status: response.status, value: response.status === 200 ? JSON.parse(response.body) as unknown : undefined}
  } catch {
    return {status: response.status, value: undefined}
  }
}

/**
 * Prepare a cmi5 launch.
 *
 * @param course
 *   The course as played (the AU's module for a per-module AU).
 * @param env
 *   Browser services.
 * @returns
 *   The prepared adapter; `undefined` when the page was not launched by a cmi5 LMS; a problem
 *   to show when the launch failed (bad parameters, the fetch URL's error, no launch data).
 */
export async function prepareCmi5(course: Course, env: Environment): Promise<PreparedAdapter | Problem | undefined> {
  const launch = parseCmi5Launch(env.href)
  if (launch === undefined) return undefined
  if (typeof launch === 'string') return {key: 'notice.cmi5Launch', values: {code: launch, message: 'missing or invalid launch parameter'}}
  const cacheKey = 'coursemark:cmi5:' + hash(launch.fetch + '\n' + launch.registration).toString(36)
  let cache = readCache(env, cacheKey)
  if (cache.terminated) return {key: 'notice.cmi5Ended'}
  let token = cache.token
  if (!token) {
    const fetched = await fetchToken(launch, env)
    if (typeof fetched !== 'string') return fetched
    token = fetched
    cache = {token}
    writeCache(env, cacheKey, cache)
  }

  const lrs = createLrs({endpoint: launch.endpoint, auth: 'Basic ' + token, env})
  const agent = JSON.stringify(launch.actor)
  const identity = {activityId: launch.activityId, agent, registration: launch.registration}
  let launchData = readLaunchData(cache.launchData)
  if (!launchData) {
    const got = await readJson(lrs, 'activities/state', {...identity, stateId: 'LMS.LaunchData'}, env, true)
    launchData = readLaunchData(got.value)
    if (!launchData) return {key: 'notice.cmi5Launch', values: {code: String(got.status), message: 'no LMS.LaunchData'}}
    cache = {...cache, launchData: got.value}
    writeCache(env, cacheKey, cache)
  }
  // The AU must read the learner preferences at start; a 403 or 404 is not an error.
  const preferences = await readJson(lrs, 'agents/profile', {profileId: 'cmi5LearnerPreferences', agent}, env, false)
  const audio = (preferences.value as {audioPreference?: unknown} | undefined)?.audioPreference

  const relay = relayReporter()
  const outbox = createOutbox({lrs, env, key: outboxKey(lrs.endpoint, launch.actor, launch.registration, launch.activityId), report: relay.report})
  const data = launchData
  // Browse and Review show the learner's answers too; only Normal writes them.
  const saved = await loadProgress(lrs, outbox, identity)
  const core = createLrsAdapter({
    course,
    env,
    outbox,
    actor: launch.actor,
    registration: launch.registration,
    profile: {name: 'cmi5', mode: data.mode, mastery: data.masteryScore, object: {objectType: 'Activity', id: launch.activityId}, template: data.contextTemplate},
    saved,
    stateQuery: identity,
    onFinish() {
      // The session is over: keep only that fact (a reload must not start it again), never the
      // token or the launch data. What is still queued goes out with this page's copy of the
      // token, or with the next session's (same outbox).
      cache = {terminated: true}
      writeCache(env, cacheKey, cache)
    }
  })
  env.on('pagehide', () => outbox.flushOnHide())
  const adapter: Cmi5Adapter = {
    ...core,
    name: 'cmi5',
    audio: audio === 'on' || audio === 'off' ? audio : undefined,
    async exit(milliseconds = 10_000) {
      core.end()
      await core.settle(milliseconds)
      if (!data.returnUrl) return false
      env.navigate(data.returnUrl)
      return true
    }
  }
  return (report) => {
    relay.connect(report)
    return adapter
  }
}
