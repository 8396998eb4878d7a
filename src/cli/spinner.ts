/**
 * A spinner on stderr while a flow waits on someone (the browser coming back to the callback),
 * loaded only when one is shown: yocto-spinner is an ES module the bundle leaves out, so it
 * arrives a few milliseconds after it is asked for, or more on a busy machine.
 *
 * `stop` can come before that (the browser came back at once): the spinner is then never
 * started. Started after its stop, it would spin for ever over what the flow prints next, and its
 * timer would keep the process from exiting once the flow is done: a `flow --step` test timed out
 * once in a full run, and with yocto-spinner's import held back 3 s (a module hook), `flow
 * --no-browser --step` played to its end never exited; it now exits 0.
 */

/** What the loaded spinner library gives: something running that can be stopped. */
export interface RunningSpinner {
  stop(): unknown;
}

/**
 * Starts the spinner `load` resolves to (a function that starts it), unless `stop` was called
 * first. A spinner that cannot be loaded is left out: it is decoration, the wait goes on.
 */
export function lazySpinner(load: () => Promise<() => RunningSpinner>): { stop(): void } {
  let stopped = false;
  let spinner: RunningSpinner | undefined;
  void load().then(
    (start) => {
      if (!stopped) spinner = start();
    },
    () => undefined,
  );
  return {
    stop: () => {
      stopped = true;
      spinner?.stop();
      spinner = undefined;
    },
  };
}
