import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/helpers/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // e2e tests spawn the built binary and mostly wait on it (pseudo-terminals,
    // HTTP, npm): forks, two files at a time even on two cores (vitest's default
    // there is one), and files start longest-first from vitest's cache of
    // durations. Workers are reused across files (isolate: false) — a quarter less
    // CPU; no test mocks modules or changes globals, and what is per file (the
    // default data folder) is keyed by file in test/helpers/cli.ts.
    pool: 'forks',
    maxWorkers: 2,
    isolate: false,
  },
});
