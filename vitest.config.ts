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
    // The TypeScript that tests import, as transformed for the last run, is kept on disk and
    // reused while the file (its content, its id and the configuration) is the same: measured on
    // the unit tests, the main process's CPU went from 2.9-3.9 s to 1.4-1.8 s a run. In the
    // worktree, not node_modules (a worktree may share another checkout's); `.vitest-*` is ignored
    // by git. A clean clone (CI) starts with it empty: it speeds up the runs after the first one.
    // (Vitest 5 makes this a regular option, `fsModuleCache`.)
    experimental: { fsModuleCache: true, fsModuleCachePath: '.vitest-module-cache' },
  },
});
