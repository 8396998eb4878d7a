/**
 * The client secret in `flow`'s output: one rule shortens it (src/oauth/redact.ts, shortSecret), so
 * the registration note, the registration response, the Basic-credentials note and the transcript
 * all show the same stub; with --show-secrets all of them show it whole. It used to read
 * "abc123…(37 more)" in a note and "abc123…(11 more)" in the response (shortened twice).
 */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from '../helpers/cli.js';
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
