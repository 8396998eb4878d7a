/**
 * Type guards for JSON Web Keys read from files and bodies, so that parsed
 * JSON is checked before jose or node:crypto is handed it, never cast.
 */
import type { JSONWebKeySet, JWK } from 'jose';
import { isObject } from '../json.js';

/** A JWK: an object with a "kty" (RFC 7517 §4.1: "This member MUST be present in a JWK"). */
export function isJwk(value: unknown): value is JWK {
  return isObject(value) && typeof value['kty'] === 'string';
}

/**
 * A JWK Set, the shape jose's createLocalJWKSet accepts: an object whose "keys" is a list of objects
 * (RFC 7517 §5: "The JSON object MUST have a "keys" member, with its value being an array of JWKs").
 * Keys that are not usable (no "kty") simply never match a token.
 */
export function isJwkSet(value: unknown): value is JSONWebKeySet {
  return isObject(value) && Array.isArray(value['keys']) && value['keys'].every(isObject);
}

/** An EC public key with the members RFC 7518 §6.2.1 requires (what jose exports for ES256). */
export function isEcPublicJwk(
  value: JWK,
): value is JWK & { kty: string; crv: string; x: string; y: string } {
  return (
    value.kty === 'EC' &&
    typeof value.crv === 'string' &&
    typeof value.x === 'string' &&
    typeof value.y === 'string'
  );
}
