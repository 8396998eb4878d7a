/**
 * An instructor's own accounts for the class (`provider --users users.yaml`,
 * or users.yaml in --state-dir), instead of the demo users:
 *
 *   users:
 *     - username: ada
 *       password: analytical-engine
 *       name: Ada Lovelace          # optional, defaults to the username
 *       email: ada@example.test     # optional, defaults to <username>@example.test
 *       email_verified: true        # optional, defaults to false: say true only for an address you checked
 *       sub: user-ada               # optional, defaults to user-<username>; keep it stable
 *
 * Read and validated as data: a file of the wrong shape is named in the error, never half-used.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { errnoCode, TutorError } from '../errors.js';
import { isObject } from '../json.js';
import { firstLine } from './error-text.js';
import type { User } from './model.js';
import { isSubjectIdentifier } from '../protocol/subject.js';

const USERNAME = /^[A-Za-z0-9._@-]{1,64}$/;
/** RFC 5322 atext, the characters of a dot-atom's atoms. */
const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
/** An addr-spec of two dot-atoms (RFC 5322 §3.4.1), the form OIDC Core §5.1 asks the email claim to have. */
const ADDR_SPEC = new RegExp(`^${ATOM}(?:\\.${ATOM})*@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*$`);
/** A dot-atom local part: a username that can stand before "@example.test". */
const LOCAL_PART = new RegExp(`^${ATOM}(?:\\.${ATOM})*$`);

/** The users in a parsed file, or a description of the first thing wrong with it. */
export function parseUsers(
  doc: unknown,
): { ok: true; users: User[] } | { ok: false; problem: string } {
  if (!isObject(doc) || !Array.isArray(doc['users']))
    return { ok: false, problem: 'it must hold a "users:" list' };
  const list: unknown[] = doc['users'];
  if (list.length === 0) return { ok: false, problem: 'the "users:" list is empty' };
  const users: User[] = [];
  for (const [i, entry] of list.entries()) {
    const at = `users[${i}]`;
    if (!isObject(entry))
      return { ok: false, problem: `${at} must be a mapping with username and password` };
    const { username, password, name, email, sub } = entry;
    const verified = entry['email_verified'];
    if (typeof username !== 'string' || !USERNAME.test(username))
      return { ok: false, problem: `${at}.username must be 1–64 letters, digits or . _ @ -` };
    if (typeof password !== 'string' || password === '' || password.length > 256)
      return {
        ok: false,
        problem: `${at}.password must be a non-empty string (quote it if it looks like a number)`,
      };
    const optional = (field: string, value: unknown): string | undefined | { problem: string } =>
      value === undefined || (typeof value === 'string' && value !== '' && value.length <= 256)
        ? value
        : { problem: `${at}.${field} must be a non-empty string` };
    const n = optional('name', name);
    const e = optional('email', email);
    const s = optional('sub', sub);
    for (const v of [n, e, s]) if (typeof v === 'object') return { ok: false, problem: v.problem };
    if (typeof e === 'string' && (e.length > 254 || !ADDR_SPEC.test(e)))
      return {
        ok: false,
        problem: `${at}.email must be a plain address like ada@example.test (the dot-atom form of an RFC 5322 addr-spec, OIDC Core §5.1; quoted names and [address literals] are not taken)`,
      };
    if (typeof s === 'string' && !isSubjectIdentifier(s))
      return {
        ok: false,
        problem: `${at}.sub must be at most 255 printable ASCII characters (OIDC Core §2)`,
      };
    if (verified !== undefined && typeof verified !== 'boolean')
      return { ok: false, problem: `${at}.email_verified must be true or false` };
    if (verified !== undefined && typeof e !== 'string')
      return {
        ok: false,
        problem: `${at}.email_verified is for an email you give: add the email, or drop email_verified`,
      };
    // With no address given, one is made up from the username when it can be: never verified.
    const address =
      typeof e === 'string'
        ? e
        : ADDR_SPEC.test(username)
          ? username
          : LOCAL_PART.test(username)
            ? `${username}@example.test`
            : undefined;
    const user: User = {
      username,
      password,
      name: typeof n === 'string' ? n : username,
      ...(address === undefined ? {} : { email: address }),
      emailVerified: typeof e === 'string' && verified === true,
      sub: typeof s === 'string' ? s : `user-${username}`,
    };
    if (users.some((u) => u.username === user.username))
      return { ok: false, problem: `${at}: username "${username}" appears twice` };
    if (users.some((u) => u.sub === user.sub))
      return { ok: false, problem: `${at}: sub "${user.sub}" appears twice` };
    users.push(user);
  }
  return { ok: true, users };
}

export async function loadUsersFile(path: string): Promise<User[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new TutorError(
      'ERR_INPUT',
      `Cannot read the users file ${path}: ${errnoCode(error) ?? 'unreadable'}.`,
      { hint: 'Check the path given to --users (README: "Class accounts").', cause: error },
    );
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    throw new TutorError(
      'ERR_INPUT',
      `The users file ${path} is not valid YAML: ${firstLine(error)}`,
      { hint: 'Fix the file (README: "Class accounts" shows the format).', cause: error },
    );
  }
  const parsed = parseUsers(doc);
  if (!parsed.ok)
    throw new TutorError('ERR_INPUT', `The users file ${path} is not usable: ${parsed.problem}.`, {
      hint: 'Fix the file (README: "Class accounts" shows the format).',
    });
  return parsed.users;
}
