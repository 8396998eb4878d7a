/**
 * Demos of what signing does: the structure of a token (base64url is
 * encoding, not encryption), HS256 computed step by step (a labelled
 * teaching demo built on node:crypto's HMAC, checked against jose), Mallory
 * tampering with the payload, and the same with a key pair (ES256).
 */
import { createHmac } from 'node:crypto';
// jose by subpath: its index loads every JWE/JWS/JWKS module.
import { SignJWT } from 'jose/jwt/sign';
import { exportJWK } from 'jose/key/export';
import { generateKeyPair } from 'jose/key/generate/keypair';
import { decodeJwt, encodeSegment } from '../decode.js';
import { verifyJwt } from '../verify.js';
import { json, outcomeOf, step, verdictStep, type DemoResult } from './demo.js';

export const ALICE_SECRET = 'alice-and-bob-share-this-32-byte-secret!';

function claims(now: number) {
  return { sub: 'mallory', name: 'Mallory', admin: false, iat: now, exp: now + 3600 };
}

async function aliceToken(now: number): Promise<string> {
  return new SignJWT(claims(now))
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(ALICE_SECRET));
}

export async function structureDemo(now = new Date()): Promise<DemoResult> {
  const t = Math.floor(now.getTime() / 1000);
  const token = await aliceToken(t);
  const [h = '', p = '', s = ''] = token.split('.');
  const d = decodeJwt(token);
  return {
    id: 'structure',
    title: 'A JWT is header.payload.signature',
    steps: [
      step('token', 'The token', token),
      step('code', 'Header (base64url)', h),
      step('code', '  decoded', json(d.header)),
      step('code', 'Payload (base64url)', p),
      step('code', '  decoded', json(d.payload)),
      step('code', 'Signature (base64url)', s),
      step(
        'warn',
        'Anyone who holds the token can read the header and payload: base64url is an encoding, not encryption. Never put secrets in a signed JWT.',
      ),
    ],
  };
}

export async function hmacDemo(now = new Date()): Promise<DemoResult> {
  const t = Math.floor(now.getTime() / 1000);
  const header = { alg: 'HS256', typ: 'JWT' };
  const signingInput = `${encodeSegment(header)}.${encodeSegment(claims(t))}`;
  // Teaching demo: the HMAC itself comes from node:crypto; we only show the steps jose takes.
  const mac = createHmac('sha256', ALICE_SECRET).update(signingInput).digest();
  const ours = mac.toString('base64url');
  const josesToken = await aliceToken(t);
  const matches = josesToken === `${signingInput}.${ours}`;
  return {
    id: 'hmac',
    title: 'Alice signs with HS256, step by step',
    steps: [
      step('text', 'Alice and Bob share a secret', ALICE_SECRET),
      step('code', '1. Signing input = base64url(header) + "." + base64url(payload)', signingInput),
      step('code', '2. HMAC-SHA256(secret, signing input), as hex', mac.toString('hex')),
      step('code', '3. base64url of those 32 bytes = the signature', ours),
      step('code', "   jose's signature for the same claims", josesToken.split('.')[2] ?? ''),
      step(
        matches ? 'ok' : 'fail',
        matches ? 'Identical: that is all HS256 is.' : 'They differ (unexpected).',
      ),
    ],
  };
}

export async function tamperDemo(now = new Date()): Promise<DemoResult> {
  const t = Math.floor(now.getTime() / 1000);
  const token = await aliceToken(t);
  const [h = '', p = '', s = ''] = token.split('.');
  const forgedPayload = encodeSegment({ ...claims(t), admin: true });
  const forged = `${h}.${forgedPayload}.${s}`;
  const result = await verifyJwt(forged, {
    key: new TextEncoder().encode(ALICE_SECRET),
    algorithms: ['HS256'],
    now,
  });
  const original = await verifyJwt(token, {
    key: new TextEncoder().encode(ALICE_SECRET),
    algorithms: ['HS256'],
    now,
  });
  return {
    id: 'tamper',
    title: 'Mallory changes the payload; Bob notices',
    steps: [
      step(
        original.valid ? 'ok' : 'fail',
        "Bob verifies Alice's token",
        original.valid ? 'valid' : 'invalid',
      ),
      step('code', 'Payload before', json(claims(t))),
      step('code', "Mallory's payload", json({ ...claims(t), admin: true })),
      step('code', 'Bytes that changed in the payload segment', diffSegments(p, forgedPayload)),
      step('text', 'She keeps the signature: without the secret she cannot compute a new one.'),
      verdictStep('Bob verifies the forged token', result),
    ],
    outcome: outcomeOf(result),
  };
}

/** The two segments with the differing characters marked, e.g. "…ZmFsc2V9 → …dHJ1ZX0 (from character 77)". */
export function diffSegments(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  return `characters ${i + 1}–${a.length - j} of the payload: "${a.slice(i, a.length - j)}" became "${b.slice(i, b.length - j)}"; the signature still covers the old bytes`;
}

export async function asymmetricDemo(now = new Date()): Promise<DemoResult> {
  const t = Math.floor(now.getTime() / 1000);
  const alice = await generateKeyPair('ES256', { extractable: true });
  const mallory = await generateKeyPair('ES256', { extractable: true });
  const token = await new SignJWT(claims(t))
    .setProtectedHeader({ alg: 'ES256' })
    .sign(alice.privateKey);
  const forged = await new SignJWT({ ...claims(t), admin: true })
    .setProtectedHeader({ alg: 'ES256' })
    .sign(mallory.privateKey);
  const ok = await verifyJwt(token, { key: alice.publicKey, algorithms: ['ES256'], now });
  const bad = await verifyJwt(forged, { key: alice.publicKey, algorithms: ['ES256'], now });
  return {
    id: 'asymmetric',
    title: 'Signing with a key pair (ES256)',
    steps: [
      step(
        'code',
        "Alice's public key (anyone may have it)",
        json(await exportJWK(alice.publicKey)),
      ),
      step('token', 'Alice signs with her private key', token),
      step(
        ok.valid ? 'ok' : 'fail',
        "Bob verifies with Alice's public key",
        ok.valid ? 'valid' : 'invalid',
      ),
      step('text', 'Mallory can verify too, but to forge she must sign with her own private key.'),
      verdictStep("Bob verifies Mallory's token with Alice's public key", bad),
      step(
        'text',
        'Symmetric (HS256): whoever can verify can also sign. Asymmetric (ES256, RS256, Ed25519): verifying needs only the public key; signing needs the private key.',
      ),
    ],
    outcome: outcomeOf(bad),
  };
}
