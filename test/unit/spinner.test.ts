/**
 * The flow's spinner (src/cli/spinner.ts) is loaded when a wait begins and may arrive after the
 * wait is over: it must then never start, or its timer would keep the process alive for ever.
 */
import { describe, expect, it } from 'vitest';
import { lazySpinner } from '../../src/cli/spinner.js';

/** A spinner library that arrives when the test says so, and counts what was done with it. */
function deferredSpinner() {
  const counts = { started: 0, stopped: 0 };
  let arrive: () => void = () => undefined;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const load = async () => {
    await arrived;
    return () => {
      counts.started++;
      return { stop: () => counts.stopped++ };
    };
  };
  return { counts, arrive, load };
}

/** Lets every settled promise run its callbacks. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('lazySpinner', () => {
  it('stopped before the library arrives: never starts, even once it has arrived', async () => {
    const lib = deferredSpinner();
    const waiting = lazySpinner(lib.load);
    waiting.stop();
    lib.arrive();
    await settle();
    expect(lib.counts).toEqual({ started: 0, stopped: 0 });
  });

  it('stopped after it started: stops it, once, however often stop is called', async () => {
    const lib = deferredSpinner();
    const waiting = lazySpinner(lib.load);
    lib.arrive();
    await settle();
    expect(lib.counts).toEqual({ started: 1, stopped: 0 });
    waiting.stop();
    waiting.stop();
    expect(lib.counts).toEqual({ started: 1, stopped: 1 });
  });

  it('a library that cannot be loaded leaves the wait without a spinner, and nothing thrown', async () => {
    const waiting = lazySpinner(() => Promise.reject(new Error('no such package')));
    await settle();
    expect(() => waiting.stop()).not.toThrow();
  });
});
