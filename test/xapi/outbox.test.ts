/** The durable outbox against a scripted LRS: order, retries, 409, 401/403, 400, reloads, pagehide. */

import {expect, test} from 'vitest'
import type {Problem} from '../../packages/runtime/src/lib/adapters/types.js'
import {createLrs} from '../../packages/runtime/src/lib/delivery/lrs.js'
import {createOutbox, type Statement} from '../../packages/runtime/src/lib/delivery/outbox.js'
import {fakeEnv, memoryStore, type FakeEnv} from './lib/fake-env.js'

function outboxOf(env: FakeEnv, problems: Problem[] = []) {
  const lrs = createLrs({endpoint: 'https://lrs.example.org/xapi', auth: 'Basic abc', env})
  return createOutbox({lrs, env, key: 'coursemark:lrs:test', report: (problem) => problems.push(problem)})
}

const statement = (n: number): Statement => ({id: '00000000-0000-4000-8000-' + String(n).padStart(12, '0'), verb: {id: 'http://adlnet.gov/expapi/verbs/experienced'}})

/** Ids the LRS has stored, in order, when it stores every POST/PUT that it answers 2xx or 409. */
function storedIds(env: FakeEnv): string[] {
  const ids: string[] = []
  for (const request of env.requests) {
    if (!request.url.pathname.endsWith('/statements') || request.method === 'GET') continue
    const list = (request.method === 'PUT' ? [JSON.parse(request.body!)] : JSON.parse(request.body!)) as Statement[]
    for (const item of list) if (!ids.includes(item.id)) ids.push(item.id)
  }
  return ids
}

test('sends statements in order, in batches, with the xAPI headers, and forgets them once stored', async () => {
  const env = fakeEnv()
  const outbox = outboxOf(env)
  for (let n = 1; n <= 3; n++) outbox.send(statement(n))
  await env.flush()
  expect(env.requests[0]).toMatchObject({method: 'POST', headers: {'x-experience-api-version': '1.0.3', authorization: 'Basic abc', 'content-type': 'application/json'}, keepalive: true})
  expect(env.requests[0]!.url.href).toBe('https://lrs.example.org/xapi/statements')
  expect(storedIds(env)).toEqual([1, 2, 3].map((n) => statement(n).id))
  expect(outbox.pending()).toEqual([])
  expect(env.storage.data.size).toBe(0)
  expect(await outbox.settle(1000)).toBe(true)
})

test('batches are at most 50 statements', async () => {
  const env = fakeEnv()
  env.answer = () => 'offline'
  const outbox = outboxOf(env)
  for (let n = 1; n <= 120; n++) outbox.send(statement(n))
  await env.flush()
  env.answer = () => 200
  await env.advance(120_000)
  const posts = env.requests.filter((request) => request.method === 'POST' && request.body)
  expect(posts.slice(-3).map((request) => (JSON.parse(request.body!) as unknown[]).length)).toEqual([50, 50, 20])
  expect(outbox.pending()).toEqual([])
})

test('no answer or 5xx: retries with backoff (1 s, 2 s, 4 s …), tells the learner after three failures and takes it back once delivered, nothing lost', async () => {
  const env = fakeEnv()
  const problems: Problem[] = []
  let calls = 0
  env.answer = () => (++calls <= 3 ? (calls === 2 ? 503 : 'offline') : 200)
  const outbox = outboxOf(env, problems)
  outbox.send(statement(1))
  await env.flush()
  expect(env.requests).toHaveLength(1)
  await env.advance(999)
  expect(env.requests).toHaveLength(1)
  await env.advance(1)
  expect(env.requests).toHaveLength(2)
  await env.advance(2000)
  expect(env.requests).toHaveLength(3)
  expect(problems).toEqual([{key: 'notice.lrsOffline'}])
  await env.advance(4000)
  expect(env.requests).toHaveLength(4)
  expect(outbox.pending()).toEqual([])
  // Delivered: the notice is taken back (and would be given again at the next outage).
  expect(problems).toEqual([{key: 'notice.lrsOffline'}, {key: 'notice.lrsOffline', resolved: true}])
})

test('`online` retries at once', async () => {
  const env = fakeEnv()
  env.answer = () => 'offline'
  const outbox = outboxOf(env)
  outbox.send(statement(1))
  await env.advance(10_000)
  const before = env.requests.length
  env.answer = () => 200
  env.fire('online')
  await env.flush()
  expect(env.requests.length).toBe(before + 1)
  expect(outbox.pending()).toEqual([])
})

test('409 for a batch: each statement is sent on its own with PUT; 204 and 409 both count as delivered', async () => {
  const env = fakeEnv()
  env.answer = () => 'offline'
  const outbox = outboxOf(env)
  for (let n = 1; n <= 3; n++) outbox.send(statement(n))
  await env.flush()
  env.answer = (request) => (request.method === 'POST' ? 409 : request.url.searchParams.get('statementId') === statement(2).id ? 409 : 204)
  await env.advance(1000)
  expect(env.requests.slice(1).map((request) => request.method + ' ' + (request.url.searchParams.get('statementId') ?? ''))).toEqual([
    'POST ', 'PUT ' + statement(1).id, 'PUT ' + statement(2).id, 'PUT ' + statement(3).id
  ])
  expect(outbox.pending()).toEqual([])
})

test('401/403: delivery stops with a message; the statements stay stored for a later launch', async () => {
  const env = fakeEnv()
  const problems: Problem[] = []
  env.answer = () => 403
  const outbox = outboxOf(env, problems)
  outbox.send(statement(1))
  await env.advance(60_000)
  outbox.send(statement(2))
  await env.advance(60_000)
  expect(env.requests).toHaveLength(1)
  expect(problems).toEqual([{key: 'notice.lrsAuth', values: {code: '403'}}])
  expect(await outbox.settle(100)).toBe(false)
  expect((JSON.parse(env.storage.data.get('coursemark:lrs:test')!) as {statements: Statement[]}).statements.map((item) => item.id)).toEqual([statement(1).id, statement(2).id])
})

test('a statement the LRS rejects (400) is set aside and reported; the others go through', async () => {
  const env = fakeEnv()
  const problems: Problem[] = []
  env.answer = () => 'offline'
  const outbox = outboxOf(env, problems)
  for (let n = 1; n <= 3; n++) outbox.send(statement(n))
  await env.flush()
  env.answer = (request) => (request.method === 'POST' || request.url.searchParams.get('statementId') === statement(2).id ? 400 : 204)
  await env.advance(1000)
  expect(storedIds(env)).toContain(statement(3).id)
  expect(outbox.pending()).toEqual([])
  expect(problems).toEqual([{key: 'notice.lrsRejected', values: {code: '400'}}])
  expect((JSON.parse(env.storage.data.get('coursemark:lrs:test')!) as {rejected: Array<{statement: Statement}>}).rejected.map((entry) => entry.statement.id)).toEqual([statement(2).id])
})

test('a reload loses nothing: the next page delivers what the last one could not', async () => {
  const first = fakeEnv()
  first.answer = () => 'offline'
  const outbox = outboxOf(first)
  outbox.send(statement(1))
  outbox.send(statement(2))
  outbox.put({key: 'progress', resource: 'activities/state', query: {stateId: 's'}, body: {page: 1}})
  await first.advance(5000)
  const second = fakeEnv({storage: first.storage})
  outboxOf(second)
  await second.flush()
  expect(storedIds(second)).toEqual([statement(1).id, statement(2).id])
  expect(second.requests.at(-1)).toMatchObject({method: 'PUT', body: '{"page":1}'})
  expect(second.storage.data.get('coursemark:lrs:test')).toContain('"pending":false')
})

test('documents: the last write wins, sent once, after the statements', async () => {
  const env = fakeEnv()
  env.answer = () => 'offline'
  const outbox = outboxOf(env)
  outbox.put({key: 'progress', resource: 'activities/state', query: {stateId: 's'}, body: {page: 1}})
  outbox.send(statement(1))
  outbox.put({key: 'progress', resource: 'activities/state', query: {stateId: 's'}, body: {page: 2}})
  await env.advance(3000)
  env.answer = () => 204
  env.fire('online')
  await env.flush()
  const delivered = env.requests.slice(-2)
  expect(delivered.map((request) => request.method)).toEqual(['POST', 'PUT'])
  expect(delivered[1]!.body).toBe('{"page":2}')
  expect(outbox.document('progress')).toEqual({body: {page: 2}, pending: false})
})

test('pagehide: what is not on its way goes out with keepalive', async () => {
  const env = fakeEnv()
  let release: (() => void) | undefined
  const hold = new Promise<void>((resolve) => {
    release = resolve
  })
  const original = env.fetch
  const outbox = outboxOf(env)
  // The first POST hangs (on its way when the page is hidden).
  ;(env as {fetch: typeof env.fetch}).fetch = async (url, init) => {
    if (env.requests.length === 0) {
      const pending = original(url, init)
      await hold
      return pending
    }
    return original(url, init)
  }
  outbox.send(statement(1))
  await env.flush()
  outbox.send(statement(2))
  outbox.send(statement(3))
  outbox.put({key: 'progress', resource: 'activities/state', query: {stateId: 's'}, body: {page: 3}})
  outbox.flushOnHide()
  await env.flush()
  const posts = env.requests.filter((request) => request.method === 'POST')
  expect(posts.map((request) => (JSON.parse(request.body!) as Statement[]).map((item) => item.id))).toEqual([[statement(1).id], [statement(2).id, statement(3).id]])
  expect(env.requests.every((request) => request.keepalive)).toBe(true)
  expect(env.requests.some((request) => request.method === 'PUT' && request.body === '{"page":3}')).toBe(true)
  release!()
  await env.flush()
  expect(outbox.pending()).toEqual([])
})

test('storage full: the learner is told once, statements wait in memory, and are stored (the notice taken back) once there is room', async () => {
  const memory = memoryStore()
  let full = false
  const storage = {...memory, setItem: (name: string, value: string) => {
    if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    memory.setItem(name, value)
  }}
  const env = fakeEnv({storage})
  env.answer = () => 'offline'
  const problems: Problem[] = []
  const outbox = outboxOf(env, problems)
  outbox.send(statement(1))
  full = true
  outbox.send(statement(2))
  outbox.send(statement(3))
  await env.flush()
  expect(problems.filter((problem) => problem.key === 'notice.noStorage')).toEqual([{key: 'notice.noStorage'}])
  // Nothing is lost on this page; storage still holds what fitted.
  expect(outbox.pending().map((item) => item.id)).toEqual([1, 2, 3].map((n) => statement(n).id))
  expect((JSON.parse(memory.data.get('coursemark:lrs:test')!) as {statements: Statement[]}).statements.map((item) => item.id)).toEqual([statement(1).id])

  // Room again: the next change stores everything, and the notice is taken back.
  full = false
  outbox.send(statement(4))
  expect(problems.filter((problem) => problem.key === 'notice.noStorage')).toEqual([{key: 'notice.noStorage'}, {key: 'notice.noStorage', resolved: true}])
  expect((JSON.parse(memory.data.get('coursemark:lrs:test')!) as {statements: Statement[]}).statements.map((item) => item.id)).toEqual([1, 2, 3, 4].map((n) => statement(n).id))
  env.answer = () => 200
  await env.advance(120_000)
  expect(storedIds(env)).toEqual([1, 2, 3, 4].map((n) => statement(n).id))
  expect(memory.data.size).toBe(0)
})
