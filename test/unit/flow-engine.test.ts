/** Issue 14: the flow engine (step modules, lab hooks), the shared protocol helpers, and issue 13's step-failure advice. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runSteps, type StepModule } from '../../src/oauth/engine/runner.js';
import { Session } from '../../src/oauth/engine/session.js';
import { FlowError, type FlowIO, type StepRecord } from '../../src/oauth/engine/types.js';
import { TutorError } from '../../src/errors.js';
import { ExchangeError, exchange } from '../../src/oauth/exchange.js';
import { tokenErrorHint, userinfoProblem } from '../../src/oauth/grants/code.js';
import { base64url, fromBase64url } from '../../src/protocol/base64url.js';
import { s256 } from '../../src/protocol/pkce.js';
import { atHash } from '../../src/protocol/at-hash.js';

function session(): { s: Session; shown: StepRecord[] } {
  const shown: StepRecord[] = [];
  const io: FlowIO = {
    step: (r) => shown.push(r),
    askSignIn: async () => true,
    openBrowser: async () => undefined,
  };
  return { s: new Session({ titles: [], auto: true }, io, 'code'), shown };
}

const note = (id: string, text: string): StepModule => ({
  id,
  run: async (_s, rec) => ({ ...rec, notes: [...rec.notes, text] }),
});

describe('runSteps', () => {
  it('runs the modules in order, numbering and titling each step', async () => {
    const { s } = session();
    await runSteps(s, [note('a', 'A'), note('b', 'B')], ['First', 'Second']);
    expect(s.t.steps.map((r) => `${r.number} ${r.title} ${r.notes.join()}`)).toEqual([
      '1 First A',
      '2 Second B',
    ]);
  });

  it('a hook replaces a step and adds an extra after one; a step that stops the run ends it', async () => {
    const { s } = session();
    const stop: StepModule = {
      id: 'b',
      run: async (s2, rec) => ((s2.stopped = true), { ...rec, notes: ['replaced'] }),
    };
    const seen: string[] = [];
    await runSteps(s, [note('a', 'A'), note('b', 'B'), note('c', 'C')], ['1', '2', '3'], {
      replace: { b: stop },
      after: { a: [async () => void seen.push('after a')] },
    });
    expect(seen).toEqual(['after a']);
    expect(s.t.steps.map((r) => r.notes.join())).toEqual(['A', 'replaced']);
  });

  it('show() hands out the first part of a step; finish() hands out only the rest, and records the whole', async () => {
    const { s, shown } = session();
    const rec = await s.begin(3, 'Redirect');
    rec.facts = [{ name: 'state', value: 'x', meaning: 'csrf' }];
    s.show(rec);
    rec.notes.push('later');
    s.finish(rec);
    expect(shown).toEqual([
      expect.objectContaining({
        number: 3,
        facts: [expect.objectContaining({ name: 'state' })],
        notes: [],
      }),
      expect.objectContaining({ number: 3, continued: true, facts: [], notes: ['later'] }),
    ]);
    expect(s.t.steps[0]).toMatchObject({ notes: ['later'], facts: [{ name: 'state' }] });
  });

  it('finish() redacts a step once: the step shown whole is the very record kept, secrets shortened', async () => {
    const { s, shown } = session();
    s.secrets.secret('verifier-0123456789abcdef');
    const rec = await s.begin(5, 'Token request');
    rec.notes.push('code_verifier verifier-0123456789abcdef');
    s.finish(rec);
    expect(shown[0]).toBe(s.t.steps[0]);
    expect(s.t.steps[0]?.notes).toEqual(['code_verifier verifi\u2026(redacted)']);
  });

  it('a failure in an extra is named after the extra, not the last step (issue 13)', () => {
    const { s } = session();
    s.extra('Refresh the token (rotation)');
    try {
      s.fail('boom', 'hint');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FlowError);
      expect((error as FlowError).extra).toBe('Refresh the token (rotation)');
    }
  });
});

describe('the errors of the flow are TutorErrors (issue 15)', () => {
  it('a failed step is ERR_FAILED (exit 1) and keeps its hint and its teaching fields', () => {
    const { s } = session();
    try {
      s.fail('the token endpoint answered 400', 'Run the flow again.');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TutorError);
      expect(error).toMatchObject({
        code: 'ERR_FAILED',
        exitCode: 1,
        hint: 'Run the flow again.',
        message: 'the token endpoint answered 400',
        step: 1,
      });
    }
  });

  it('a request that gets no answer is an ExchangeError: a TutorError that keeps the request and the cause', async () => {
    const request = { method: 'GET', url: 'ftp://127.0.0.1/', headers: {} };
    const error: unknown = await exchange(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeError);
    expect(error).toBeInstanceOf(TutorError);
    expect(error).toMatchObject({ code: 'ERR_FAILED', request });
    expect((error as ExchangeError).cause).toBeInstanceOf(TutorError);
    expect((error as ExchangeError).message).toMatch(/unsupported URL scheme ftp:/);
  });
});

describe('Session.tokenResponse (issue 15)', () => {
  const answer = (body: string) => ({
    request: { method: 'POST', url: 'http://127.0.0.1:1/token', headers: {} },
    response: { status: 200, headers: {}, body },
  });

  it('a 200 whose body is not a token response fails the step, naming the member', () => {
    const { s } = session();
    expect(() => s.tokenResponse(answer('{"access_token":"at","expires_in":3600}'))).toThrow(
      'the token endpoint answered 200, but not with a token response: "token_type" is missing (RFC 6749 §5.1)',
    );
  });

  it('a token response comes back typed', () => {
    const { s } = session();
    expect(
      s.tokenResponse(answer('{"access_token":"at","token_type":"Bearer","expires_in":60}')),
    ).toEqual({ access_token: 'at', token_type: 'Bearer', expires_in: 60 });
  });
});

describe('tokenErrorHint (issue 13: advice that fits the real error)', () => {
  it('an expired code says codes are short-lived, and why', () => {
    expect(
      tokenErrorHint('invalid_grant', 'authorization code expired (codes live 60 seconds)'),
    ).toMatch(
      /short-lived on purpose: RFC 6749 §4\.1\.2 .*"MUST expire shortly after it is issued to mitigate the risk of leaks"/,
    );
  });
  it('client authentication failures point at the credentials, other invalid_grant errors do not', () => {
    expect(tokenErrorHint('invalid_client', 'client authentication failed')).toMatch(
      /client credentials/,
    );
    expect(tokenErrorHint('invalid_grant', 'PKCE check failed')).not.toMatch(
      /client credentials|expire/,
    );
  });
});

describe("userinfoProblem (OIDC Core §5.3.2: the UserInfo sub must be the ID token's)", () => {
  const json = 'application/json; charset=utf-8';
  it('takes a JSON object about the same sub, and refuses any other, saying why', () => {
    expect(userinfoProblem(json, { sub: 'alice', name: 'Alice' }, 'alice')).toBeUndefined();
    expect(userinfoProblem(json, { sub: 'mallory' }, 'alice')).toMatchObject({
      message: expect.stringMatching(/about sub "mallory", but the ID token is about sub "alice"/),
      hint: expect.stringMatching(/MUST exactly match the ID token's; .* MUST NOT be used/),
    });
    // Exactly: no case folding.
    expect(userinfoProblem(json, { sub: 'Alice' }, 'alice')).toBeDefined();
    expect(userinfoProblem(json, { name: 'Alice' }, 'alice')).toMatchObject({
      message: expect.stringMatching(/no sub claim/),
      hint: expect.stringMatching(/"The sub \(subject\) Claim MUST always be returned/),
    });
    expect(userinfoProblem(json, { sub: 42 }, '42')?.message).toMatch(/no sub claim/);
    expect(userinfoProblem(json, undefined, 'alice')?.message).toMatch(/not a JSON object/);
  });
  it('a signed or encrypted response (application/jwt) is allowed by the spec, and not used unverified', () => {
    expect(userinfoProblem('application/jwt', undefined, 'alice')).toMatchObject({
      message: expect.stringMatching(
        /is a JWT \(application\/jwt\), which this tutor does not verify/,
      ),
      hint: expect.stringMatching(/allows a signed or encrypted response/),
    });
  });
  it('without a verified ID token, asks only for a sub', () => {
    expect(userinfoProblem(json, { sub: 'anyone' }, undefined)).toBeUndefined();
    expect(userinfoProblem(json, {}, undefined)?.message).toMatch(/no sub claim/);
  });
});

describe('src/protocol', () => {
  it('s256 matches RFC 7636 Appendix B', () => {
    expect(s256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });
  it('base64url round-trips any bytes, without padding or +/', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const text = base64url(bytes);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(fromBase64url(text)).toEqual(Buffer.from(bytes));
      }),
    );
    expect(fromBase64url('a+b/')).toBeUndefined();
  });
  it('at_hash is the left half of the hash, base64url (OIDC Core §3.1.3.6)', () => {
    // SHA-256 gives 32 bytes; the left half is 16 bytes = 22 base64url characters.
    expect(atHash('token', 'ES256')).toHaveLength(22);
    expect(atHash('token', 'EdDSA')).toHaveLength(43);
  });
});
