/**
 * Plays the user on the provider's device verification page over plain HTTP:
 * opens verification_uri_complete, reads the form's hidden fields (CSRF token
 * included), signs in and decides. Used by `flow --grant device --auto`; a
 * real user does this on their phone.
 */
import { send } from './http-request.js';
import type { Exchange } from './exchange.js';
import { hiddenField } from './html-form.js';

export interface DeviceUserOptions {
  username: string;
  password: string;
  approve?: boolean;
}

/** What went over the wire, shortened for the record (the pages are HTML for the user; the form's secrets are not recorded). */
export async function playVerification(
  completeUri: string,
  o: DeviceUserOptions,
): Promise<Exchange[]> {
  const first = await send('GET', completeUri, { accept: 'text/html' });
  const rid = hiddenField(first.body, 'rid');
  const csrf = hiddenField(first.body, 'csrf');
  const userCode = hiddenField(first.body, 'user_code');
  const shown: Exchange = {
    request: { method: 'GET', url: completeUri, headers: { accept: 'text/html' } },
    response: {
      status: first.status,
      headers: { 'content-type': 'text/html' },
      body: `(the verification page: ${userCode === undefined ? 'no waiting device for this code' : `code ${userCode}, the app's name and scopes, a warning to continue only for a device in front of you, sign-in, Approve / Deny`})`,
    },
    note: "the user's phone opens verification_uri_complete (the QR code)",
  };
  if (rid === undefined || csrf === undefined || userCode === undefined) return [shown];
  const url = new URL('/device', completeUri).href;
  const form = new URLSearchParams({
    rid,
    csrf,
    user_code: userCode,
    username: o.username,
    password: o.password,
    action: o.approve === false ? 'deny' : 'approve',
  });
  const decided = await send(
    'POST',
    url,
    { 'content-type': 'application/x-www-form-urlencoded' },
    form.toString(),
  );
  const title = /<h1>(.*?)<\/h1>/.exec(decided.body)?.[1] ?? '';
  return [
    shown,
    {
      request: {
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `rid=…&csrf=…&user_code=${userCode}&username=…&password=…&action=${o.approve === false ? 'deny' : 'approve'}`,
      },
      response: {
        status: decided.status,
        headers: { 'content-type': 'text/html' },
        body: `(a page: "${title}")`,
      },
      note: `the user signs in and ${o.approve === false ? 'denies' : 'approves'} on the phone (the device never sees this)`,
    },
  ];
}
