/**
 * `provider --state-dir DIR`: what an instructor's provider keeps across
 * restarts, so that students' registered apps and cached JWKS keep working.
 *
 *   DIR/keys.json     the private signing keys (JWK), one per algorithm   mode 0600
 *   DIR/clients.json  dynamic registrations and the demo client's secret  mode 0600
 *   DIR/users.yaml    optional: the class's accounts (see users-file.ts)
 *
 * Files are written atomically (write-file-atomic: a temp file renamed into
 * place). A file that cannot be read back is named in an error at start and
 * left untouched, never replaced.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { JWK } from 'jose';
import writeFileAtomic from 'write-file-atomic';
import { errnoCode, TutorError } from '../errors.js';
import { isObject } from '../json.js';
import { randomToken } from '../protocol/random.js';
import type { StoredClient } from './clients.js';
import { firstLine } from './error-text.js';
import {
  createSigningKey,
  exportPrivateJwk,
  importSigningKey,
  type ProviderAlg,
  type SigningKey,
} from './keys.js';
import type { User } from './model.js';
import { parseClientMetadata } from './registration.js';
import { loadUsersFile } from './users-file.js';
import { fullySpecified } from '../protocol/fully-specified.js';

export interface ProviderState {
  dir: string;
  key: SigningKey;
  demoSecret: string;
  registrations: StoredClient[];
  /** From DIR/users.yaml when there is one. */
  users?: User[];
  /** Saves the registrations (writes are queued, so the last call wins). */
  saveClients(registrations: StoredClient[]): Promise<void>;
}

function corrupt(file: string, problem: string, cause?: unknown): TutorError {
  return new TutorError('ERR_INPUT', `${file} cannot be used: ${problem}.`, {
    hint: 'Fix it, or move it out of the state directory to start that part afresh; the provider never replaces it.',
    cause,
  });
}

/** The file's JSON, undefined when it does not exist; a corrupt file is an error naming it. */
async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw corrupt(file, `it cannot be read (${errnoCode(error) ?? 'error'})`, error);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw corrupt(file, 'it is not valid JSON', error);
  }
}

async function write(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
}

function parseStoredClient(v: unknown): StoredClient | string {
  if (!isObject(v) || !isObject(v['client'])) return 'an entry has no "client" object';
  const c = v['client'];
  const meta = parseClientMetadata(c);
  if (!meta.ok) return meta.description;
  if (typeof c['client_id'] !== 'string' || c['client_id'] === '')
    return 'a client has no client_id';
  if (typeof c['client_id_issued_at'] !== 'number')
    return `client ${c['client_id']} has no client_id_issued_at`;
  const secret = c['client_secret'];
  if (
    meta.metadata.token_endpoint_auth_method === 'none'
      ? secret !== undefined
      : typeof secret !== 'string' || secret === ''
  )
    return `client ${c['client_id']} has a wrong client_secret for its token_endpoint_auth_method`;
  if (typeof v['registered_at'] !== 'number')
    return `client ${c['client_id']} has no registered_at`;
  if (v['last_used_at'] !== undefined && typeof v['last_used_at'] !== 'number')
    return `client ${c['client_id']} has a last_used_at that is not a number`;
  return {
    client: {
      client_id: c['client_id'],
      ...(typeof secret === 'string' ? { client_secret: secret } : {}),
      ...meta.metadata,
      client_id_issued_at: c['client_id_issued_at'],
    },
    registered_at: v['registered_at'],
    ...(typeof v['last_used_at'] === 'number' ? { last_used_at: v['last_used_at'] } : {}),
  };
}

/** JWK members that are strings: the common ones (RFC 7517 §4) and each key type's key material. */
const JWK_STRINGS = [
  'kty',
  'alg',
  'use',
  'kid',
  'crv',
  'x',
  'y',
  'd',
  'n',
  'e',
  'p',
  'q',
  'dp',
  'dq',
  'qi',
  'k',
  'x5u',
  'x5t',
  'x5t#S256',
] as const;

/** A JWK read from keys.json, its members checked for their types; or what is wrong, naming the field. */
function toJwk(value: unknown, at: string): JWK | string {
  if (!isObject(value)) return `${at} must be a JWK object`;
  const jwk: JWK = {};
  for (const name of JWK_STRINGS) {
    const member = value[name];
    if (member === undefined) continue;
    if (typeof member !== 'string') return `${at}.${name} must be a string`;
    jwk[name] = member;
  }
  if (jwk.kty === undefined) return `${at}.kty is missing`;
  const ops = value['key_ops'];
  if (ops !== undefined) {
    if (!isStringList(ops)) return `${at}.key_ops must be a list of strings`;
    jwk.key_ops = ops;
  }
  const chain = value['x5c'];
  if (chain !== undefined) {
    if (!isStringList(chain)) return `${at}.x5c must be a list of strings`;
    jwk.x5c = chain;
  }
  const ext = value['ext'];
  if (ext !== undefined) {
    if (typeof ext !== 'boolean') return `${at}.ext must be true or false`;
    jwk.ext = ext;
  }
  return jwk;
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

async function loadKey(file: string, alg: ProviderAlg): Promise<SigningKey> {
  const doc = await readJson(file);
  const keys: JWK[] = [];
  if (doc !== undefined) {
    const list = isObject(doc) ? doc['keys'] : undefined;
    if (!Array.isArray(list)) throw corrupt(file, 'it must hold {"keys": [private JWKs]}');
    for (const [i, entry] of list.entries()) {
      const jwk = toJwk(entry, `keys[${i}]`);
      if (typeof jwk === 'string') throw corrupt(file, jwk);
      keys.push(jwk);
    }
    // RFC 9864 §5: a key for "Ed25519" is represented as for "EdDSA", other than the "alg" value, if
    // included: a key kept under one name serves the other (the same operation), and its kid (the
    // thumbprint) stays.
    const mine =
      keys.find((k) => k.alg === alg) ??
      keys.find((k) => k.alg !== undefined && fullySpecified(k.alg) === fullySpecified(alg));
    if (mine !== undefined) {
      try {
        return await importSigningKey(mine, alg);
      } catch (error) {
        throw corrupt(
          file,
          `its ${alg} key is not a usable private key (${firstLine(error)})`,
          error,
        );
      }
    }
  }
  const key = await createSigningKey(alg);
  keys.push(await exportPrivateJwk(key));
  await write(file, { keys });
  return key;
}

export async function openStateDir(dir: string, alg: ProviderAlg): Promise<ProviderState> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    if (!(await stat(dir)).isDirectory()) throw new Error('not a directory');
  } catch (error) {
    throw new TutorError(
      'ERR_INPUT',
      `--state-dir ${dir} cannot be used: ${errnoCode(error) ?? firstLine(error)}.`,
      { hint: 'Give a directory this user can write to.', cause: error },
    );
  }
  const keysFile = join(dir, 'keys.json');
  const clientsFile = join(dir, 'clients.json');
  const usersFile = join(dir, 'users.yaml');

  // Read everything before writing anything, so a corrupt file stops the start with nothing changed.
  const doc = await readJson(clientsFile);
  let demoSecret: string | undefined;
  const registrations: StoredClient[] = [];
  if (doc !== undefined) {
    if (
      !isObject(doc) ||
      typeof doc['demo_client_secret'] !== 'string' ||
      !Array.isArray(doc['registrations'])
    )
      throw corrupt(
        clientsFile,
        'it must hold {"demo_client_secret": "...", "registrations": [...]}',
      );
    demoSecret = doc['demo_client_secret'];
    for (const entry of doc['registrations']) {
      const parsed = parseStoredClient(entry);
      if (typeof parsed === 'string') throw corrupt(clientsFile, parsed);
      registrations.push(parsed);
    }
  }
  let users: User[] | undefined;
  try {
    await stat(usersFile);
    users = await loadUsersFile(usersFile);
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') throw error;
  }
  const key = await loadKey(keysFile, alg);

  const secret = demoSecret ?? randomToken(24);
  // One write at a time, in call order, so the last snapshot asked for is the one left on disk. Each save
  // starts once the previous one has settled, whether it failed or not: its failure is reported through the
  // promise that save returned (the provider passes it to onNotice), and the queue goes on, the next save
  // writing the whole list again.
  let queue: Promise<void> = Promise.resolve();
  const saveClients = (regs: StoredClient[]) => {
    const snapshot = { demo_client_secret: secret, registrations: regs };
    const run = () => write(clientsFile, snapshot);
    queue = queue.then(run, run);
    return queue;
  };
  if (doc === undefined) await saveClients([]);
  return {
    dir,
    key,
    demoSecret: secret,
    registrations,
    ...(users === undefined ? {} : { users }),
    saveClients,
  };
}
