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
 * left exactly as it is, never replaced.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { JWK } from 'jose';
import writeFileAtomic from 'write-file-atomic';
import { TutorError } from '../errors.js';
import { randomToken } from '../protocol/random.js';
import type { StoredClient } from './clients.js';
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

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

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
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw corrupt(
      file,
      `it cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      error,
    );
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

async function loadKey(file: string, alg: ProviderAlg): Promise<SigningKey> {
  const doc = await readJson(file);
  const keys: JWK[] = [];
  if (doc !== undefined) {
    if (!isObject(doc) || !Array.isArray(doc['keys']) || !doc['keys'].every(isObject))
      throw corrupt(file, 'it must hold {"keys": [private JWKs]}');
    keys.push(...(doc['keys'] as JWK[]));
    const mine = keys.find((k) => k.alg === alg);
    if (mine !== undefined) {
      try {
        return await importSigningKey(mine, alg);
      } catch (error) {
        throw corrupt(
          file,
          `its ${alg} key is not a usable private key (${(error as Error).message})`,
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
      `--state-dir ${dir} cannot be used: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
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
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
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
