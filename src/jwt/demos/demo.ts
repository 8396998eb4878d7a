/** What a live demo returns: steps to show, and the outcome a check reached. Rendering is the CLI's job. */

export type StepKind = 'text' | 'code' | 'token' | 'ok' | 'fail' | 'warn';

export interface DemoStep {
  kind: StepKind;
  label: string;
  value?: string;
}

export interface DemoResult {
  id: string;
  title: string;
  steps: DemoStep[];
  /** For attack demos: whether the proper verifier accepted the token, and why not. */
  outcome?: { accepted: boolean; code?: string; reason?: string };
}

export const step = (kind: StepKind, label: string, value?: string): DemoStep =>
  value === undefined ? { kind, label } : { kind, label, value };

export const json = (v: unknown): string => JSON.stringify(v);

interface VerifyLike {
  valid: boolean;
  code?: string;
  reason?: string;
}

/** The step that shows what a verifier decided: ✓ when it rejected the token, ✗ when it was fooled. */
export const verdictStep = (label: string, r: VerifyLike): DemoStep =>
  step(r.valid ? 'fail' : 'ok', label, r.valid ? 'accepted (!)' : `rejected: ${r.reason}`);

/** The demo's outcome from the proper verifier's result. */
export const outcomeOf = (r: VerifyLike): NonNullable<DemoResult['outcome']> =>
  r.valid
    ? { accepted: true }
    : {
        accepted: false,
        ...(r.code === undefined ? {} : { code: r.code }),
        ...(r.reason === undefined ? {} : { reason: r.reason }),
      };
