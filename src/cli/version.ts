/** The package version, read from package.json beside dist/. */
import { readFileSync } from 'node:fs';

// Loaded on every start (--version answers before anything else): no import beyond node:fs.
export function version(): string {
  const pkg: unknown = JSON.parse(
    readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
  );
  const v = typeof pkg === 'object' && pkg !== null && 'version' in pkg ? pkg.version : undefined;
  return typeof v === 'string' ? v : 'unknown';
}
