import type {Environment} from './environment.js'

/** Configuration for `createLrs`. */
export interface LrsOptions {
  /** xAPI endpoint from the launch URL (with or without the trailing `/`). */
  readonly endpoint: string
  /** Value of the `Authorization` header (`Basic …`), from the launch. */
  readonly auth: string
  readonly env: Environment
}

/** What one request gave: `status` 0 when there was no answer (offline, dropped, timed out). */
export interface LrsResponse {
  readonly status: number
  readonly body: string
}

/** Options of one request. */
export interface LrsRequest {
  readonly query?: Readonly<Record<string, string | undefined>> | undefined
  /** JSON text to send. */
  readonly body?: string | undefined
  /** Let the request outlive the page (`pagehide`); small bodies only. */
  readonly keepalive?: boolean | undefined
  /** Give up after this many milliseconds (default: 20 000). */
  readonly timeout?: number | undefined
}

/** A client for one LRS and one set of credentials. */
export interface Lrs {
  readonly endpoint: string
  request(method: 'GET' | 'PUT' | 'POST', resource: string, options?: LrsRequest): Promise<LrsResponse>
}

/** Browsers refuse `keepalive` requests whose bodies add up to more than 64 KiB. */
export const keepaliveLimit = 48_000

/** Create an LRS client (xAPI 1.0.3). */
export function createLrs(options: LrsOptions): Lrs {
  const {env, auth} = options
  const endpoint = options.endpoint.replace(/\/*$/, '/')
  return {
    endpoint,
    request(method, resource, request) {
      const query = Object.entries(request?.query ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined)
      const url = endpoint + resource + (query.length > 0 ? '?' + query.map(([name, value]) => name + '=' + encodeURIComponent(value)).join('&') : '')
      const headers: Record<string, string> = {'X-Experience-API-Version': '1.0.3'}
      if (auth) headers['Authorization'] = auth
      if (request?.body !== undefined) headers['Content-Type'] = 'application/json'
      const controller = new AbortController()
      const timer = env.setTimeout(() => controller.abort(), request?.timeout ?? 20_000)
      const init: RequestInit = {
        method,
        headers,
        body: request?.body,
        cache: 'no-store',
        credentials: 'omit',
        keepalive: request?.keepalive === true && (request.body?.length ?? 0) <= keepaliveLimit,
        signal: controller.signal
      }
      return env.fetch(url, init)
        .then(async (response) => ({status: response.status, body: await response.text()}))
        .catch(() => ({status: 0, body: ''}))
        .finally(() => env.clearTimeout(timer))
    }
  }
}
