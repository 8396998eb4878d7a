/**
 * Issue 12, provider item 5, through the real binary: `provider --state-dir DIR` keeps the signing key,
 * the registrations and the demo secret across a restart (same JWKS kid; a student's app and the tokens
 * it holds keep working); a corrupt state file stops the start with exit 2, named, and is left untouched;
 * `--users` gives the class its own accounts. Also `--allow-no-pkce` (issue 11) warns loudly.
 */
import { describe, expect, it } from 'vitest';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isObject } from '../../src/json.js';
import { playConsent } from '../../src/oauth/consent-bot.js';
import { createVerifier, s256 } from '../../src/oauth/pkce.js';
import { startProvider } from '../../src/provider/server.js';
import { openStateDir } from '../../src/provider/state-dir.js';
import { run } from '../helpers/cli.js';
import { REDIRECT, basic } from '../helpers/oauth.js';
import { freePort } from '../helpers/net.js';
import { tempDir } from '../helpers/temp.js';
import { startProviderProcess, type RunningProviderProcess } from '../helpers/provider-process.js';

const start = (args: string[]): Promise<RunningProviderProcess> =>
  startProviderProcess(['--quiet', ...args]);

const kidOf = async (issuer: string) =>
  ((await (await fetch(`${issuer}/jwks`)).json()) as { keys: { kid: string }[] }).keys[0]!.kid;
const form = (issuer: string, path: string, body: Record<string, string>, auth: string) =>
  fetch(`${issuer}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth },
    body: new URLSearchParams(body),
  });

describe('provider --state-dir', () => {
  it('keeps the signing key, registrations and demo secret across a restart: same kid, the app and its tokens still work', async () => {
    const dir = await tempDir();
    const port = String(await freePort());
    const first = await start(['--port', port, '--state-dir', dir]);
    const kid = await kidOf(first.issuer);
    const reg = await fetch(`${first.issuer}/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_name: 'student app',
        redirect_uris: [REDIRECT],
        grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
        scope: 'openid notes.read',
      }),
    });
    expect(reg.status).toBe(201);
    const app = (await reg.json()) as { client_id: string; client_secret: string };
    const auth = basic(app.client_id, app.client_secret);
    const token = (await (
      await form(
        first.issuer,
        '/token',
        { grant_type: 'client_credentials', scope: 'notes.read' },
        auth,
      )
    ).json()) as { access_token: string };
    const demoSecret = await first.waitForMatch(/client_secret (\S+)/);
    expect(await first.stop()).toBe(130);

    for (const file of ['keys.json', 'clients.json'])
      expect(((await stat(join(dir, file))).mode & 0o777).toString(8), file).toBe('600');
    expect(await readFile(join(dir, 'keys.json'), 'utf8')).toMatch(/"d":/);

    const second = await start(['--port', port, '--state-dir', dir]);
    try {
      expect(second.stdout()).toContain(`state      ${dir} (keys, 1 registered client`);
      expect(await kidOf(second.issuer)).toBe(kid);
      expect(await second.waitForMatch(/client_secret (\S+)/)).toBe(demoSecret);
      // A token issued before the restart still verifies (same key, same issuer) ...
      expect(
        (
          await fetch(`${second.issuer}/api/notes`, {
            headers: { authorization: `Bearer ${token.access_token}` },
          })
        ).status,
      ).toBe(200);
      // ... and the registered app still authenticates and signs users in.
      expect(
        (await form(second.issuer, '/token', { grant_type: 'client_credentials' }, auth)).status,
      ).toBe(200);
      const verifier = createVerifier();
      const q = new URLSearchParams({
        response_type: 'code',
        client_id: app.client_id,
        redirect_uri: REDIRECT,
        scope: 'openid',
        state: 's',
        code_challenge: s256(verifier),
        code_challenge_method: 'S256',
      });
      const { location } = await playConsent(`${second.issuer}/authorize?${q}`, {
        username: 'alice',
        password: 'wonderland',
      });
      const code = new URL(location).searchParams.get('code')!;
      expect(
        (
          await form(
            second.issuer,
            '/token',
            {
              grant_type: 'authorization_code',
              code,
              redirect_uri: REDIRECT,
              code_verifier: verifier,
            },
            auth,
          )
        ).status,
      ).toBe(200);
    } finally {
      await second.stop();
    }
  });

  it('a corrupt state file is named in an exit-2 error at start and left exactly as it was', async () => {
    for (const [file, content] of [
      ['keys.json', '{"keys": [{"kty": "EC", "alg": "ES256", "crv": "P-256", "x": "AAAA"}]}'],
      ['keys.json', 'not json at all'],
      [
        'clients.json',
        '{"demo_client_secret": "s", "registrations": [{"client": {"client_id": "x", "redirect_uris": ["javascript:alert(1)"]}, "registered_at": 1}]}',
      ],
    ] as const) {
      const dir = await tempDir();
      await writeFile(join(dir, file), content);
      const r = await run(['provider', '--port', '0', '--state-dir', dir]);
      expect(r.code, `${file}: ${content}`).toBe(2);
      expect(r.stderr).toContain(join(dir, file));
      expect(r.stderr).toMatch(/never replaces it/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(await readFile(join(dir, file), 'utf8')).toBe(content);
    }
  });
});

describe('provider --users', () => {
  it('gives the class its own accounts (passwords not shown on the page); a bad file is exit 2, named', async () => {
    const dir = await tempDir();
    const users = join(dir, 'users.yaml');
    await writeFile(
      users,
      'users:\n  - username: ada\n    password: analytical-engine\n    name: Ada Lovelace\n  - username: grace\n    password: "1906"\n',
    );
    const p = await start(['--port', '0', '--users', users]);
    try {
      expect(p.stdout()).toMatch(/Users\s+2 accounts from .*users\.yaml: ada, grace/);
      const url = () =>
        `${p.issuer}/authorize?${new URLSearchParams({ response_type: 'code', client_id: 'oauth-tutor-demo', redirect_uri: 'http://127.0.0.1/callback', scope: 'openid profile', code_challenge: s256(createVerifier()), code_challenge_method: 'S256' })}`;
      const ok = await playConsent(url(), { username: 'ada', password: 'analytical-engine' });
      expect(ok.location).toContain('code=');
      expect(ok.page).not.toContain('analytical-engine');
      expect(ok.page).toContain('the account your instructor gave you');
      await expect(
        playConsent(url(), { username: 'alice', password: 'wonderland' }),
      ).rejects.toMatchObject({ status: 401 });
    } finally {
      await p.stop();
    }
    await writeFile(users, 'users:\n  - username: ada\n');
    const bad = await run(['provider', '--port', '0', '--users', users]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      `The users file ${users} is not usable: users[0].password must be a non-empty string`,
    );
  });

  it('--allow-no-pkce says loudly at start what it gives up, and lets a confidential client skip PKCE', async () => {
    const p = await start(['--port', '0', '--allow-no-pkce']);
    try {
      expect(p.stderr()).toMatch(/--allow-no-pkce: confidential clients may skip PKCE/);
      expect(p.stdout()).toMatch(/PKCE\s+required of public clients only \(--allow-no-pkce\)/);
      const res = await fetch(
        `${p.issuer}/authorize?${new URLSearchParams({ response_type: 'code', client_id: 'oauth-tutor-demo', redirect_uri: 'http://127.0.0.1/callback', scope: 'openid' })}`,
      );
      expect(res.status).toBe(200);
    } finally {
      await p.stop();
    }
  });
});

describe('--state-dir: a save that fails', () => {
  const register = async (issuer: string, name: string): Promise<string> => {
    const res = await fetch(`${issuer}/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_name: name,
        redirect_uris: [REDIRECT],
        grant_types: ['client_credentials'],
        scope: 'notes.read',
      }),
    });
    expect(res.status).toBe(201);
    const body: unknown = await res.json();
    if (!isObject(body) || typeof body['client_id'] !== 'string')
      throw new Error('registration answered no client_id');
    return body['client_id'];
  };
  const savedIds = async (dir: string): Promise<unknown[]> => {
    const doc: unknown = JSON.parse(await readFile(join(dir, 'clients.json'), 'utf8'));
    if (!isObject(doc) || !Array.isArray(doc['registrations'])) throw new Error('no registrations');
    return doc['registrations'].map((r) =>
      isObject(r) && isObject(r['client']) ? r['client']['client_id'] : undefined,
    );
  };
  // A directory where clients.json belongs: the atomic rename onto it fails (EISDIR), even for root.
  const breakSaves = async (dir: string) => {
    await rm(join(dir, 'clients.json'));
    await mkdir(join(dir, 'clients.json'));
  };
  const mendSaves = (dir: string) => rm(join(dir, 'clients.json'), { recursive: true });

  it('is reported to the operator (onNotice), and the next save writes everything', async () => {
    const dir = await tempDir();
    const notices: string[] = [];
    const p = await startProvider({ stateDir: dir, onNotice: (text) => notices.push(text) });
    try {
      await breakSaves(dir);
      const lost = await register(p.issuer, 'saved late');
      await p.flush();
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatch(
        new RegExp(`^could not save the registrations in ${dir}: .*EISDIR`),
      );
      await mendSaves(dir);
      const next = await register(p.issuer, 'saved at once');
      await p.flush();
      expect(notices).toHaveLength(1);
      expect(await savedIds(dir)).toEqual([lost, next]);
    } finally {
      await p.close();
    }
  });

  it('without onNotice, makes flush() reject until a later save succeeds', async () => {
    const dir = await tempDir();
    const p = await startProvider({ stateDir: dir });
    try {
      await breakSaves(dir);
      const lost = await register(p.issuer, 'saved late');
      await expect(p.flush()).rejects.toThrow(/could not save the registrations in .*EISDIR/);
      await mendSaves(dir);
      const next = await register(p.issuer, 'saved at once');
      await expect(p.flush()).resolves.toBeUndefined();
      expect(await savedIds(dir)).toEqual([lost, next]);
    } finally {
      await p.close();
    }
  });
});

describe('--state-dir: files read back are validated, the error naming the file and the field', () => {
  it('keys.json: a member of the wrong type, a missing kty, no list', async () => {
    for (const [content, problem] of [
      ['{"keys": [{"kty": "EC", "crv": 5}]}', 'keys[0].crv must be a string'],
      ['{"keys": [{"kty": "EC"}, {"alg": "ES256"}]}', 'keys[1].kty is missing'],
      ['{"keys": [{"kty": "EC", "key_ops": "sign"}]}', 'keys[0].key_ops must be a list of strings'],
      ['{"keys": ["a JWK"]}', 'keys[0] must be a JWK object'],
      ['{"keys": {}}', 'it must hold {"keys": [private JWKs]}'],
    ] as const) {
      const dir = await tempDir();
      const file = join(dir, 'keys.json');
      await writeFile(file, content);
      await expect(openStateDir(dir, 'ES256'), content).rejects.toThrow(
        `${file} cannot be used: ${problem}.`,
      );
      expect(await readFile(file, 'utf8')).toBe(content);
    }
  });
});
