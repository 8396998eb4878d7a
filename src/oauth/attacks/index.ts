/** Every lab of `flow --attack`, by name: hooks on the authorization-code grant's steps. */
import type { AttackName } from '../attack-labs.js';
import type { AttackHook } from './hook.js';
import { noPkceLab } from './no-pkce.js';
import { redirectLab } from './redirect.js';
import { replayLab } from './replay.js';
import { scopeLab } from './scope.js';
import { stateLab } from './state.js';
import { verifierLab } from './verifier.js';
import { mixUpLab } from './mix-up.js';
import { dpopReplayLab } from './dpop-replay.js';

export const ATTACK_HOOKS: Record<AttackName, AttackHook> = {
  state: stateLab,
  replay: replayLab,
  verifier: verifierLab,
  redirect: redirectLab,
  'no-pkce': noPkceLab,
  scope: scopeLab,
  'mix-up': mixUpLab,
  'dpop-replay': dpopReplayLab,
};

export type { AttackHook } from './hook.js';
