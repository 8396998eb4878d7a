/** The provider's endpoints, from its discovery document (OpenID Connect Discovery, RFC 8414) or the learner's flags. */
import type { ExternalProvider } from './types.js';

export interface Endpoints {
  issuer: string;
  authorize: string;
  token: string;
  api: string;
  /** The provider's UserInfo endpoint, when its discovery document names one. */
  userinfo?: string;
  jwks?: string;
  revoke?: string;
  introspect?: string;
  registration?: string;
  deviceAuthorization?: string;
  issParameter: boolean;
}

export function endpointsFrom(
  meta: Record<string, unknown>,
  issuer: string,
  x?: ExternalProvider,
): Endpoints {
  const str = (k: string): string | undefined => {
    const v = meta[k];
    return typeof v === 'string' ? v : undefined;
  };
  const iss = str('issuer') ?? issuer;
  const jwks = x?.jwksUrl ?? str('jwks_uri');
  const optional = (key: keyof Endpoints, value: string | undefined) =>
    value === undefined ? {} : { [key]: value };
  return {
    issuer: iss,
    authorize: x?.authorizeUrl ?? str('authorization_endpoint') ?? `${iss}/authorize`,
    token: x?.tokenUrl ?? str('token_endpoint') ?? `${iss}/token`,
    api:
      x?.apiUrl ??
      (x === undefined ? `${iss}/api/notes` : (str('userinfo_endpoint') ?? `${iss}/userinfo`)),
    ...optional('userinfo', str('userinfo_endpoint')),
    ...optional('jwks', jwks),
    ...optional('revoke', str('revocation_endpoint')),
    ...optional('introspect', str('introspection_endpoint')),
    ...optional('registration', str('registration_endpoint')),
    ...optional('deviceAuthorization', str('device_authorization_endpoint')),
    issParameter: meta['authorization_response_iss_parameter_supported'] === true,
  };
}
