import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser tests start Chromium: two cores, so keep the parallelism modest.
    maxWorkers: 2,
    reporters: process.env.CI ? ['default'] : ['default']
  }
})
