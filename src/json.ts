/**
 * JSON values parsed from files and bodies, and the one guard that narrows
 * `unknown` to a JSON object (as jose's `isObject` does) so nothing is cast.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** True for a plain object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
