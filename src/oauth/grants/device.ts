/** The device authorization grant (RFC 8628): placeholder until the provider side exists. */
import type { StepModule } from '../engine/runner.js';

export const DEVICE_TITLES: string[] = [];
export const DEVICE_STEPS: readonly StepModule[] = [];
