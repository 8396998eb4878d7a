/** The attack labs of `flow --attack`: what is broken, which check stops it, and what would happen without it. */

import type { AttackName } from './names.js';
export { ATTACKS, type AttackName } from './names.js';

export interface AttackInfo {
  title: string;
  /** Who does the check. */
  checkedBy: 'client' | 'provider' | 'API';
  check: string;
  rfc: string;
  withoutCheck: string;
  /** What else defends against the same attack, and when each one is enough: one line each. */
  defences?: string[];
}

export const ATTACK_INFO: Record<AttackName, AttackInfo> = {
  // RFC 9700 §4.7.1: "The same protection is provided by PKCE or the OpenID Connect nonce value", and "Clients MUST
  // ensure that the authorization server supports PKCE before using PKCE for CSRF protection". §2.1: clients that
  // "have ensured that the authorization server supports Proof Key for Code Exchange (PKCE) [RFC7636] MAY rely on
  // the CSRF protection provided by PKCE. In OpenID Connect flows, the nonce parameter provides CSRF protection.
  // Otherwise, one-time use CSRF tokens carried in the state parameter that are securely bound to the user agent
  // MUST be used for CSRF protection".
  state: {
    title: "Forged callback (CSRF: signing the victim in to the attacker's account)",
    checkedBy: 'client',
    check: "the state in the callback must equal the one-time value this browser's request carried",
    rfc: 'RFC 6749 §10.12, RFC 9700 §2.1, §4.7.1',
    withoutCheck:
      "this client would still be safe: it also uses PKCE and a nonce, and each of them alone stops this attack (RFC 9700 §4.7.1: \"the same protection is provided by PKCE or the OpenID Connect nonce value\"). A client with none of the three exchanges the attacker's code and binds the victim's session to the attacker's account, as shown above.",
    defences: [
      'state binds the callback to the request this browser started; the client checks it before it uses anything in the response (RFC 6749 §10.12, RFC 9700 §4.7.1)',
      "PKCE binds the code to the code_verifier kept in this browser's session; the provider checks it at the token endpoint, so it holds even against an attacker who can read the authorization response (RFC 7636 §4.6, RFC 9700 §4.7.1)",
      'the nonce binds the ID token to this login request; the client checks it in the ID token after the exchange (OpenID Connect Core §3.1.3.7)',
      'a client may rely on PKCE alone once it has ensured that the provider supports and enforces PKCE (RFC 9700 §2.1, §4.7.1)',
      'a client without PKCE (and without an OpenID Connect nonce) MUST use a one-time state bound to the browser (RFC 9700 §2.1): for such clients, state is the only defence',
    ],
  },
  replay: {
    title: 'Authorization code replayed',
    checkedBy: 'provider',
    check:
      'codes are single-use; a replay is refused and every token issued from that code is revoked',
    rfc: 'RFC 6749 §4.1.2, §10.5',
    withoutCheck:
      "for this confidential client with PKCE, a code copied from a log, history or a Referer header is already useless on its own: redeeming it needs the client's credentials (RFC 6749 §4.1.3) and the code_verifier (RFC 7636 §4.6). Single use is what notices a replay — a code leaked together with what redeems it, or a public client's code — and lets the provider revoke what it issued from that code (RFC 6749 §4.1.2, §10.5).",
  },
  verifier: {
    title: 'Stolen code without the PKCE verifier',
    checkedBy: 'provider',
    check:
      'the token request must carry the code_verifier whose SHA-256 hash, base64url-encoded, is the code_challenge sent in step 3',
    rfc: 'RFC 7636 §4.6, RFC 9700 §2.1.1',
    withoutCheck:
      "whoever stole the code could redeem it. A public client has no secret to stop them, and a malicious app registered for the same custom scheme can intercept the redirect, or read it from leaked OS HTTP logs (RFC 7636 §1). This lab's thief holds this confidential client's credentials too, so only the verifier is missing.",
  },
  redirect: {
    title: 'Tampered redirect_uri',
    checkedBy: 'provider',
    check:
      'redirect_uri must exactly match a registered one; otherwise an error page, never a redirect',
    rfc: 'RFC 6749 §4.1.2.1, RFC 9700 §4.1',
    withoutCheck: "the provider would send the user's code straight to the attacker's site.",
  },
  'no-pkce': {
    title: 'Public client without PKCE',
    checkedBy: 'provider',
    check: 'a public client (no secret) must send a PKCE code_challenge',
    rfc: 'RFC 9700 §2.1.1, RFC 7636',
    withoutCheck:
      'nothing would bind the code to the app that asked for it: anyone holding the code could redeem it, since there is no client secret either.',
  },
  // RFC 9700 §2.1: "When an OAuth client can interact with more than one authorization server, a defense against
  // mix-up attacks (see Section 4.4) is REQUIRED. To this end, clients SHOULD" either "use the iss parameter as a
  // countermeasure according to [RFC9207]" or "use an alternative countermeasure based on an iss value in the
  // authorization response (such as the iss claim in the ID Token […])". RFC 9207 §2.4: "If the value does not match the expected issuer
  // identifier, clients MUST reject the authorization response and MUST NOT proceed with the authorization grant."
  'mix-up': {
    title: "Mix-up: a code from the honest provider sent to the attacker's token endpoint",
    checkedBy: 'client',
    check:
      'the iss in the authorization response must be the issuer of the provider the user chose, the one the client will send the code to',
    rfc: 'RFC 9700 §2.1, §4.4, RFC 9207 §2.4',
    withoutCheck:
      "a client that ignores iss sends the honest provider's code, with its PKCE code_verifier, to the token endpoint of the provider the user picked — the attacker's — and the attacker redeems them at the honest provider for the user's tokens, as shown above.",
    defences: [
      'iss in the authorization response names the provider that issued the code; the client compares it with the provider it sent the user to (RFC 9207 §2.4, RFC 9700 §4.4.2.1)',
      'alternatively, a distinct redirect URI per provider tells the client which provider an answer belongs to (RFC 9700 §4.4.2.2)',
      'PKCE does not stop mix-up: the client itself hands the attacker the code_verifier along with the code',
    ],
  },
  // RFC 9449 §4.3 lists the checks of a proof; §6.1 binds the token to the key's thumbprint (cnf.jkt); §11.1 the
  // replay of a proof. A Bearer token, by contrast, works for whoever holds it (RFC 6750 §1.2).
  'dpop-replay': {
    title: 'A stolen DPoP-bound access token, replayed without the key',
    checkedBy: 'API',
    check:
      'a DPoP-bound token (cnf.jkt) is accepted only with a fresh proof signed by its key, for this method and URI (htm, htu), this token (ath), used once (jti)',
    rfc: 'RFC 9449 §4.3, §6.1, §7.1, §11.1',
    withoutCheck:
      'a stolen Bearer token works for whoever holds it until it expires: the comparison above replayed one and read the notes (RFC 6750 §1.2).',
    defences: [
      "cnf.jkt binds the access token to the thumbprint of the client's public key (RFC 9449 §6.1): without the private key, no proof matches it",
      'ath binds a proof to one access token, htm and htu to one request (RFC 9449 §4.3)',
      'a proof is refused the second time its jti is seen (RFC 9449 §11.1): a captured request cannot be replayed',
    ],
  },
  scope: {
    title: 'API call beyond the granted scope',
    checkedBy: 'API',
    check: 'the API requires the notes.read scope in the access token',
    rfc: 'RFC 6750 §3.1, RFC 6749 §3.3',
    withoutCheck: 'an app granted "see your name" could read, or change, everything the user has.',
  },
};

export interface AttackOutcome {
  name: AttackName;
  title: string;
  blocked: boolean;
  checkedBy: AttackInfo['checkedBy'];
  check: string;
  rfc: string;
  withoutCheck: string;
  defences?: string[];
  /** What the rejection looked like (an error code, a status). */
  evidence: string;
}
