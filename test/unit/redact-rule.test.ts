/**
 * One rule shortens a secret (src/oauth/redact.ts): the flow's notes (`mask`) and the redactor
 * (what the terminal, --json and --transcript show) give the same stub, and a stub shortened again
 * is unchanged, so no part of the output can show a secret two ways.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  PARAM_RULES,
  Redactor,
  redactParams,
  shortParam,
  shortSecret,
  shortToken,
} from '../../src/oauth/redact.js';
import { toCurl } from '../../src/oauth/exchange.js';
import { mask } from '../../src/oauth/flow.js';

const secret = fc.string({ unit: fc.constantFrom(...'abcXYZ0189-_'), minLength: 1, maxLength: 80 });

describe('shortSecret', () => {
  it('is what the notes and the redactor both show', () => {
    fc.assert(
      fc.property(secret, (s) => {
        const r = new Redactor(false);
        r.secret(s);
        expect(mask(s)).toBe(shortSecret(s));
        expect(r.text(s)).toBe(shortSecret(s));
      }),
    );
  });

  it('shortens a stub to itself, and says nothing of the length', () => {
    fc.assert(
      fc.property(secret, (s) => {
        expect(shortSecret(shortSecret(s))).toBe(shortSecret(s));
        if (s.length > 8) expect(shortSecret(s)).toBe(`${s.slice(0, 6)}…(redacted)`);
        else expect(shortSecret(s)).toBe('••••');
      }),
    );
  });

  it('a token keeps 8 + 4 characters, so it can be recognised across steps', () => {
    expect(shortToken('eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl')).toBe('eyJhbGci…dXJl');
    expect(shortToken('short')).toBe('…(redacted)');
  });
});

/**
 * The authorization code (and any credential named by its parameter) in a URL, a form body, a
 * `location` header or a curl line is shortened by the same rule as everywhere else: it used to
 * appear whole in the 302's location, the callback request, the token request's body and their curl
 * lines while the step's note shortened it (RFC 6749 §10.5: codes are plaintext bearer credentials).
 */
describe('credentials by parameter name', () => {
  const BASE64URL = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_';
  // What a value may hold that URL and form encoding must escape, and the stubs' own characters.
  const AWKWARD = [...BASE64URL, ...`&=#?+% '"<>;,()/\\…•é€`];
  const value = fc.oneof(
    fc.string({ unit: fc.constantFrom(...BASE64URL), minLength: 12, maxLength: 64 }),
    fc.string({ unit: fc.constantFrom(...AWKWARD), minLength: 12, maxLength: 64 }),
  );
  const readable = fc.string({ unit: fc.constantFrom(...BASE64URL), minLength: 4, maxLength: 24 });
  const formEncoded = (v: string) => new URLSearchParams({ v }).toString().slice(2);

  /** A credential parameter among state and redirect_uri, in every place the flow shows one. */
  const placed = fc
    .record({
      name: fc.constantFrom(...PARAM_RULES.keys()),
      value,
      state: readable,
      port: fc.integer({ min: 1024, max: 65535 }),
      order: fc.constantFrom([0, 1, 2], [1, 0, 2], [2, 1, 0], [1, 2, 0]),
    })
    .filter(({ value, state }) => !state.includes(value) && !value.includes(state))
    .map(({ name, value, state, port, order }) => {
      const redirect = `http://127.0.0.1:${port}/callback`;
      const pairs: [string, string][] = [
        [name, value],
        ['state', state],
        ['redirect_uri', redirect],
      ];
      const query = new URLSearchParams(
        order.map((i): [string, string] => pairs[i] ?? ['', '']),
      ).toString();
      const url = `http://127.0.0.1:${port}/callback?${query}`;
      const contexts = {
        url,
        fragment: `http://127.0.0.1:${port}/callback#${query}`,
        form: query,
        curl: toCurl({
          method: 'POST',
          url: `${url}&iss=x`,
          headers: { location: url },
          body: query,
        }),
        prose: `the browser's redirect to ${url} did not reach the app's callback`,
      };
      return { name, value, state, redirect, query, contexts };
    });

  it('a credential never comes out whole; state and redirect_uri stay as they were', () => {
    fc.assert(
      fc.property(placed, ({ value, state, redirect, contexts }) => {
        for (const [where, text] of Object.entries(contexts)) {
          const out = redactParams(text);
          for (const whole of new Set([value, formEncoded(value), encodeURIComponent(value)]))
            expect(out, where).not.toContain(whole);
          expect(out, where).toContain(`state=${formEncoded(state)}`);
          expect(out, where).toContain(`redirect_uri=${formEncoded(redirect)}`);
        }
      }),
    );
  });

  it('the stub reads back as the one rule gives it, so the code in the callback matches the note', () => {
    fc.assert(
      fc.property(placed, ({ name, value, state, redirect, contexts }) => {
        const stub = shortParam(name, value) ?? '';
        expect([shortSecret(value), shortToken(value)]).toContain(stub);
        // The rule the recorder gives the same value when it learns it from a response (or makes it).
        if (['code', 'code_verifier', 'device_code', 'client_secret'].includes(name))
          expect(stub).toBe(shortSecret(value));
        if (['access_token', 'refresh_token', 'id_token'].includes(name))
          expect(stub).toBe(shortToken(value));
        for (const text of [contexts.form, new URL(contexts.url).search.slice(1)]) {
          const back = new URLSearchParams(redactParams(text));
          expect(back.get(name)).toBe(stub);
          expect(back.get('state')).toBe(state);
          expect(back.get('redirect_uri')).toBe(redirect);
        }
      }),
    );
  });

  it('shortens a shortened text to itself', () => {
    fc.assert(
      fc.property(placed, ({ contexts }) => {
        for (const text of Object.values(contexts))
          expect(redactParams(redactParams(text))).toBe(redactParams(text));
      }),
    );
  });

  it('leaves every other parameter alone: response_type=code, code_challenge, user_code, token_type_hint', () => {
    const url =
      'http://127.0.0.1:1/authorize?response_type=code&client_id=c1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&scope=openid+notes.read';
    const form =
      'grant_type=authorization_code&token_type_hint=refresh_token&user_code=WDJB-MJHT&codes=x1234567890&xcode=y1234567890';
    expect(redactParams(url)).toBe(url);
    expect(redactParams(form)).toBe(form);
    expect(shortParam('code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')).toBe(
      undefined,
    );
    expect(shortParam('constructor', 'x1234567890')).toBe(undefined);
  });

  it('the recorder shortens it in the URL, the location header, the form body and so the curl line; --show-secrets keeps it whole', () => {
    fc.assert(
      fc.property(placed, ({ value, query, contexts }) => {
        const e = {
          request: { method: 'POST', url: contexts.url, headers: {}, body: query },
          response: { status: 302, headers: { location: contexts.url }, body: '' },
          note: contexts.prose,
        };
        const shown = new Redactor(false).exchange(e);
        const all = JSON.stringify(shown) + toCurl(shown.request);
        expect(all).not.toContain(formEncoded(value));
        expect(all).not.toContain(value);
        expect(new Redactor(true).exchange(e)).toEqual(e);
      }),
    );
  });
});

describe('redactParams on adversarial input', () => {
  // A megabyte of one shape each: the vitest timeout is a hang guard, not a timing assertion.
  const MB = 1024 * 1024;
  const cases: [string, string, (out: string) => void][] = [
    ['a space then one long word', ` ${'a'.repeat(MB)}`, (out) => expect(out).toHaveLength(MB + 1)],
    ['delimiters without a value', '?a'.repeat(MB / 2), (out) => expect(out).toHaveLength(MB)],
    ['ampersands', '&'.repeat(MB), (out) => expect(out).toHaveLength(MB)],
    ['equals signs', '='.repeat(MB), (out) => expect(out).toHaveLength(MB)],
    ['names and equals signs', 'a='.repeat(MB / 2), (out) => expect(out).toHaveLength(MB)],
    [
      'one huge code',
      `?code=${'x'.repeat(MB)}`,
      (out) => expect(out).toBe('?code=xxxxxx…(redacted)'),
    ],
    [
      'many codes',
      '&code=abcdefghij'.repeat(MB / 16),
      (out) => expect(out).not.toContain('abcdefghij'),
    ],
  ];
  it.each(cases)('%s', (_name, text, check) => check(redactParams(text)), 20_000);
});
