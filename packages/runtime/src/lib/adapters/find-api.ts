/**
 * SCORM API discovery (SCORM 1.2 RTE 3.3.6.1, SCORM 2004 RTE 3.1.2.1): look in the window's
 * parent chain (at most 10 levels up), then in the opener's window and its parent chain.
 * This is the only code that walks frames.
 */

/** The SCORM 1.2 API (`window.API`). */
export interface Scorm12Api {
  LMSInitialize(parameter: ''): string | boolean
  LMSFinish(parameter: ''): string | boolean
  LMSGetValue(element: string): string
  LMSSetValue(element: string, value: string): string | boolean
  LMSCommit(parameter: ''): string | boolean
  LMSGetLastError(): string | number
  LMSGetErrorString(code: string): string
  LMSGetDiagnostic(code: string): string
}

/** The SCORM 2004 API (`window.API_1484_11`). */
export interface Scorm2004Api {
  Initialize(parameter: ''): string | boolean
  Terminate(parameter: ''): string | boolean
  GetValue(element: string): string
  SetValue(element: string, value: string): string | boolean
  Commit(parameter: ''): string | boolean
  GetLastError(): string | number
  GetErrorString(code: string): string
  GetDiagnostic(code: string): string
}

const MAX_DEPTH = 10

function lookUp<T>(start: Window, name: string, isApi: (value: unknown) => value is T): T | undefined {
  let current: Window | null = start
  for (let depth = 0; current && depth <= MAX_DEPTH; depth++) {
    const found = read(current, name)
    if (isApi(found)) return found
    let parent: Window | null = null
    try {
      parent = current.parent
    } catch {
      return undefined
    }
    if (!parent || parent === current) return undefined
    current = parent
  }
  return undefined
}

/** Read a property of a window that may be cross-origin (reading then throws). */
function read(win: Window, name: string): unknown {
  try {
    return (win as unknown as Record<string, unknown>)[name]
  } catch {
    return undefined
  }
}

function find<T>(start: Window, name: string, isApi: (value: unknown) => value is T): T | undefined {
  const own = lookUp(start, name, isApi)
  if (own) return own
  let opener: unknown
  try {
    opener = start.top ? start.top.opener : start.opener
  } catch {
    opener = undefined
  }
  if (!opener) {
    try {
      opener = start.opener
    } catch {
      opener = undefined
    }
  }
  return opener ? lookUp(opener as Window, name, isApi) : undefined
}

function hasMethods(value: unknown, names: ReadonlyArray<string>): boolean {
  return typeof value === 'object' && value !== null &&
    names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function')
}

function isScorm12(value: unknown): value is Scorm12Api {
  return hasMethods(value, ['LMSInitialize', 'LMSFinish', 'LMSGetValue', 'LMSSetValue', 'LMSCommit', 'LMSGetLastError'])
}

function isScorm2004(value: unknown): value is Scorm2004Api {
  return hasMethods(value, ['Initialize', 'Terminate', 'GetValue', 'SetValue', 'Commit', 'GetLastError'])
}

/** Find the SCORM 1.2 `API` object for a window, if an LMS provides one. */
export function findScorm12Api(start: Window): Scorm12Api | undefined {
  return find(start, 'API', isScorm12)
}

/** Find the SCORM 2004 `API_1484_11` object for a window, if an LMS provides one. */
export function findScorm2004Api(start: Window): Scorm2004Api | undefined {
  return find(start, 'API_1484_11', isScorm2004)
}
