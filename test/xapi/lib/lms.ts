/**
 * The LMS side of the xAPI tests, on 127.0.0.1 only:
 *
 * - a real LRS: Learning Locker's statements service (`learning-locker.cjs`, in-memory models)
 *   in a child process, reached only through this server, which checks credentials first
 *   (Learning Locker's no-database mode would accept any);
 * - the parts of the LRS that service does not have: the State API and the Agent Profile API
 *   (in memory), and `about`;
 * - a cmi5 LMS: registrations, LMS.LaunchData, the one-time fetch URL and its token, the
 *   `launched` statement, a page for `returnURL`;
 * - fault injection on everything under `/xapi/`: fail every other request (half of them
 *   after Learning Locker has stored the statements, so only the answer is lost), or drop
 *   every connection.
 */

import {spawn, type ChildProcess} from 'node:child_process'
import {randomUUID} from 'node:crypto'
import fs from 'node:fs/promises'
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

/** An xAPI agent as the tests use them. */
export interface TestAgent {
  readonly objectType: 'Agent'
  readonly name?: string
  readonly account: {readonly homePage: string; readonly name: string}
}

/** A stored statement (what Learning Locker returns). */
export type StoredStatement = {
  readonly id: string
  readonly actor: Record<string, unknown>
  readonly verb: {readonly id: string}
  readonly object: {readonly id: string; readonly definition?: Record<string, any>}
  readonly result?: Record<string, any>
  readonly context?: Record<string, any>
  readonly timestamp: string
  readonly stored: string
  readonly [key: string]: unknown
}

/** How the LRS misbehaves. */
export interface Faults {
  /** Fail every other request with 503 (every second one of those after storing it). */
  failHalf: boolean
  /** Destroy every connection without an answer. */
  drop: boolean
}

/** Options of a cmi5 launch. */
export interface Cmi5LaunchOptions {
  /** The AU's URL (as in `cmi5.xml`, made absolute). */
  readonly auUrl: string
  /** The AU's id in `cmi5.xml` (publisher id). */
  readonly publisherId: string
  readonly actor: TestAgent
  readonly registration: string
  readonly mode?: 'Normal' | 'Browse' | 'Review'
  readonly masteryScore?: number
  readonly moveOn?: string
  readonly returnURL?: string
}

/** A running test LMS with its LRS. */
export interface Lms {
  /** Base URL, ending in `/`. */
  readonly url: string
  /** xAPI endpoint for launches, ending in `/`. */
  readonly endpoint: string
  /** `Authorization` of the Tin Can launches. */
  readonly basicAuth: string
  readonly faults: Faults
  /** Every request under `/xapi/` (and `/fetch/`), in order. */
  readonly log: Array<{readonly method: string; readonly path: string; readonly status: number; readonly injected?: 'before' | 'after' | 'drop'}>
  /** How often each fetch URL was called. */
  readonly fetchCalls: Map<string, number>
  /** A Tin Can launch URL of a package. */
  tinCanLaunch(packageUrl: string, options: {readonly actor: TestAgent; readonly registration: string; readonly activityId?: string; readonly auth?: string}): string
  /** Launch a cmi5 AU as an LMS does (session, LaunchData, fetch URL, `launched`); returns the URL and the session id. */
  cmi5Launch(options: Cmi5LaunchOptions): Promise<{readonly url: string; readonly sessionId: string; readonly activityId: string}>
  /** Refuse a credential from now on (401). */
  revoke(auth: string): void
  /**
   * Every statement the LRS has, in timestamp order (the order cmi5 defines; ties keep the
   * stored order). A statement sent at `pagehide` may be stored before a batch that was still on
   * its way, so the stored order alone can differ.
   */
  statements(): Promise<StoredStatement[]>
  /** A State API document, parsed. */
  state(query: {readonly activityId: string; readonly agent: TestAgent; readonly registration?: string; readonly stateId: string}): unknown
  close(): Promise<void>
}

const here = path.dirname(fileURLToPath(import.meta.url))
const cmi5Category = 'https://w3id.org/xapi/cmi5/context/categories/cmi5'

/** Start Learning Locker's statements service on loopback; resolves its base URL. */
async function startLearningLocker(folder: string): Promise<{url: string; child: ChildProcess}> {
  const child = spawn(process.execPath, [path.join(here, 'learning-locker.cjs'), folder], {stdio: ['ignore', 'pipe', 'pipe']})
  let errors = ''
  child.stderr!.on('data', (chunk: Buffer) => {
    errors += chunk.toString()
  })
  const port = await new Promise<number>((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error('Learning Locker did not start:\n' + errors)), 60_000)
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /PORT (\d+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(Number(match[1]))
      }
    })
    child.on('exit', (code) => reject(new Error('Learning Locker exited with ' + String(code) + ':\n' + errors)))
  })
  return {url: 'http://127.0.0.1:' + port + '/xAPI/', child}
}

function agentKey(json: string | null): string {
  try {
    const agent = JSON.parse(json ?? '') as Record<string, any>
    return agent['account'] ? 'account:' + agent['account'].homePage + '|' + agent['account'].name : String(agent['mbox'] ?? agent['mbox_sha1sum'] ?? agent['openid'])
  } catch {
    return ''
  }
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', reject)
  })
}

const cors = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, PUT, POST, DELETE, OPTIONS',
  'access-control-allow-headers': 'Authorization, Content-Type, X-Experience-API-Version',
  'access-control-expose-headers': 'ETag, X-Experience-API-Version, X-Experience-API-Consistent-Through'
}

/** Start the test LMS and its LRS. */
export async function startLms(): Promise<Lms> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'coursemark-lrs-'))
  const locker = await startLearningLocker(folder)
  const basicAuth = 'Basic ' + Buffer.from('coursemark-test:' + randomUUID()).toString('base64')
  const lmsAuth = 'Basic ' + Buffer.from('lms:' + randomUUID()).toString('base64')
  const accepted = new Set([basicAuth, lmsAuth])
  const fetchTokens = new Map<string, {token: string; used: boolean}>()
  const fetchCalls = new Map<string, number>()
  const documents = new Map<string, {type: string; body: Buffer}>()
  const log: Array<{method: string; path: string; status: number; injected?: 'before' | 'after' | 'drop'}> = []
  const faults: Faults = {failHalf: false, drop: false}
  let counter = 0

  async function forward(method: string, url: URL, headers: http.IncomingHttpHeaders, body: Buffer | undefined): Promise<{status: number; type: string; text: string}> {
    const response = await fetch(locker.url + 'statements' + url.search, {
      method,
      headers: {
        'x-experience-api-version': String(headers['x-experience-api-version'] ?? ''),
        'content-type': String(headers['content-type'] ?? 'application/json'),
        authorization: lmsAuth
      },
      body: method === 'GET' ? undefined : body
    })
    return {status: response.status, type: response.headers.get('content-type') ?? 'application/json', text: await response.text()}
  }

  function documentKey(resource: string, query: URLSearchParams): string {
    return resource === 'state'
      ? ['state', query.get('activityId'), agentKey(query.get('agent')), query.get('registration') ?? '', query.get('stateId')].join('\n')
      : ['profile', agentKey(query.get('agent')), query.get('profileId')].join('\n')
  }

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const method = request.method ?? 'GET'
    const send = (status: number, body = '', type = 'application/json', injected?: 'before' | 'after'): void => {
      log.push({method, path: url.pathname, status, ...(injected ? {injected} : {})})
      response.writeHead(status, {...cors, 'content-type': type, 'cache-control': 'no-store'})
      response.end(body)
    }

    if (url.pathname === '/return') {
      send(200, '<!doctype html><title>LMS</title><h1>Back in the LMS</h1>', 'text/html; charset=utf-8')
      return
    }
    if (url.pathname.startsWith('/fetch/')) {
      const id = url.pathname.slice('/fetch/'.length)
      fetchCalls.set(id, (fetchCalls.get(id) ?? 0) + 1)
      if (method === 'OPTIONS') return send(204)
      const entry = fetchTokens.get(id)
      if (method !== 'POST') return send(200, JSON.stringify({'error-code': '3', 'error-text': 'Use POST.'}))
      if (!entry) return send(200, JSON.stringify({'error-code': '2', 'error-text': 'Unknown fetch URL.'}))
      if (entry.used) return send(200, JSON.stringify({'error-code': '1', 'error-text': 'The authorization token has already been returned.'}))
      entry.used = true
      return send(200, JSON.stringify({'auth-token': entry.token}))
    }
    if (!url.pathname.startsWith('/xapi/')) return send(404, '{}')

    if (faults.drop) {
      log.push({method, path: url.pathname, status: 0, injected: 'drop'})
      request.socket.destroy()
      return
    }
    // Requests are counted only while half of them fail, so the first one always fails.
    if (faults.failHalf) counter++
    const failNow = faults.failHalf && counter % 2 === 1
    const failAfter = failNow && counter % 4 === 3
    if (failNow && !failAfter) return send(503, JSON.stringify({message: 'Injected failure'}), 'application/json', 'before')
    if (method === 'OPTIONS') return send(204)
    if (!accepted.has(String(request.headers.authorization ?? ''))) return send(401, JSON.stringify({message: 'Unauthorised'}))
    if (!request.headers['x-experience-api-version']) return send(400, JSON.stringify({message: 'X-Experience-API-Version header missing'}))
    const body = method === 'GET' ? undefined : await readBody(request)
    const resource = url.pathname.slice('/xapi/'.length)

    if (resource === 'about') return send(200, JSON.stringify({version: ['1.0.3']}))
    if (resource === 'statements') {
      const answer = await forward(method, url, request.headers, body)
      if (failAfter && (method === 'POST' || method === 'PUT')) return send(503, JSON.stringify({message: 'Injected failure after storing'}), 'application/json', 'after')
      return send(answer.status, answer.text, answer.type)
    }
    if (resource === 'activities/state' || resource === 'agents/profile') {
      const kind = resource === 'activities/state' ? 'state' : 'profile'
      if (!url.searchParams.get(kind === 'state' ? 'stateId' : 'profileId')) return send(400, JSON.stringify({message: 'Listing documents is not supported by this test LRS'}))
      const key = documentKey(kind, url.searchParams)
      if (method === 'GET') {
        const document = documents.get(key)
        return document ? send(200, document.body.toString('utf8'), document.type) : send(404, '')
      }
      if (method === 'PUT' || method === 'POST') {
        const type = String(request.headers['content-type'] ?? 'application/octet-stream')
        if (method === 'POST' && documents.has(key)) {
          const merged = {...JSON.parse(documents.get(key)!.body.toString('utf8')), ...JSON.parse(body!.toString('utf8'))}
          documents.set(key, {type, body: Buffer.from(JSON.stringify(merged))})
        } else {
          documents.set(key, {type, body: body!})
        }
        if (failAfter) return send(503, JSON.stringify({message: 'Injected failure after storing'}), 'application/json', 'after')
        return send(204)
      }
      if (method === 'DELETE') {
        documents.delete(key)
        return send(204)
      }
    }
    return send(405, '{}')
  }

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, cors).end(JSON.stringify({message: String(error)}))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const base = 'http://127.0.0.1:' + (server.address() as AddressInfo).port + '/'
  const endpoint = base + 'xapi/'

  async function lrs(method: string, resource: string, body?: unknown): Promise<unknown> {
    const response = await fetch(locker.url + resource, {
      method,
      headers: {'x-experience-api-version': '1.0.3', 'content-type': 'application/json', authorization: lmsAuth},
      body: body === undefined ? undefined : JSON.stringify(body)
    })
    const text = await response.text()
    if (!response.ok) throw new Error(method + ' ' + resource + ': ' + response.status + ' ' + text)
    return text ? JSON.parse(text) as unknown : undefined
  }

  return {
    url: base,
    endpoint,
    basicAuth,
    faults,
    log,
    fetchCalls,
    tinCanLaunch(packageUrl, options) {
      const params = new URLSearchParams({
        endpoint,
        auth: options.auth ?? basicAuth,
        actor: JSON.stringify(options.actor),
        registration: options.registration,
        ...(options.activityId ? {activity_id: options.activityId} : {})
      })
      return packageUrl + (packageUrl.includes('?') ? '&' : '?') + params.toString()
    },
    async cmi5Launch(options) {
      const sessionId = randomUUID()
      const token = Buffer.from('session:' + randomUUID()).toString('base64')
      const fetchId = randomUUID()
      fetchTokens.set(fetchId, {token, used: false})
      accepted.add('Basic ' + token)
      // The LMS generates the AU's activity id: never the publisher id of cmi5.xml.
      const activityId = base + 'activities/' + encodeURIComponent(options.publisherId)
      const contextTemplate = {
        contextActivities: {grouping: [{objectType: 'Activity', id: options.publisherId}]},
        extensions: {'https://w3id.org/xapi/cmi5/context/extensions/sessionid': sessionId}
      }
      const launchData = {
        contextTemplate,
        launchMode: options.mode ?? 'Normal',
        moveOn: options.moveOn ?? 'CompletedAndPassed',
        ...(options.masteryScore === undefined ? {} : {masteryScore: options.masteryScore}),
        ...(options.returnURL ? {returnURL: options.returnURL} : {})
      }
      const stateKey = ['state', activityId, agentKey(JSON.stringify(options.actor)), options.registration, 'LMS.LaunchData'].join('\n')
      documents.set(stateKey, {type: 'application/json', body: Buffer.from(JSON.stringify(launchData))})
      await lrs('POST', 'statements', {
        id: randomUUID(),
        actor: options.actor,
        verb: {id: 'http://adlnet.gov/expapi/verbs/launched', display: {'en-US': 'launched'}},
        object: {objectType: 'Activity', id: activityId},
        context: {
          registration: options.registration,
          contextActivities: {...contextTemplate.contextActivities, category: [{id: cmi5Category}]},
          extensions: {
            ...contextTemplate.extensions,
            'https://w3id.org/xapi/cmi5/context/extensions/launchmode': launchData.launchMode,
            'https://w3id.org/xapi/cmi5/context/extensions/launchurl': options.auUrl,
            'https://w3id.org/xapi/cmi5/context/extensions/moveon': launchData.moveOn,
            ...(options.masteryScore === undefined ? {} : {'https://w3id.org/xapi/cmi5/context/extensions/masteryscore': options.masteryScore})
          }
        },
        timestamp: new Date().toISOString()
      })
      const params = new URLSearchParams({
        endpoint,
        fetch: base + 'fetch/' + fetchId,
        actor: JSON.stringify(options.actor),
        registration: options.registration,
        activityId
      })
      return {url: options.auUrl + (options.auUrl.includes('?') ? '&' : '?') + params.toString(), sessionId, activityId}
    },
    revoke(auth) {
      accepted.delete(auth)
    },
    async statements() {
      const all: StoredStatement[] = []
      let next: string | undefined = 'statements?ascending=true&limit=500'
      while (next) {
        const page = await lrs('GET', next) as {statements: StoredStatement[]; more?: string}
        all.push(...page.statements)
        next = page.more ? page.more.replace(/^.*\/xAPI\//, '') : undefined
      }
      return all.map((statement, index) => ({statement, index}))
        .sort((a, b) => Date.parse(a.statement.timestamp) - Date.parse(b.statement.timestamp) || a.index - b.index)
        .map((entry) => entry.statement)
    },
    state(query) {
      const document = documents.get(['state', query.activityId, agentKey(JSON.stringify(query.agent)), query.registration ?? '', query.stateId].join('\n'))
      return document ? JSON.parse(document.body.toString('utf8')) as unknown : undefined
    },
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      locker.child.kill('SIGTERM')
      await fs.rm(folder, {recursive: true, force: true})
    }
  }
}
