// `npm run bench`: every benchmark, each printing ratios against a baseline
// or target measured in the same run. Never part of `npm test`.
import { benchStartup } from './startup.mjs';
import { benchGrader } from './grader.mjs';
import { benchProvider } from './provider.mjs';
import { benchFlow } from './flow.mjs';
import { benchProgress } from './progress.mjs';
import { benchMemory } from './memory.mjs';
import { benchAbuse } from './abuse.mjs';

const only = process.argv[2];
console.log(`node ${process.version} on ${process.platform}/${process.arch}\n`);
if (!only || only === 'startup') await benchStartup();
if (!only || only === 'grader') await benchGrader();
if (!only || only === 'flow') benchFlow();
if (!only || only === 'provider') await benchProvider();
if (!only || only === 'progress') await benchProgress();
if (!only || only === 'memory') await benchMemory();
if (!only || only === 'abuse') await benchAbuse();
