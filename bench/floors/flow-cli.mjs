// The floor under `oauth-tutor flow --auto --json` with its command line: commander parses the
// flow command's options (the flags src/cli/program.ts declares for it, with the same choices;
// without our help text, value parsers and top-level options), then the bare flow (flow-run.mjs)
// runs. The difference from flow.mjs is what commander costs this command; whatever `flow` does
// beyond this is ours. (The choices come from the build, which `npm run bench` makes first.)
import { Command, Option } from 'commander';
import { ATTACKS, GRANTS } from '../../dist/oauth/names.js';
import { PROVIDER_ALGS } from '../../dist/provider/algs.js';
import { flow } from './flow-run.mjs';

const program = new Command('oauth-tutor').description('Learn OAuth 2.0 and JWT.');
program
  .command('flow')
  .description('Play the authorization-code flow live against a mock provider.')
  .addOption(new Option('--grant <grant>').choices(GRANTS).default('code'))
  .option('--auto')
  .option('--no-browser')
  .option('--step')
  .option('--user <name>')
  .option('--scope <scopes>')
  .addOption(new Option('--alg <alg>').choices(PROVIDER_ALGS))
  .option('--json')
  .option('--transcript <file>')
  .option('--show-secrets')
  .option('--curl')
  .option('--extras')
  .addOption(new Option('--attack <lab>').choices(ATTACKS))
  .option('-y, --yes')
  .option('--timeout <seconds>', '', Number, 300)
  .option('--issuer <url>')
  .option('--client-id <id>')
  .option('--client-secret <secret>')
  .option('--redirect-port <port>', '', Number)
  .option('--redirect-path <path>')
  .option('--redirect-uri <uri>')
  .option('--authorize-url <url>')
  .option('--token-url <url>')
  .option('--api-url <url>')
  .action(() => flow());
void program.parseAsync(['node', 'oauth-tutor', 'flow', '--auto', '--json']);
