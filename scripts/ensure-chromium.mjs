// Browser tests need Debian's Chromium at /usr/bin/chromium. Install it when missing (as root, with apt).
import {execSync} from 'node:child_process'
import fs from 'node:fs'

const path = process.env.COURSEMARK_CHROMIUM ?? '/usr/bin/chromium'
if (!fs.existsSync(path)) {
  if (process.getuid?.() !== 0) {
    console.error('Chromium is missing at ' + path + '. Install it with: sudo apt-get install -y chromium')
    process.exit(1)
  }
  console.error('Installing Chromium (Debian package) for the browser tests…')
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {stdio: 'inherit'})
}
