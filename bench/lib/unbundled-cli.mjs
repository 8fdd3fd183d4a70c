// The CLI as tsc built it, without the esbuild bundle: for CPU profiles, whose time can then be
// put down to the package each function comes from (in the bundle, everything is one file).
const {main} = await import('../../packages/cli/dist/main.js')
process.exitCode = await main(process.argv)
