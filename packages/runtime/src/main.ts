// The bundle's entry and the runtime's only edge: the window it runs in and the clock.
import {boot} from './lib/boot.js'

boot(window, {now: () => Date.now()})
