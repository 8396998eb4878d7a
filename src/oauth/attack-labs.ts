/** The attack labs of `flow --attack`: what is broken, which check stops it, and what would happen without it. */

export const ATTACKS = ['state', 'replay', 'verifier', 'redirect', 'no-pkce', 'scope'] as const;
export type AttackName = (typeof ATTACKS)[number];

export interface AttackInfo {
  title: string;
  /** Who does the check. */
  checkedBy: 'client' | 'provider' | 'API';
  check: string;
  rfc: string;
  withoutCheck: string;
}

export const ATTACK_INFO: Record<AttackName, AttackInfo> = {
  state: {
    title: 'Forged callback (login CSRF)',
    checkedBy: 'client',
    check: 'the state in the callback must equal the one the client sent',
    rfc: 'RFC 6749 §10.12, RFC 9700 §4.7',
    withoutCheck: 'the client would exchange the attacker\'s code and sign the victim in to the attacker\'s account; whatever the victim then saves lands in the attacker\'s account.',
  },
  replay: {
    title: 'Authorization code replayed',
    checkedBy: 'provider',
    check: 'codes are single-use; a replay is refused and every token issued from that code is revoked',
    rfc: 'RFC 6749 §4.1.2, §10.5',
    withoutCheck: 'anyone who copied the code from a log, history or Referer header would get their own set of tokens for the user.',
  },
  verifier: {
    title: 'Stolen code without the PKCE verifier',
    checkedBy: 'provider',
    check: 'the token request must carry the code_verifier whose SHA-256 is the code_challenge sent in step 3',
    rfc: 'RFC 7636 §4.6, RFC 9700 §2.1.1',
    withoutCheck: 'a malicious app that intercepted the redirect (same custom scheme, a leaky log) could redeem the code itself.',
  },
  redirect: {
    title: 'Tampered redirect_uri',
    checkedBy: 'provider',
    check: 'redirect_uri must exactly match a registered one; otherwise an error page, never a redirect',
    rfc: 'RFC 6749 §4.1.2.1, RFC 9700 §4.1',
    withoutCheck: 'the provider would send the user\'s code straight to the attacker\'s site.',
  },
  'no-pkce': {
    title: 'Public client without PKCE',
    checkedBy: 'provider',
    check: 'a public client (no secret) must send a PKCE code_challenge',
    rfc: 'RFC 9700 §2.1.1, RFC 7636',
    withoutCheck: 'nothing would bind the code to the app that asked for it: anyone holding the code could redeem it, since there is no client secret either.',
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
  /** What the rejection looked like (an error code, a status). */
  evidence: string;
}
