// The floor under `oauth-tutor --help`: an ES module that imports commander and prints the help of
// a program with no commands. Whatever --help does beyond this (declaring the sixteen commands,
// the examples) is ours; this much is Node's ES module loader and commander.
import { Command } from 'commander';

new Command('oauth-tutor')
  .description('Learn OAuth 2.0 and JWT.')
  .parse(['node', 'oauth-tutor', '--help']);
