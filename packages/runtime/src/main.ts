// The bundle's entry and the runtime's only edge: the window it runs in and the clock.
import {startWithLrs} from './lib/adapters/xapi-start.js'
import {boot} from './lib/boot.js'
import {uuidFromBytes, type KeyValueStore} from './lib/delivery/environment.js'

const now = (): number => Date.now()
const module = new URLSearchParams(window.location.search).get('module')
const target = document.body.getAttribute('data-target')

function storage(name: 'localStorage' | 'sessionStorage'): KeyValueStore | undefined {
  try {
    return window[name] ?? undefined
  } catch {
    return undefined
  }
}

if (target === 'xapi' || target === 'cmi5') {
  startWithLrs(window, {target, now, module, env: {
    fetch: (url, init) => window.fetch(url, init),
    setTimeout: (run, milliseconds) => window.setTimeout(run, milliseconds),
    clearTimeout: (handle) => window.clearTimeout(handle as number),
    now,
    uuid: () => uuidFromBytes(window.crypto.getRandomValues(new Uint8Array(16))),
    storage: storage('localStorage'),
    session: storage('sessionStorage'),
    href: window.location.href,
    navigate: (url) => window.location.assign(url),
    on: (event, listener) => window.addEventListener(event, listener)
  }})
} else {
  boot(window, {now, module})
}
