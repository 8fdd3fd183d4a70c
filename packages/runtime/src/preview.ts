// The bundle `coursemark preview` plays (dist/coursemark-preview.js): the player of a SCORM 1.2
// package, with the SCORM 2004 and xAPI adapters following along for the LMS inspector of the
// page around it. Like main.ts, the only edge: the window, the clock and the random numbers.
import {createInspectorAdapter, isInspectorHost, type InspectorHost} from './lib/adapters/inspector.js'
import {boot} from './lib/boot.js'
import {uuidFromBytes} from './lib/delivery/environment.js'

const now = (): number => Date.now()
const module = new URLSearchParams(window.location.search).get('module')

/** The inspector of the preview's page, when the course plays in its frame (same origin). */
function inspector(): InspectorHost | undefined {
  try {
    const host = window.parent === window ? undefined : (window.parent as unknown as {coursemarkInspector?: unknown}).coursemarkInspector
    return isInspectorHost(host) ? host : undefined
  } catch {
    return undefined
  }
}

const host = inspector()

if (host) {
  boot(window, {now, module, adapter: (report, course) => createInspectorAdapter({window, course, host, report, env: {
    fetch: (url, init) => window.fetch(url, init),
    setTimeout: (run, milliseconds) => window.setTimeout(run, milliseconds),
    clearTimeout: (handle) => window.clearTimeout(handle as number),
    now,
    uuid: () => uuidFromBytes(window.crypto.getRandomValues(new Uint8Array(16))),
    storage: undefined,
    session: undefined,
    href: window.location.href,
    navigate: () => {},
    on: (event, listener) => window.addEventListener(event, listener)
  }})})
} else {
  // Opened on its own (not inside the preview's page): play as the package would.
  boot(window, {now, module})
}
