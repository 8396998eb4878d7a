/** The commands a learner can run, in order, as the README and the main --help promise them. */
export const COMMANDS = [
  'learn',
  'order',
  'quiz',
  'report',
  'check',
  'flow',
  'provider',
  'jwt',
  'progress',
  'lessons',
];
