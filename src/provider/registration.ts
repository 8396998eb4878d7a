/**
 * Client metadata for dynamic registration (RFC 7591 §2), narrowed from the
 * untrusted JSON body with type guards: every field is checked for its type
 * before it is used, so no body, however odd, gets further than a 400.
 * Redirect URIs are checked for every client, whatever its grants (RFC 7591
 * §2: "redirect_uris: Array of redirection URI strings"; RFC 6749 §3.1.2).
 * Errors use the codes of RFC 7591 §3.2.2: invalid_redirect_uri and
 * invalid_client_metadata.
 */
import { DEVICE_CODE_GRANT, SCOPES, type AuthMethod, type GrantType } from './model.js';
import { registrationProblem } from './redirect-uri.js';

export interface ClientMetadata {
  client_name: string;
  redirect_uris: string[];
  token_endpoint_auth_method: AuthMethod;
  grant_types: GrantType[];
  scope: string;
}

export type MetadataResult =
  | { ok: true; metadata: ClientMetadata }
  | { ok: false; error: 'invalid_redirect_uri' | 'invalid_client_metadata'; description: string };

const AUTH_METHODS: readonly AuthMethod[] = ['client_secret_basic', 'client_secret_post', 'none'];
const GRANT_TYPES: readonly GrantType[] = [
  'authorization_code',
  'refresh_token',
  'client_credentials',
  DEVICE_CODE_GRANT,
];
const DEFAULT_SCOPE = 'openid profile email notes.read offline_access';
export const MAX_REDIRECT_URIS = 10;

const isString = (v: unknown): v is string => typeof v === 'string';
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isAuthMethod = (v: unknown): v is AuthMethod => AUTH_METHODS.some((m) => m === v);
const isGrantType = (v: unknown): v is GrantType => GRANT_TYPES.some((g) => g === v);
/** For messages: a value of any type, shown briefly and safely (String() can throw on hostile objects). */
const show = (v: unknown): string => {
  if (isString(v)) return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  if (v === null || typeof v !== 'object') return String(v);
  return Array.isArray(v) ? 'an array' : 'an object';
};

export function parseClientMetadata(meta: Record<string, unknown>): MetadataResult {
  const bad = (description: string): MetadataResult => ({
    ok: false,
    error: 'invalid_client_metadata',
    description,
  });
  const badUri = (description: string): MetadataResult => ({
    ok: false,
    error: 'invalid_redirect_uri',
    description,
  });

  const method = meta['token_endpoint_auth_method'] ?? 'client_secret_basic';
  if (!isAuthMethod(method))
    return bad(
      `token_endpoint_auth_method ${show(method)} is not supported; use one of ${AUTH_METHODS.join(', ')}`,
    );

  const grants = meta['grant_types'] ?? ['authorization_code', 'refresh_token'];
  if (!Array.isArray(grants) || grants.length === 0 || !grants.every(isGrantType))
    return bad(`grant_types must be a non-empty list drawn from ${GRANT_TYPES.join(', ')}`);
  if (method === 'none' && grants.includes('client_credentials'))
    return bad('a public client cannot use client_credentials: it has no secret');

  const responseTypes = meta['response_types'] ?? ['code'];
  if (!Array.isArray(responseTypes) || responseTypes.some((r) => r !== 'code'))
    return bad('only response_types ["code"] is supported');

  const uris = meta['redirect_uris'];
  if (uris !== undefined && !isStringArray(uris))
    return badUri('redirect_uris must be a list of URI strings');
  if (grants.includes('authorization_code') && (uris === undefined || uris.length === 0))
    return badUri(
      'redirect_uris must be a non-empty list of URIs for the authorization_code grant',
    );
  if (uris !== undefined && uris.length > MAX_REDIRECT_URIS)
    return badUri(`at most ${MAX_REDIRECT_URIS} redirect_uris may be registered`);
  for (const u of uris ?? []) {
    const problem = registrationProblem(u);
    if (problem !== undefined) return badUri(problem);
  }

  const scope = meta['scope'] ?? DEFAULT_SCOPE;
  if (!isString(scope) || scope.length > 1024)
    return bad('scope must be a string of space-separated scopes');
  const unknown = scope.split(' ').filter((s) => s !== '' && SCOPES[s] === undefined);
  if (unknown.length > 0) return bad(`unknown scope: ${unknown.slice(0, 5).map(show).join(', ')}`);

  const rawName = meta['client_name'];
  if (rawName !== undefined && !isString(rawName)) return bad('client_name must be a string');
  const name =
    rawName !== undefined && rawName.trim() !== '' ? rawName.slice(0, 100) : 'Unnamed app';

  return {
    ok: true,
    metadata: {
      client_name: name,
      redirect_uris: uris ?? [],
      token_endpoint_auth_method: method,
      grant_types: [...new Set(grants)],
      scope: scope.split(' ').filter(Boolean).join(' '),
    },
  };
}
