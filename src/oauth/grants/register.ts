/**
 * Step 1 of every grant: learn the provider's endpoints and get a client.
 * Against the built-in provider the client registers itself (RFC 7591);
 * against another provider the learner registered it and gave its id.
 */
import { jsonOf } from '../exchange.js';
import { endpointsFrom } from '../engine/endpoints.js';
import type { Session } from '../engine/session.js';
import type { StepRecord } from '../engine/types.js';

export interface Registration {
  grantTypes: string[];
  /** A public client: no secret (token_endpoint_auth_method "none"). */
  publicClient: boolean;
  /** Register the loopback redirect URI (the grants that use the browser). */
  redirect: boolean;
  clientName: string;
  scope?: string;
}

export async function discover(s: Session, rec: StepRecord): Promise<void> {
  const provider = s.opts.provider;
  if (provider === undefined)
    return s.fail(
      'no provider to talk to',
      'Run the flow through `oauth-tutor flow`, which starts the built-in provider.',
    );
  const meta = await s.call(
    {
      method: 'GET',
      url: `${provider.issuer}/.well-known/openid-configuration`,
      headers: { accept: 'application/json' },
    },
    'discovery: the provider describes its endpoints (OpenID Connect Discovery)',
  );
  rec.exchanges.push(meta);
  s.ep = endpointsFrom(jsonOf(meta) ?? {}, provider.issuer);
  s.t.issuer = s.ep.issuer;
}

export async function registerClient(s: Session, rec: StepRecord, r: Registration): Promise<void> {
  if (s.ep.registration === undefined)
    return s.fail(
      'the provider has no registration endpoint',
      'Register the app at the provider yourself and pass --client-id.',
    );
  const reg = await s.call(
    {
      method: 'POST',
      url: s.ep.registration,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        client_name: r.clientName,
        ...(r.redirect ? { redirect_uris: [s.redirectUri] } : {}),
        token_endpoint_auth_method: r.publicClient ? 'none' : 'client_secret_basic',
        grant_types: r.grantTypes,
        scope: r.scope ?? 'openid profile email notes.read offline_access',
      }),
    },
    `dynamic client registration (RFC 7591): the app tells the provider its name${r.redirect ? ' and redirect URI' : ''} and the grants it will use`,
  );
  rec.exchanges.push(reg);
  const body = jsonOf(reg);
  const id = body?.['client_id'];
  if (reg.response.status !== 201 || typeof id !== 'string')
    return s.fail(
      `registration failed with ${reg.response.status}: ${reg.response.body.slice(0, 200)}`,
      'Run the flow again; if it persists, report it.',
    );
  const secret = body?.['client_secret'];
  useClient(s, id, typeof secret === 'string' ? secret : undefined);
  rec.notes.push(
    `registered: client_id ${id}${s.clientSecret ? `, client_secret ${s.clientSecret} (keep it on the server: it proves the app is this app)` : ' (a public client: no secret, so it cannot prove it is this app; PKCE is a must, RFC 9700 §2.1.1)'}`,
  );
}

/** The client's credentials, and the Basic header it authenticates with (RFC 6749 §2.3.1). */
export function useClient(s: Session, clientId: string, clientSecret: string | undefined): void {
  s.clientId = clientId;
  s.t.clientId = clientId;
  s.clientSecret = clientSecret;
  if (clientSecret !== undefined) {
    s.secrets.secret(clientSecret);
    const header = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`;
    s.headers = { ...s.headers, authorization: header };
    s.secrets.basic(header, clientId);
  }
}

/** client_id in the body for a public client (it has no other way to say who it is, RFC 6749 §3.2.1). */
export function publicId(s: Session): Record<string, string> {
  return s.clientSecret === undefined ? { client_id: s.clientId } : {};
}
