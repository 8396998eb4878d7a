/** The package version, read from package.json beside dist/. */
import { readFileSync } from 'node:fs';
import { isObject } from '../json.js';

export function version(): string {
  const pkg: unknown = JSON.parse(
    readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
  );
  const v = isObject(pkg) ? pkg['version'] : undefined;
  return typeof v === 'string' ? v : 'unknown';
}
