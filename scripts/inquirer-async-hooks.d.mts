// Types for scripts/inquirer-async-hooks.mjs, for its test (test/unit/inquirer-async-hooks.test.ts).
export { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
