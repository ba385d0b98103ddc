/**
 * Commands as data: one of several words (`backend bootstrap`) with options
 * of its own plugs in with one CommandSpec, and the parser refuses whatever a
 * command does not take, so no flag is ever ignored.
 */
import { describe, expect, it } from 'vitest';
import { commandHelp, helpText, isResourceAddress, parseCli, type CommandSpec } from '../src/args.js';
import { COMMANDS } from '../src/commands.js';
import { UsageError } from '../src/errors.js';

/** What the engineers adding commands will write: subcommands with options of their own. */
const PLUGGED: CommandSpec[] = [
  // The real `backend bootstrap` takes no options of its own; this one stands for a command that does.
  ...COMMANDS.filter((command) => command.name !== 'backend bootstrap'),
  {
    name: 'backend bootstrap',
    summary: 'Create the S3 bucket for shared state',
    uses: ['env', 'yes', 'terraform'],
    options: { bucket: { type: 'string', value: 'NAME', help: 'Bucket for the state' }, 'no-versioning': { type: 'boolean', help: 'Skip versioning' } },
  },
];

const usage = (argv: string[], commands: readonly CommandSpec[] = PLUGGED): string => {
  try {
    parseCli(argv, commands);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`parsed: ${argv.join(' ')}`);
};

describe('parseCli', () => {
  it('the built-in commands and shared options', () => {
    const options = parseCli(['plan', '--env', 'staging', '--set', 'app.cpu=512', '--set', 'app.memory=1024', '--json', '--', '-refresh=false'], COMMANDS);
    expect(options).toMatchObject({ command: 'plan', env: 'staging', sets: ['app.cpu=512', 'app.memory=1024'], json: true, terraformArgs: ['-refresh=false'], flags: {} });
    expect(parseCli([], COMMANDS).command).toBeUndefined();
    expect(parseCli(['--yes'], COMMANDS)).toMatchObject({ yes: true });
  });

  it('a command of two words, with options of its own in flags', () => {
    const options = parseCli(['backend', 'bootstrap', '--bucket', 'acme-state', '--no-versioning', '--env', 'production'], PLUGGED);
    expect(options).toMatchObject({ command: 'backend bootstrap', env: 'production', flags: { bucket: 'acme-state', 'no-versioning': true } });
    expect(parseCli(['bluegreen', 'switch', '--weight', '10'], PLUGGED)).toMatchObject({ command: 'bluegreen switch', flags: { weight: '10' } });
  });

  it('a group without its subcommand, or with an unknown one, names the subcommands', () => {
    expect(usage(['backend'])).toBe('"backend" needs a subcommand: bootstrap. Run "ecs-wizard backend --help".');
    expect(usage(['bluegreen', 'rewind'])).toBe('unknown bluegreen command "rewind"; bluegreen commands: start, switch, rollback, finish. Run "ecs-wizard bluegreen --help".');
    expect(usage(['deploy'])).toMatch(/^unknown command "deploy"; commands: synth, plan, apply, destroy, env, outputs, cost, diagram, doctor, bluegreen, backend\./);
  });

  it("one command's own option is refused by another", () => {
    expect(usage(['plan', '--bucket', 'x'])).toMatch(/^--bucket does not go with "plan", which takes /);
    expect(usage(['bluegreen', 'start', '--weight', '5'])).toMatch(/^--weight does not go with "bluegreen start"/);
    expect(usage(['env', 'remove', '--set', 'a=b'])).toMatch(/^--set does not go with "env remove"/);
  });

  it('two commands may not give one option two meanings', () => {
    const clash: CommandSpec[] = [...PLUGGED, { name: 'cost', summary: 'x', uses: [], options: { bucket: { type: 'boolean', help: 'x' } } }];
    expect(() => parseCli(['cost'], clash)).toThrow(/option --bucket of "cost" clashes/);
  });

  it('--help names a group, a command, or everything', () => {
    expect(parseCli(['backend', '--help'], PLUGGED)).toMatchObject({ command: 'backend', help: true });
    expect(commandHelp('backend', PLUGGED)).toBe(
      'Usage\n  npx ecs-wizard backend <command> [options]\n\nCommands\n  backend bootstrap   Create the S3 bucket for shared state\n\nRun "ecs-wizard backend <command> --help" for its options.\n',
    );
    const bootstrap = commandHelp('backend bootstrap', PLUGGED);
    expect(bootstrap).toContain('Options of backend bootstrap\n      --bucket NAME          Bucket for the state');
    expect(bootstrap).toContain('  -e, --env NAME');
    expect(bootstrap).not.toContain('--set');
    expect(helpText(PLUGGED)).toContain('  backend bootstrap   Create the S3 bucket for shared state');
    expect(helpText(COMMANDS)).toContain('Exit codes\n  0 success   1 Terraform or AWS failure   2 usage or configuration error');
  });

  it('--allow-replace takes resource addresses only', () => {
    for (const address of ['aws_db_instance.database', 'module.app.aws_s3_bucket.logs', 'aws_ecr_repository.repo[0]', 'module.x["a"].aws_secretsmanager_secret.s["k"]', 'data.aws_iam_policy_document.p']) {
      expect(isResourceAddress(address), address).toBe(true);
    }
    for (const address of ['database', 'aws_db_instance', 'aws_db_instance.db; rm -rf /', '../etc', 'aws_db_instance.db[', '']) {
      expect(isResourceAddress(address), address).toBe(false);
    }
    expect(usage(['apply', '--allow-replace', 'db'])).toBe('--allow-replace "db": not a resource address. Give the address the data guard names, e.g. --allow-replace aws_db_instance.database.');
  });
});
