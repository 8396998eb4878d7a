// `npm run bench`: every benchmark, each printing ratios against a baseline
// or target measured in the same run. Never part of `npm test`.
import { benchStartup } from './startup.mjs';
import { benchGrader } from './grader.mjs';

console.log(`node ${process.version} on ${process.platform}/${process.arch}\n`);
benchStartup();
await benchGrader();
