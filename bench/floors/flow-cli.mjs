// The floor under `oauth-tutor flow --auto --json` with its command line: commander parses the
// flow command's own options (the same flags as src/cli/program.ts declares, without our help
// text or parsers), then the bare flow (flow-run.mjs) runs. The difference from flow.mjs is what
// commander costs this command; whatever `flow` does beyond this is ours.
import { Command, Option } from 'commander';
import { flow } from './flow-run.mjs';

const program = new Command('oauth-tutor').description('Learn OAuth 2.0 and JWT.');
program
  .command('flow')
  .description('Play the authorization-code flow live against a mock provider.')
  .addOption(
    new Option('--grant <grant>')
      .choices(['code', 'client-credentials', 'refresh', 'device'])
      .default('code'),
  )
  .option('--auto')
  .option('--no-browser')
  .option('--step')
  .option('--user <name>')
  .option('--scope <scopes>')
  .addOption(new Option('--alg <alg>').choices(['ES256', 'RS256', 'EdDSA']))
  .option('--json')
  .option('--transcript <file>')
  .option('--show-secrets')
  .option('--curl')
  .option('--extras')
  .addOption(new Option('--attack <lab>').choices(['state', 'pkce', 'redirect']))
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
