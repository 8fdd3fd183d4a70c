// Set up a fresh checkout and build every course: the pinned pnpm (installed with npm, since
// corepack is not available everywhere), the locked dependencies, a build of every package, then
// every course under curricula/ and examples/ into dist/.
import {execSync} from 'node:child_process'
import fs from 'node:fs'

const pinned = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')).packageManager.split('@')[1]
const run = (command) => execSync(command, {stdio: 'inherit'})
let current = ''
try {
  current = execSync('pnpm --version', {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim()
} catch {}
if (current !== pinned) run('npm install --global pnpm@' + pinned)
run('pnpm install --frozen-lockfile')
run('pnpm run build')
// Build every course under curricula/ and examples/ into dist/.
run('node packages/cli/bin.js build --all --out dist')
