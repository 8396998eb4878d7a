/** The client side's PKCE and random values: the shared protocol helpers (src/protocol/), re-exported for the flow. */
export { createVerifier, s256, VERIFIER } from '../protocol/pkce.js';
export { randomToken } from '../protocol/random.js';
