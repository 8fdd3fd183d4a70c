// The browser tests need Debian's Chromium (/usr/bin/chromium) and the XSD tests Debian's xmllint
// (libxml2-utils: the official SCORM 1.2 LOM schema needs libxml2 2.9). Install what is missing,
// with apt, when running as root; otherwise say what to install.
import {execSync} from 'node:child_process'
import fs from 'node:fs'

const needed = [
  ['/usr/bin/chromium', 'chromium'],
  ['/usr/bin/xmllint', 'libxml2-utils']
].filter(([file]) => !fs.existsSync(file)).map(([, pkg]) => pkg)

if (needed.length > 0) {
  if (process.getuid?.() !== 0) {
    console.error('Missing test tools. Install them with: sudo apt-get install -y ' + needed.join(' '))
    process.exit(1)
  }
  console.error('Installing ' + needed.join(', ') + ' (Debian packages) for the tests…')
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ' + needed.join(' '), {stdio: 'inherit'})
}
