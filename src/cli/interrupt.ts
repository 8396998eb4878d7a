/** Work to finish when the learner presses Ctrl-C (closing a server, for instance) before main exits with 130. */
const cleanups = new Set<() => Promise<void> | void>();

export function onInterrupt(fn: () => Promise<void> | void): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

/** Runs the registered clean-ups (at most timeoutMs); returns how many there were. */
export async function runInterruptCleanups(timeoutMs = 2000): Promise<number> {
  const count = cleanups.size;
  const all = Promise.allSettled([...cleanups].map((fn) => fn()));
  await Promise.race([all, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
  return count;
}
