import {expect, test} from 'vitest'
import {findScorm12Api, findScorm2004Api} from '../../packages/runtime/src/lib/adapters/find-api.js'

const api12 = {LMSInitialize() {}, LMSFinish() {}, LMSGetValue() {}, LMSSetValue() {}, LMSCommit() {}, LMSGetLastError() {}, LMSGetErrorString() {}, LMSGetDiagnostic() {}}
const api2004 = {Initialize() {}, Terminate() {}, GetValue() {}, SetValue() {}, Commit() {}, GetLastError() {}, GetErrorString() {}, GetDiagnostic() {}}

interface FakeWindow {
  parent: FakeWindow
  top: FakeWindow
  opener: FakeWindow | null
  [name: string]: unknown
}

/** A chain of `depth` frames under a top window; returns the innermost one. */
function frames(depth: number, top: Partial<FakeWindow> = {}): FakeWindow {
  const root = {opener: null, ...top} as FakeWindow
  root.parent = root
  root.top = root
  let current = root
  for (let level = 0; level < depth; level++) {
    const child = {parent: current, top: root, opener: null} as FakeWindow
    current = child
  }
  return current
}

test('finds the API in a parent frame', () => {
  const window = frames(3, {API: api12})
  expect(findScorm12Api(window as unknown as Window)).toBe(api12)
  expect(findScorm2004Api(window as unknown as Window)).toBeUndefined()
})

test('looks at most 10 levels up', () => {
  expect(findScorm2004Api(frames(10, {API_1484_11: api2004}) as unknown as Window)).toBe(api2004)
  expect(findScorm2004Api(frames(11, {API_1484_11: api2004}) as unknown as Window)).toBeUndefined()
})

test('then looks in the opener and its parents', () => {
  const opener = frames(2, {API: api12})
  const window = frames(1, {opener})
  expect(findScorm12Api(window as unknown as Window)).toBe(api12)
})

test('ignores objects that are not an API and frames that cannot be read', () => {
  const window = frames(1, {API: {LMSInitialize() {}}})
  expect(findScorm12Api(window as unknown as Window)).toBeUndefined()
  const guarded = frames(0)
  Object.defineProperty(guarded, 'API', {get() {
    throw new Error('SecurityError')
  }})
  expect(findScorm12Api(guarded as unknown as Window)).toBeUndefined()
})
