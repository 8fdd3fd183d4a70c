#!/usr/bin/env node
// The CLI, as bundled by `pnpm build` (packages/cli/bundle.mjs: one file loads much faster than
// the several hundred it is made of); the unbundled build when the bundle was not made.
const {main} = await import('./dist/coursemark.mjs').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('coursemark.mjs')) return import('./dist/main.js')
  throw error
})
process.exitCode = await main(process.argv)
