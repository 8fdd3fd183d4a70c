// `node --import ./bench/lib/register-hooks.mjs …`: install the timing hooks of hooks.mjs.
import {register} from 'node:module'

register('./hooks.mjs', import.meta.url)
