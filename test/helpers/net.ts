/** Loopback helpers for tests. */
import { createServer, type AddressInfo } from 'node:net';

/** A port that was free a moment ago on 127.0.0.1 (for flags that need a number, not 0). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise((resolve) => s.close(resolve));
  return port;
}
