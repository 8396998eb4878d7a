/** `oauth-tutor provider`: run the mock OAuth 2.0 / OpenID Connect provider until Ctrl-C, logging every request and check. */
import { loadLazyParts, startProvider, type RequestEntry } from '../../provider/server.js';
import { DEMO_USERS, type Client } from '../../provider/model.js';
import { registrationProblem } from '../../provider/redirect-uri.js';
import { errnoCode, TutorError, usage } from '../../errors.js';
import { onInterrupt } from '../interrupt.js';
import { warnDeprecatedAlgFlag } from '../deprecated-alg.js';
import { c, err, out } from '../output.js';
import type { ProviderCliOptions } from '../program.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export function parseClientSpec(spec: string): Client {
  const first = spec.indexOf(':');
  const second = spec.indexOf(':', first + 1);
  if (first <= 0 || second < 0)
    throw usage(
      `--client "${spec}" must be id:secret:redirect_uri (an empty secret makes a public client).`,
      'e.g. --client my-app:s3cret:http://127.0.0.1:3000/callback',
    );
  const id = spec.slice(0, first);
  const secret = spec.slice(first + 1, second);
  const uri = spec.slice(second + 1);
  const problem = registrationProblem(uri);
  if (problem !== undefined) throw usage(`--client ${id}: ${problem}.`);
  return {
    client_id: id,
    ...(secret === '' ? {} : { client_secret: secret }),
    client_name: id,
    redirect_uris: [uri],
    token_endpoint_auth_method: secret === '' ? 'none' : 'client_secret_basic',
    grant_types:
      secret === ''
        ? ['authorization_code', 'refresh_token']
        : ['authorization_code', 'refresh_token', 'client_credentials'],
    scope: 'openid profile email notes.read notes.write offline_access',
    client_id_issued_at: Math.floor(Date.now() / 1000),
  };
}

export async function providerCommand(opts: ProviderCliOptions): Promise<void> {
  const port = opts.port;
  if (!LOOPBACK.has(opts.host)) {
    if (!opts.yes) {
      throw usage(
        `--host ${opts.host} would expose a teaching server (demo passwords on its pages, no TLS) beyond this machine.`,
        'Add --yes if that is really what you want, e.g. for a class on a private network.',
      );
    }
    err(
      c.yellow(
        `! Listening on ${opts.host}: this is a teaching server with demo passwords and no TLS. Do not use it for anything real.`,
      ),
    );
  }
  warnDeprecatedAlgFlag(
    opts.alg,
    'tokens, JWKS and discovery name "EdDSA" for clients that only know it',
  );
  const clients = (opts.client ?? []).map(parseClientSpec);
  const users =
    opts.users === undefined
      ? undefined
      : await (await import('../../provider/users-file.js')).loadUsersFile(opts.users);
  if (opts.allowNoPkce) {
    err(
      c.yellow(
        '! --allow-no-pkce: confidential clients may skip PKCE. Their codes are then protected by the client secret alone,',
      ),
    );
    err(
      c.yellow(
        '  not bound to the browser that asked for them (RFC 9700 §2.1.1 recommends PKCE for confidential clients too). Public clients still need it.',
      ),
    );
  }
  let provider;
  try {
    provider = await startProvider({
      port,
      host: opts.host,
      alg: opts.alg,
      clients,
      ...(users === undefined ? {} : { users }),
      ...(opts.stateDir === undefined ? {} : { stateDir: opts.stateDir }),
      ...(opts.allowNoPkce ? { allowNoPkce: true } : {}),
      ...(opts.sessions ? {} : { sessions: false }),
      ...(opts.quiet ? {} : { onRequest: printRequest }),
      onNotice: (text) => err(c.yellow(`! ${text}`)),
    });
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'EADDRINUSE')
      throw new TutorError('ERR_INPUT', `Port ${port} is already in use.`, {
        hint: 'Choose another with --port, or --port 0 for any free port.',
        cause: error,
      });
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
      throw new TutorError(
        'ERR_INPUT',
        `Cannot listen on ${opts.host}: no such address on this machine.`,
        { hint: 'The default, 127.0.0.1, always works.', cause: error },
      );
    throw error;
  }
  const p = provider;
  // Left running for a class, it must outlive a rebuild of dist/ under it (npm install after a pull):
  // what it would load later, it loads now, error reporting included.
  await Promise.all([loadLazyParts(), import('../report.js')]);
  out(`${c.bold('MockProvider')} is running.`);
  out(`  issuer     ${c.cyan(p.issuer)}`);
  out(`  discovery  ${p.issuer}/.well-known/openid-configuration`);
  out(`  signing    ${opts.alg} (JWKS at ${p.issuer}/jwks, kid ${p.context.key.kid})`);
  if (p.stateDir !== undefined)
    out(
      `  state      ${p.stateDir} (keys, ${p.context.clients.size} registered client${p.context.clients.size === 1 ? '' : 's'}, demo secret kept across restarts)`,
    );
  out(
    `  PKCE       ${opts.allowNoPkce ? c.yellow('required of public clients only (--allow-no-pkce)') : 'required of every client (S256)'}`,
  );
  const sessions = p.context.sessions;
  out(
    `  sessions   ${
      sessions === undefined
        ? c.yellow('off (--no-sessions): every authorization shows the password form')
        : `a sign-in is remembered ${sessions.idleTtl / 3600} h after last use, ${sessions.maxTtl / 3600} h at most (in memory only); prompt and max_age honoured`
    }`,
  );
  out();
  out(c.bold('Demo clients'));
  out(
    `  confidential  client_id ${c.bold(p.demoClient.client_id)}  client_secret ${c.bold(p.demoClient.client_secret ?? '(none)')}`,
  );
  out(`  public        client_id ${c.bold(p.publicClient.client_id)}  (no secret: PKCE required)`);
  out(
    `  redirect URIs ${p.demoClient.redirect_uris.join(', ')}  (any port on 127.0.0.1, RFC 8252 §7.3)`,
  );
  for (const cl of clients)
    out(`  --client      client_id ${c.bold(cl.client_id)}  redirect ${cl.redirect_uris[0]}`);
  out(`  or register your own: POST ${p.issuer}/register`);
  out(
    c.dim(
      '  (the demo clients may not use the device grant: register one with grant_types ["urn:ietf:params:oauth:grant-type:device_code"])',
    ),
  );
  out();
  const accounts = p.context.users;
  if (accounts === DEMO_USERS)
    out(
      `${c.bold('Demo users')}  ${DEMO_USERS.map((u) => `${u.username} / ${u.password}`).join('   ')}`,
    );
  else
    out(
      `${c.bold('Users')}  ${accounts.length} account${accounts.length === 1 ? '' : 's'} from ${opts.users ?? `${p.stateDir}/users.yaml`}: ${accounts
        .slice(0, 8)
        .map((u) => u.username)
        .join(', ')}${accounts.length > 8 ? ', …' : ''}`,
    );
  out(c.dim('Press Ctrl-C to stop.'));
  onInterrupt(() => p.close());
  // Runs until Ctrl-C: main's handler closes the server and exits.
  await new Promise<never>(() => undefined);
}

function printRequest(e: RequestEntry): void {
  const status =
    e.status < 300
      ? c.green(String(e.status))
      : e.status < 400
        ? c.cyan(String(e.status))
        : c.red(String(e.status));
  out(
    `${c.bold(e.method.padEnd(6))} ${e.path.padEnd(28)} ${status} ${c.dim(`${e.ms.toFixed(1)} ms`)}`,
  );
  for (const check of e.checks)
    out(`         ${check.ok ? c.green('✓') : c.red('✗')} ${check.text}`);
}
