// The floor under `oauth-tutor flow --auto --json`: the bare flow (flow-run.mjs) and nothing else.
import { flow } from './flow-run.mjs';

void flow();
