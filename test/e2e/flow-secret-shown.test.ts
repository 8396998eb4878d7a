/**
 * The client secret in `flow`'s output: one rule shortens it (src/oauth/redact.ts, shortSecret), so
 * the registration note, the registration response, the Basic-credentials note and the transcript
 * all show the same stub; with --show-secrets all of them show it whole. It used to read
 * "abc123…(37 more)" in a note and "abc123…(11 more)" in the response (shortened twice).
 *
 * The authorization code likewise: the note of step 4 shortened it, while the 302's location
 * header, the callback request, the token request's body and their curl lines showed it whole, on
 * screen and in the transcript (RFC 6749 §10.5: codes are plaintext bearer credentials).
 */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run, strip } from '../helpers/cli.js';
import { fileTempDir } from '../helpers/temp.js';

const dir = fileTempDir('oauth-tutor-secret-');

/** Every way the terminal shows the client secret, by where it shows it. */
function secretsShown(stdout: string): Record<string, string[]> {
  const all = (re: RegExp) => [...stdout.matchAll(re)].map((m) => m[1] ?? '');
  return {
    note: all(/registered: client_id \S+, client_secret (\S+)/g),
    response: all(/"client_secret": "([^"]+)"/g),
    basic: all(/Basic …\s+decodes to "[^":]+:([^"]+)"/g),
  };
}

describe.each([
  ['client credentials', ['--grant', 'client-credentials']],
  ['authorization code', []],
])('%s flow', (_name, grant) => {
  it('shows the client secret as one stub everywhere, terminal and transcript alike', async () => {
    const notebook = join(dir(), `${grant.join('') || 'code'}.md`);
    const r = await run(['flow', '--auto', ...grant, '--transcript', notebook]);
    expect(r.code, r.stderr).toBe(0);
    const shown = secretsShown(r.stdout);
    for (const where of ['note', 'response', 'basic'])
      expect(shown[where], `the secret in the ${where}`).not.toEqual([]);
    const stubs = new Set(Object.values(shown).flat());
    expect([...stubs]).toHaveLength(1);
    const [stub = ''] = stubs;
    expect(stub).toMatch(/^[\w-]{6}…\(redacted\)$/);
    const md = await readFile(notebook, 'utf8');
    expect(md).toContain(`"client_secret":"${stub}"`);
    expect(md).toContain(`client_secret ${stub}`);
  });

  it('--show-secrets: the same whole secret everywhere, never a stub', async () => {
    const r = await run(['flow', '--auto', ...grant, '--show-secrets']);
    expect(r.code, r.stderr).toBe(0);
    const shown = Object.values(secretsShown(r.stdout)).flat();
    expect(shown.length).toBeGreaterThanOrEqual(3);
    expect(new Set(shown).size).toBe(1);
    expect(shown[0]).toMatch(/^[\w-]{32,}$/);
  });
});

describe('refresh tokens, named in the notes of the refresh grant', () => {
  const named = (stdout: string) =>
    [...stdout.matchAll(/(?:and refresh token|a NEW refresh token) (\S+?):? (?:the|came)/g)].map(
      (m) => m[1] ?? '',
    );
  const inResponses = (stdout: string) =>
    [...stdout.matchAll(/"refresh_token": "([^"]+)"/g)].map((m) => m[1] ?? '');

  it('the note shows each refresh token as its token response does', async () => {
    const r = await run(['flow', '--auto', '--grant', 'refresh']);
    expect(r.code, r.stderr).toBe(0);
    const notes = named(r.stdout);
    expect(notes).toHaveLength(2);
    expect(new Set(notes).size).toBe(2);
    for (const stub of notes) {
      expect(stub).toMatch(/^[\w-]{8}…[\w-]{4}$/);
      expect(inResponses(r.stdout)).toContain(stub);
    }
  });

  it('--show-secrets: whole in the notes too', async () => {
    const r = await run(['flow', '--auto', '--grant', 'refresh', '--show-secrets']);
    expect(r.code, r.stderr).toBe(0);
    const notes = named(r.stdout);
    expect(notes).toHaveLength(2);
    for (const token of notes) {
      expect(token).not.toMatch(/…/);
      expect(inResponses(r.stdout)).toContain(token);
    }
  });
});

describe('the authorization code, wherever the run shows it', () => {
  /** Every value of a code parameter in a URL, a location header, a form body or a curl line. */
  const codes = (text: string) =>
    [...text.matchAll(/[?&]code=([^&\s'"]*)/g)]
      .map((m) => m[1] ?? '')
      // The sequence diagram's "redirect back with ?code=…&state=…".
      .filter((v) => v !== '…');
  const noted = (text: string) => /authorization code (\S+): short-lived/.exec(text)?.[1] ?? '';
  // The location, the callback request and its curl line, the token request's body and its curl line.
  const PLACES = 5;

  it('is shortened by default, on screen and in the transcript, as the note of step 4 shows it', async () => {
    const notebook = join(dir(), 'code.md');
    const r = await run(['flow', '--auto', '--curl', '--transcript', notebook]);
    expect(r.code, r.stderr).toBe(0);
    const screen = strip(r.stdout);
    const stub = noted(screen);
    expect(stub).toMatch(/^[\w-]{6}…\(redacted\)$/);
    // The code itself would be its first 6 characters and more of it.
    const whole = new RegExp(`${stub.slice(0, 6)}[\\w-]{4,}`);
    for (const [where, text] of [
      ['the terminal', `${screen}\n${strip(r.stderr)}`],
      ['the transcript', await readFile(notebook, 'utf8')],
    ] as const) {
      const shown = codes(text);
      expect(shown.length, where).toBeGreaterThanOrEqual(PLACES);
      expect(new Set(shown), where).toEqual(new Set([stub]));
      expect(text, where).not.toMatch(whole);
    }
  });

  it('--json: the callback URL, the location header and the token request carry the stub', async () => {
    const r = await run(['flow', '--auto', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const t = JSON.parse(r.stdout) as {
      steps: {
        notes: string[];
        exchanges: {
          request: { url: string; body?: string };
          response: { headers: Record<string, string> };
        }[];
      }[];
    };
    const [, , authorize, callback, token] = t.steps;
    const stub = noted(callback?.notes.join('\n') ?? '');
    expect(stub).toMatch(/^[\w-]{6}…\(redacted\)$/);
    const location = authorize?.exchanges.at(-1)?.response.headers['location'] ?? '';
    expect(new URL(location).searchParams.get('code')).toBe(stub);
    expect(new URL(callback?.exchanges[0]?.request.url ?? '').searchParams.get('code')).toBe(stub);
    expect(new URLSearchParams(token?.exchanges[0]?.request.body).get('code')).toBe(stub);
    expect(new Set(codes(r.stdout))).toEqual(new Set([stub]));
  });

  it('--show-secrets: the same whole code in the note and in every place it went', async () => {
    const notebook = join(dir(), 'code-shown.md');
    const r = await run(['flow', '--auto', '--curl', '--show-secrets', '--transcript', notebook]);
    expect(r.code, r.stderr).toBe(0);
    const screen = strip(r.stdout);
    const code = noted(screen);
    expect(code).toMatch(/^[\w-]{32,}$/);
    for (const text of [screen, await readFile(notebook, 'utf8')]) {
      const shown = codes(text);
      expect(shown.length).toBeGreaterThanOrEqual(PLACES);
      expect(new Set(shown)).toEqual(new Set([code]));
    }
  });
});
