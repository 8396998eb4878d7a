/**
 * Attacks on JWT verification, each run against a proper verifier (jose with
 * an algorithm allow-list and claim checks) and rejected by the right check
 * (RFC 8725). Where it teaches something, a deliberately naive verifier —
 * clearly labelled, never used elsewhere — shows what would have happened.
 */
import { createHmac, generateKeyPairSync, randomBytes, timingSafeEqual } from 'node:crypto';
// jose by subpath: its index loads every JWE/JWS/JWKS module.
import { SignJWT } from 'jose/jwt/sign';
import { exportSPKI } from 'jose/key/export';
import { generateKeyPair } from 'jose/key/generate/keypair';
import { isObject } from '../../json.js';
import { encodeSegment } from '../decode.js';
import { verifyJwt } from '../verify.js';
import { json, outcomeOf, step, verdictStep, type DemoResult } from './demo.js';

const enc = (s: string) => new TextEncoder().encode(s);

/** NAIVE, for demonstration only: trusts the token's own "alg" and uses the key bytes it is given. */
function naiveHmacVerify(token: string, keyBytes: string): boolean {
  const [h, p, s] = token.split('.');
  const header: unknown = JSON.parse(Buffer.from(h ?? '', 'base64url').toString());
  if (isObject(header) && header['alg'] === 'none') return true;
  const mac = createHmac('sha256', keyBytes).update(`${h}.${p}`).digest();
  const given = Buffer.from(s ?? '', 'base64url');
  return given.length === mac.length && timingSafeEqual(given, mac);
}

export async function algNoneDemo(now = new Date()): Promise<DemoResult> {
  const secret = 'server-side-secret-of-32-bytes-or-more!';
  const forged = `${encodeSegment({ alg: 'none', typ: 'JWT' })}.${encodeSegment({ sub: 'mallory', admin: true })}.`;
  const result = await verifyJwt(forged, { key: enc(secret), algorithms: ['HS256'], now });
  return {
    id: 'attack-none',
    title: 'Attack: alg "none"',
    steps: [
      step('token', 'Mallory writes a token with {"alg":"none"} and no signature', forged),
      step(
        'fail',
        "A naive verifier that trusts the header's alg",
        naiveHmacVerify(forged, secret) ? 'accepts it: Mallory is admin' : 'rejects it',
      ),
      verdictStep('oauth-tutor (jose, algorithms: ["HS256"])', result),
      step('text', 'Fix: the verifier decides the algorithm, never the token (RFC 8725 §3.1).'),
    ],
    outcome: outcomeOf(result),
  };
}

export async function keyConfusionDemo(now = new Date()): Promise<DemoResult> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const publicPem = await exportSPKI(publicKey);
  const t = Math.floor(now.getTime() / 1000);
  const genuine = await new SignJWT({ sub: 'alice', iat: t, exp: t + 600 })
    .setProtectedHeader({ alg: 'RS256' })
    .sign(privateKey);
  // Mallory's HMAC secret is the *public* key's text.
  const forged = await new SignJWT({ sub: 'mallory', admin: true, iat: t, exp: t + 600 })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(enc(publicPem));
  const ok = await verifyJwt(genuine, { key: publicKey, algorithms: ['RS256'], now });
  const result = await verifyJwt(forged, { key: publicKey, algorithms: ['RS256'], now });
  const withoutAllowList = await verifyJwt(forged, { key: publicKey, now });
  return {
    id: 'attack-confusion',
    title: 'Attack: RS256 → HS256 key confusion',
    steps: [
      step(
        ok.valid ? 'ok' : 'fail',
        "The API verifies genuine RS256 tokens with the issuer's public key",
        ok.valid ? 'valid' : 'invalid',
      ),
      step(
        'text',
        "The public key is public. Mallory signs her own token with HS256, using the public key's PEM text as the HMAC secret.",
      ),
      step('token', "Mallory's token", forged),
      step(
        'fail',
        'A naive verifier that picks HMAC because the token says HS256, and feeds it "the key" (the PEM)',
        naiveHmacVerify(forged, publicPem) ? 'accepts it' : 'rejects it',
      ),
      verdictStep('oauth-tutor with algorithms: ["RS256"]', result),
      verdictStep(
        'Even without the allow-list, jose will not use an RSA public key as an HMAC secret',
        withoutAllowList,
      ),
      step('text', 'Fix: pin the algorithm to the key (RFC 8725 §3.1, §2.1).'),
    ],
    outcome: outcomeOf(result),
  };
}

export async function expiredDemo(now = new Date()): Promise<DemoResult> {
  const secret = enc('server-side-secret-of-32-bytes-or-more!');
  const t = Math.floor(now.getTime() / 1000);
  const token = await new SignJWT({ sub: 'alice', iat: t - 7200, exp: t - 3600 })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(secret);
  const result = await verifyJwt(token, { key: secret, algorithms: ['HS256'], now });
  return {
    id: 'attack-expired',
    title: 'Replaying an expired token',
    steps: [
      step('token', 'A token stolen from a log two hours ago', token),
      step('text', 'Its signature is still perfectly valid.'),
      verdictStep('oauth-tutor checks "exp"', result),
      step(
        'text',
        'Short lifetimes limit the damage of a leaked token: RFC 6750 §5.3 recommends one hour or less for bearer tokens, and "exp" enforces it (RFC 7519 §4.1.4).',
      ),
    ],
    outcome: outcomeOf(result),
  };
}

export async function audienceDemo(now = new Date()): Promise<DemoResult> {
  // Asymmetric on purpose: only the issuer holds the private key, so the photo
  // service can replay a token but not mint one. With one HMAC secret shared by
  // the issuer and both APIs, the photo service could sign a bank token itself
  // and "aud" would protect nothing.
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const t = Math.floor(now.getTime() / 1000);
  const claims = {
    iss: 'https://issuer.example',
    sub: 'alice',
    aud: 'https://photos.example',
    scope: 'photos.read',
    iat: t,
    exp: t + 600,
  };
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt' })
    .sign(privateKey);
  const atBank = {
    key: publicKey,
    algorithms: ['ES256'],
    issuer: 'https://issuer.example',
    audience: 'https://bank.example',
    typ: 'at+jwt',
    now,
  };
  const result = await verifyJwt(token, atBank);
  const withoutAud = await verifyJwt(token, {
    key: publicKey,
    algorithms: ['ES256'],
    issuer: 'https://issuer.example',
    typ: 'at+jwt',
    now,
  });
  return {
    id: 'attack-audience',
    title: 'Using a token at the wrong API',
    steps: [
      step(
        'code',
        'The issuer signs a token for the photo API with its private key (ES256)',
        json({ aud: 'https://photos.example', scope: 'photos.read' }),
      ),
      step(
        'text',
        "Both APIs verify with the issuer's public key; only the issuer can sign. So the photo service cannot mint a token for the bank, but it can replay the one it was given.",
      ),
      verdictStep('A bank API that checks only the signature, issuer and expiry', withoutAud),
      verdictStep('The bank API also checks "aud"', result),
      step(
        'text',
        '"aud" helps only because the photo service cannot sign: with one HMAC secret shared by the issuer and the APIs, any API could mint a token with the bank\'s audience (RFC 8725 §3.9, RFC 9068 §4).',
      ),
    ],
    outcome: outcomeOf(result),
  };
}

/** Offline guessing: every guess is one HMAC, compared with the token's own signature. */
function guessSecret(h: string, p: string, s: string): { found?: string; tries: number } {
  let tries = 0;
  for (const guess of COMMON_SECRETS) {
    tries++;
    if (createHmac('sha256', guess).update(`${h}.${p}`).digest('base64url') === s)
      return { found: guess, tries };
  }
  return { tries };
}

/** A small word list of secrets people really use. */
export const COMMON_SECRETS = [
  '123456',
  'password',
  'admin',
  'letmein',
  'qwerty',
  'welcome',
  'changeme',
  'default',
  'test',
  'dev',
  'jwt',
  'token',
  'key',
  'secretkey',
  'mysecret',
  'supersecret',
  'topsecret',
  'secret123',
  'jwtsecret',
  'jwt-secret',
  'jwt_secret',
  'your-256-bit-secret',
  'your_jwt_secret',
  'shhhhh',
  'keyboard cat',
  'abc123',
  'iloveyou',
  'monkey',
  'dragon',
  'master',
  'hello',
  'freedom',
  'whatever',
  'trustno1',
  'p@ssw0rd',
  'passw0rd',
  'oauth',
  'oauth2',
  'tutor',
  'changeit',
  'example',
  'sample',
  'demo',
  'private',
  'apikey',
  'api-key',
  'hunter2',
  'football',
  'baseball',
  'sunshine',
  'princess',
  'secret',
];

export async function weakSecretDemo(now = new Date()): Promise<DemoResult> {
  const t = Math.floor(now.getTime() / 1000);
  const victimSecret = 'secret';
  const token = await new SignJWT({ sub: 'alice', iat: t, exp: t + 600 })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(enc(victimSecret));
  const [h = '', p = '', s = ''] = token.split('.');
  const started = process.hrtime.bigint();
  const { found, tries } = guessSecret(h, p, s);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const strong = await new SignJWT({ sub: 'alice', iat: t, exp: t + 600 })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(randomBytes(32));
  const [sh = '', sp = '', ss = ''] = strong.split('.');
  const strongGuess = guessSecret(sh, sp, ss);
  const forged =
    found === undefined
      ? undefined
      : await new SignJWT({ sub: 'mallory', admin: true, iat: t, exp: t + 600 })
          .setProtectedHeader({ alg: 'HS256' })
          .sign(enc(found));
  const result =
    forged === undefined
      ? undefined
      : await verifyJwt(forged, { key: enc(victimSecret), algorithms: ['HS256'], now });
  return {
    id: 'attack-weak-secret',
    title: 'Attack: guessing a weak HMAC secret offline',
    steps: [
      step('token', 'One captured HS256 token is all Mallory needs', token),
      step(
        'text',
        `She tries a word list of ${COMMON_SECRETS.length} common secrets, offline, without asking the server.`,
      ),
      step(
        found === undefined ? 'ok' : 'fail',
        'Cracked',
        found === undefined
          ? 'not found'
          : `"${found}" after ${tries} guesses in ${ms.toFixed(2)} ms`,
      ),
      step(
        result?.valid ? 'fail' : 'ok',
        'Her forged admin token, signed with the cracked secret',
        result === undefined
          ? 'not made'
          : result.valid
            ? 'ACCEPTED by the server: the signature is genuine'
            : `rejected: ${result.reason}`,
      ),
      step(
        strongGuess.found === undefined ? 'ok' : 'fail',
        'The same word list against a token signed with 32 random bytes',
        strongGuess.found === undefined
          ? `nothing found in ${strongGuess.tries} guesses (2^256 possible secrets)`
          : 'cracked (!)',
      ),
      step(
        'text',
        'No verifier check can stop this. The fix is a secret nobody can guess: random, not a memorable word (RFC 8725 §3.5), and at least as long as the hash output, 256 bits for HS256 (RFC 7518 §3.2).',
      ),
    ],
    outcome: {
      accepted: result?.valid ?? false,
      code: found === undefined ? 'not-cracked' : 'cracked',
      reason:
        found === undefined
          ? 'secret not in the list'
          : `secret "${found}" found in ${tries} guesses`,
    },
  };
}
