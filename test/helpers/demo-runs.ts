/**
 * One run of each JWT demo, shared by the tests that look at its output: tests that check
 * different things about the same run (its outcome, its steps, its title) read one result
 * instead of running the demo again. The key-confusion demo makes an RSA-2048 key pair on every
 * run (about 200 ms of CPU) and the jku demo two key pairs, and the demo tests ran each of them
 * up to four times. Nothing here changes a demo: each still makes its own keys when it runs.
 */
import { runDemo, type DemoResult } from '../../src/jwt/demos/index.js';

const runs = new Map<string, Promise<DemoResult>>();

/** The result of `runDemo(id)`, run once per test process. */
export function demoRun(id: string): Promise<DemoResult> {
  const known = runs.get(id);
  if (known !== undefined) return known;
  const run = runDemo(id);
  runs.set(id, run);
  return run;
}
