import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/helpers/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // e2e tests spawn the built binary and mostly wait on it (pseudo-terminals,
    // HTTP, chromium): profiled over a whole run, each worker was idle about 80% of
    // the time, the CPU going to the programs under test. So three files at a time
    // on two cores (vitest's default there is one): measured side by side on this
    // machine (2 cores, shared), the same CPU (user+sys 91–96 s) as two at a time,
    // and a shorter run. Files start longest-first from vitest's cache of
    // durations. Workers are reused across files (isolate: false) — a quarter less
    // CPU; no test mocks modules or changes globals, and what is per file (the
    // default data folder) is keyed by file in test/helpers/cli.ts.
    pool: 'forks',
    maxWorkers: 3,
    isolate: false,
  },
});
