import { describe, expect, it } from 'vitest';
import { hasDetailedExitCode, redactArgs, subcommandOf, withAutomationFlags } from '../../src/terraform/args.js';

describe('withAutomationFlags', () => {
  it.each([
    [['init'], ['init', '-json', '-input=false', '-no-color']],
    [['plan', '-out=tfplan'], ['plan', '-json', '-input=false', '-no-color', '-out=tfplan']],
    // Flags must precede the plan file: Go's flag parser stops at the first positional argument.
    [['apply', 'tfplan'], ['apply', '-json', '-input=false', '-no-color', 'tfplan']],
    [['destroy', '-auto-approve'], ['destroy', '-json', '-input=false', '-no-color', '-auto-approve']],
    [['refresh'], ['refresh', '-json', '-input=false', '-no-color']],
    // validate, output, show and version take -json only (-input is an error there).
    [['validate'], ['validate', '-json']],
    [['output'], ['output', '-json']],
    [['show', 'tfplan'], ['show', '-json', 'tfplan']],
    [['version'], ['version', '-json']],
    [['import', 'aws_ecr_repository.app', 'app'], ['import', '-input=false', '-no-color', 'aws_ecr_repository.app', 'app']],
    // Anything else passes through untouched.
    [['force-unlock', '-force', 'abc'], ['force-unlock', '-force', 'abc']],
    [['state', 'list'], ['state', 'list']],
    [[], []],
  ])('%j → %j', (args, expected) => {
    expect(withAutomationFlags(args)).toEqual(expected);
  });

  it('keeps global flags before the subcommand', () => {
    expect(withAutomationFlags(['-chdir=stacks/prod', 'plan'])).toEqual([
      '-chdir=stacks/prod',
      'plan',
      '-json',
      '-input=false',
      '-no-color',
    ]);
  });

  it('does not repeat or override a flag the caller gave', () => {
    expect(withAutomationFlags(['plan', '-json', '-input=true'])).toEqual(['plan', '-no-color', '-json', '-input=true']);
  });

  it('leaves -json off init for binaries that lack it', () => {
    expect(withAutomationFlags(['init'], { flavor: 'terraform', version: '1.8.5' })).toEqual(['init', '-input=false', '-no-color']);
    expect(withAutomationFlags(['init'], { flavor: 'terraform', version: '1.11.4' })).toContain('-json');
    expect(withAutomationFlags(['init'], { flavor: 'tofu', version: '1.7.0' })).toContain('-json');
  });

  it('passes user arguments after `--` untouched and in order', () => {
    const user = ['-refresh=false', '-target=aws_ecs_service.app', '-var', 'image_tag=v2'];
    expect(withAutomationFlags(['plan', '-out=tfplan', ...user])).toEqual([
      'plan',
      '-json',
      '-input=false',
      '-no-color',
      '-out=tfplan',
      ...user,
    ]);
  });
});

describe('argument helpers', () => {
  it('subcommandOf skips global flags', () => {
    expect(subcommandOf(['-chdir=x', 'apply', 'tfplan'])).toBe('apply');
    expect(subcommandOf(['-help'])).toBeUndefined();
  });

  it('hasDetailedExitCode', () => {
    expect(hasDetailedExitCode(['plan', '-detailed-exitcode'])).toBe(true);
    expect(hasDetailedExitCode(['plan', '--detailed-exitcode'])).toBe(true);
    expect(hasDetailedExitCode(['plan'])).toBe(false);
  });

  it('redactArgs hides -var and -backend-config values, in both spellings', () => {
    expect(
      redactArgs([
        'plan',
        '-var=db_password=hunter2',
        '-var',
        'api_key=abc',
        '-backend-config=access_key=AKIA',
        '-backend-config=backend.hcl',
        '-out=tfplan',
      ]),
    ).toEqual([
      'plan',
      '-var=db_password=(redacted)',
      '-var',
      'api_key=(redacted)',
      '-backend-config=access_key=(redacted)',
      '-backend-config=backend.hcl',
      '-out=tfplan',
    ]);
  });
});
