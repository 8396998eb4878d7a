/**
 * `oauth-tutor jwt decode|verify|sign|keys|demo`: JWT tools; all crypto via
 * jose. Decoding needs no crypto, so each subcommand imports the key, sign,
 * verify and demo code (and through them jose) only when it runs.
 */
import { decodeJwt, type DecodedJwt } from '../../jwt/decode.js';
import { DEMO_IDS, type DemoId } from '../../jwt/demos/ids.js';
import type { VerifyKey } from '../../jwt/keys.js';
import { EXIT, ExitError, TutorError, usage } from '../../errors.js';
import { isObject, type JsonObject } from '../../json.js';
import {
  warnDeprecatedAlgFlag,
  warnDeprecatedKeyAlg,
  warnDeprecatedTokenAlg,
} from '../deprecated-alg.js';
import { c, err, out, printJson, warn } from '../output.js';
import { printDecoded, printDemo } from '../jwt-view.js';
import type {
  JwtDecodeCliOptions,
  JwtDemoCliOptions,
  JwtKeysCliOptions,
  JwtSignCliOptions,
  JwtVerifyCliOptions,
} from '../program.js';

/** `--claims`: a JSON object, or a usage error that shows one. */
function claimsOf(text: string): JsonObject {
  let claims: unknown;
  let problem = 'not an object';
  try {
    claims = JSON.parse(text);
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  if (isObject(claims)) return claims;
  throw usage(
    `--claims is not a JSON object (${problem}).`,
    'e.g. --claims \'{"sub":"alice","scope":"photos.read"}\'',
  );
}

/** `-` (or nothing, with a pipe) reads the token from stdin. */
async function tokenArg(token: string | undefined): Promise<string> {
  if (token !== undefined && token !== '-') return token;
  if (process.stdin.isTTY)
    throw usage(
      'Give the token as an argument, or pipe it in with `-`.',
      'e.g. oauth-tutor jwt decode eyJhbGciOi…   or   pbpaste | oauth-tutor jwt decode -',
    );
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * What `jwt decode` prints where. Data, on stdout: the decoded token (its parts, each claim explained,
 * what is wrong with a part, the warnings about its claims, the "not verified" banner), or with
 * --json the same as one JSON document, always, so that a script can read `problems`. Diagnostics,
 * on stderr: what was cleaned off the input (a "Bearer " prefix…), or, when there is no token to
 * show (not 3 or 5 parts, or a header that does not decode), only the error, in two lines, with
 * exit 2, as `jwt verify` says a malformed token and `check` an unreadable sheet.
 */
export async function decodeCommand(
  token: string | undefined,
  opts: JwtDecodeCliOptions,
): Promise<void> {
  const d = decodeJwt(await tokenArg(token));
  const now = new Date();
  const broken = undecodable(d);
  if (opts.json) {
    printJson({
      header: d.header ?? null,
      payload: d.payload ?? d.payloadText ?? null,
      signature: d.signature ?? null,
      verified: false,
      format: d.format,
      problems: d.problems,
      ...(d.cleaned.length > 0 ? { cleaned: d.cleaned } : {}),
    });
  } else if (broken === undefined) {
    noteCleaned(d);
    printDecoded(d, now);
  }
  if (broken !== undefined) throw broken;
}

/** What was cleaned off the input (a "Bearer " prefix, quotes…): a note about the input, not data. */
function noteCleaned(d: DecodedJwt): void {
  if (d.cleaned.length > 0) err(c.dim(`(removed ${d.cleaned.join(', ')})`));
}

/** The error for input with no token to show: it is not 3 (or 5) parts, or its header does not decode. */
function undecodable(d: DecodedJwt): TutorError | undefined {
  const token = d.problems.find((p) => p.part === 'token');
  const header = d.problems.find((p) => p.part === 'header');
  if (token === undefined && header === undefined && d.header !== undefined) return undefined;
  if (d.token === '')
    return new TutorError('ERR_INPUT', 'There is no token to decode: the input is empty.', {
      hint: 'Give the token as an argument, or pipe it in with `-`.',
    });
  if (token !== undefined)
    return new TutorError('ERR_INPUT', `This is not a JWT: ${token.message}.`, {
      hint: 'Copy the whole token: base64url parts joined by dots, header.payload.signature (eyJ….eyJ….…).',
    });
  return new TutorError(
    'ERR_INPUT',
    `This is not a JWT: its header cannot be decoded (${header?.message ?? 'not a JSON object'}).`,
    {
      hint: 'The part before the first dot must be base64url-encoded JSON (it starts "eyJ"); check nothing was cut or added.',
    },
  );
}

export async function verifyCommand(
  token: string | undefined,
  opts: JwtVerifyCliOptions,
): Promise<void> {
  const sources = [opts.secret, opts.key, opts.jwks].filter((x) => x !== undefined).length;
  if (sources !== 1)
    throw usage(
      'jwt verify needs exactly one of --secret, --key or --jwks.',
      'e.g. oauth-tutor jwt verify <token> --jwks http://127.0.0.1:4000/jwks',
    );
  const raw = await tokenArg(token);
  const decoded = decodeJwt(raw);
  if (decoded.format !== 'JWS' || decoded.header === undefined) {
    const problem = decoded.problems[0]?.message ?? 'not a signed JWT (JWS)';
    throw new TutorError('ERR_INPUT', `This is not a well-formed signed JWT: ${problem}.`, {
      hint: 'Run `oauth-tutor jwt decode` on it to see which part is broken.',
    });
  }
  const [{ secretKey, verifyKeyFromFile, verifyKeyFromJwks }, { verifyJwt }] = await Promise.all([
    import('../../jwt/keys.js'),
    import('../../jwt/verify.js'),
  ]);
  let key: VerifyKey;
  if (opts.secret !== undefined) key = secretKey(opts.secret);
  else if (opts.key !== undefined) key = await verifyKeyFromFile(opts.key);
  else if (opts.jwks !== undefined) key = await verifyKeyFromJwks(opts.jwks);
  else throw usage('jwt verify needs exactly one of --secret, --key or --jwks.');
  const algorithms = opts.alg;
  const result = await verifyJwt(decoded.token, {
    key,
    ...(algorithms === undefined ? {} : { algorithms }),
    ...(opts.iss === undefined ? {} : { issuer: opts.iss }),
    ...(opts.aud === undefined ? {} : { audience: opts.aud }),
  });
  warnDeprecatedTokenAlg(decoded.header['alg']);
  if (opts.json) printJson(result);
  else if (result.valid) {
    noteCleaned(decoded);
    printDecoded(decoded, new Date(), { verified: true });
    out(
      `${c.green('✓ valid')} — signature verified${opts.iss ? ', issuer checked' : ''}${opts.aud ? ', audience checked' : ''}, time claims checked.`,
    );
  } else {
    out(`${c.red('✗ invalid')} — ${result.reason}`);
  }
  if (!result.valid) throw new ExitError(result.code === 'malformed' ? EXIT.USAGE : EXIT.FAILED);
}

export async function signCommand(opts: JwtSignCliOptions): Promise<void> {
  if ((opts.secret === undefined) === (opts.key === undefined))
    throw usage(
      'jwt sign needs exactly one of --secret or --key.',
      'e.g. oauth-tutor jwt sign --claims \'{"sub":"alice"}\' --secret "$SECRET" --exp 1h',
    );
  const claims = claimsOf(opts.claims);
  const [{ defaultAlgFor, secretKey, readSigningKey, weakSecretWarning }, { signJwt }] =
    await Promise.all([import('../../jwt/keys.js'), import('../../jwt/sign.js')]);
  let key;
  let alg: string;
  // A JWK's own kid, when --kid does not name one: the token then matches the key's JWKS entry.
  let kid = opts.kid;
  if (opts.secret !== undefined) {
    key = secretKey(opts.secret);
    alg = opts.alg ?? 'HS256';
    if (!alg.startsWith('HS'))
      throw usage(
        `--secret signs with HMAC (HS256/384/512), not ${alg}.`,
        'Use --key with a private key file for RS/PS/ES/Ed25519.',
      );
    const weak = weakSecretWarning(key, alg);
    if (weak !== undefined) warn(`weak secret: ${weak}`);
  } else if (opts.key !== undefined) {
    const read = await readSigningKey(opts.key);
    key = read.key;
    kid ??= read.kid;
    if (opts.alg !== undefined) {
      alg = opts.alg;
      warnDeprecatedAlgFlag(alg, 'the token is signed "EdDSA" as asked');
    } else if (read.alg !== undefined) {
      // The JWK names its algorithm: sign under that name, so the token matches the key's JWKS entry.
      alg = read.alg;
      warnDeprecatedKeyAlg(alg, opts.key);
    } else {
      alg = defaultAlgFor(key);
    }
  } else {
    throw usage('jwt sign needs exactly one of --secret or --key.');
  }
  out(
    await signJwt({
      claims,
      key,
      alg,
      ...(opts.exp === undefined ? {} : { expiresIn: opts.exp }),
      ...(kid === undefined ? {} : { kid }),
    }),
  );
}

export async function keysCommand(opts: JwtKeysCliOptions): Promise<void> {
  const { generateKeys } = await import('../../jwt/keys.js');
  const { alg, format } = opts;
  warnDeprecatedAlgFlag(
    alg,
    format === 'jwk' || opts.json === true
      ? 'the keys are marked alg "EdDSA" as asked'
      : 'a PEM key names no alg, so these are the same Ed25519 keys either name signs with',
  );
  const keys = await generateKeys(alg);
  if (opts.json) {
    printJson(keys);
    return;
  }
  if (keys.secret !== undefined) {
    out(keys.secret);
    err(
      c.dim(
        `A random ${alg.slice(2)}-bit secret (base64url). Use it with --secret; keep it out of code and logs.`,
      ),
    );
    return;
  }
  if (format === 'jwk') {
    out(JSON.stringify({ keys: [keys.publicJwk] }, null, 2));
    out(JSON.stringify(keys.privateJwk, null, 2));
    err(c.dim('First the public JWKS (publish it), then the private JWK (keep it secret).'));
  } else {
    const { publicPem, privatePem } = keys;
    // generateKeys gives a key pair PEM for every algorithm but HMAC (handled above).
    if (publicPem === undefined || privatePem === undefined)
      throw new Error(`no PEM for a ${alg} key pair`);
    out(publicPem.trimEnd());
    out(privatePem.trimEnd());
    err(
      c.dim(
        `kid ${keys.kid}. First the public key (share it), then the private key (keep it secret).`,
      ),
    );
  }
}

export async function demoCommand(id: DemoId | undefined, opts: JwtDemoCliOptions): Promise<void> {
  if (opts.list || id === undefined) {
    if (opts.json) printJson(DEMO_IDS);
    else for (const d of DEMO_IDS) out(d);
    return;
  }
  const { runDemo } = await import('../../jwt/demos/index.js');
  const result = await runDemo(id);
  if (opts.json) printJson(result);
  else printDemo(result);
}
