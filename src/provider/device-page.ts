/**
 * The device flow's verification page (RFC 8628 §3.3): first the user code,
 * then, once it names a waiting device, which app asks for what, a sign-in,
 * and Approve / Deny. Plain HTML, no scripts, a CSRF token in every form.
 */
import { escapeHtml } from './http.js';
import { SCOPES, type Client, type User } from './model.js';

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.4rem}.box{border:1px solid #ccc;border-radius:8px;padding:1rem 1.25rem;margin:1rem 0}
.note{background:#fff8e1;border-color:#f0c36d}.err{background:#fdecea;border-color:#e57373}.code{font:700 1.6rem ui-monospace,monospace;letter-spacing:.15em}
label{display:block;margin:.5rem 0 .2rem}input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:.4rem;font:inherit}
button{font:inherit;padding:.5rem 1.2rem;margin:.8rem .5rem 0 0;border-radius:6px;border:1px solid #888;cursor:pointer}
button[value=approve]{background:#1565c0;color:#fff;border-color:#1565c0}button[value=deny]{background:#455a64;color:#fff;border-color:#455a64}code{background:#f3f3f3;padding:0 .25rem}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

// RFC 8628 §5.4 (Remote Phishing): "it is RECOMMENDED to inform the user that they are authorizing a device during
// the user-interaction step (see Section 3.3) and to confirm that the device is in their possession."
const WARNING =
  'You are connecting a <strong>device</strong> to your account. Continue only if you started this yourself, on a device in front of you, and the code matches the one on its screen. If someone sent you this code, stop: they would get access to your account.';

export interface VerificationPageOptions {
  rid: string;
  csrf: string;
  /** The device's user code, once it names a waiting device: the page then asks to sign in and approve. */
  device?: { userCode: string; client: Client; scope: string };
  users: User[];
  error?: string;
  typed?: string;
  username?: string;
}

export function verificationPage(o: VerificationPageOptions): string {
  const hidden = `<input type="hidden" name="rid" value="${escapeHtml(o.rid)}"><input type="hidden" name="csrf" value="${escapeHtml(o.csrf)}">`;
  const error = o.error ? `<div class="box err" role="alert">${escapeHtml(o.error)}</div>` : '';
  if (o.device === undefined) {
    return page(
      'Connect a device — oauth-tutor MockProvider',
      `<h1>Connect a device</h1>
<p>Type the code your device shows.</p>${error}
<form method="post" action="/device">${hidden}
<label for="user_code">Code</label><input id="user_code" name="user_code" type="text" autocomplete="off" autocapitalize="characters" value="${escapeHtml(o.typed ?? '')}">
<button type="submit" name="step" value="code">Continue</button>
</form>
<div class="box note">${WARNING}</div>`,
    );
  }
  const scopes = o.device.scope
    .split(' ')
    .filter(Boolean)
    .map((s) => `<li><code>${escapeHtml(s)}</code> — ${escapeHtml(SCOPES[s] ?? s)}</li>`)
    .join('');
  const users = o.users
    .map(
      (u) =>
        `<li><code>${escapeHtml(u.username)}</code> / <code>${escapeHtml(u.password)}</code></li>`,
    )
    .join('');
  return page(
    'Connect a device — oauth-tutor MockProvider',
    `<h1>Connect a device</h1>
<div class="box note">${WARNING}</div>
<p>Code: <span class="code" id="user-code">${escapeHtml(o.device.userCode)}</span></p>
<div class="box" id="client"><strong>${escapeHtml(o.device.client.client_name)}</strong> <span>(client <code>${escapeHtml(o.device.client.client_id)}</code>)</span> wants to:<ul id="scopes">${scopes}</ul></div>${error}
<form method="post" action="/device">${hidden}<input type="hidden" name="user_code" value="${escapeHtml(o.device.userCode)}">
<label for="username">Username</label><input id="username" name="username" type="text" autocomplete="username" value="${escapeHtml(o.username ?? '')}">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password">
<button type="submit" name="action" value="approve">Approve</button><button type="submit" name="action" value="deny">Deny</button>
</form>
${users === '' ? '' : `<div class="box note">This is a mock provider for learning. Demo users:<ul>${users}</ul></div>`}`,
  );
}

export function verificationDone(approved: boolean, client: Client): string {
  return page(
    'Device — oauth-tutor MockProvider',
    approved
      ? `<h1>Device connected</h1><div class="box">You approved <strong>${escapeHtml(client.client_name)}</strong>. Go back to your device: it will continue on its own.</div>`
      : `<h1>Request denied</h1><div class="box">You denied <strong>${escapeHtml(client.client_name)}</strong>. The device gets nothing.</div>`,
  );
}
