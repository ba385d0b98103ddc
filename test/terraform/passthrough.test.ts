import { describe, expect, it } from 'vitest';
import { refusedTerraformArgs, refusedTerraformEnvironment, splitShellWords } from '../../src/terraform/passthrough.js';

describe('refusedTerraformArgs: what may follow --', () => {
  it.each([
    [['-refresh=false']],
    [['-target=aws_ecs_service.service', '-target', 'aws_lb.alb']],
    [['-var', 'image_tag=v2', '-var=x=y', '-var-file=prod.tfvars']],
    [['-replace=aws_ecs_service.service', '--replace', 'aws_lb.alb']],
    [['-refresh-only', '-parallelism=2', '-lock-timeout=30s', '-compact-warnings']],
    [[]],
  ])('%j passes: its effect shows in the plan', (args) => {
    expect(refusedTerraformArgs(args)).toEqual([]);
  });

  it.each([
    ['-out=other.tfplan', 'ecs-wizard writes the plan to its own file'],
    ['--out=other.tfplan', 'ecs-wizard writes the plan to its own file'],
    ['-state=other.tfstate', 'chooses another state'],
    ['-state-out=x', 'chooses another state'],
    ['-backup=x', 'chooses another state'],
    ['-chdir=..', 'runs Terraform in the environment’s stack folder itself'],
    ['-backend-config=bucket=x', 'backend settings belong to terraform init'],
    ['-backend=false', 'backend settings'],
    ['-lock=false', 'always holds the state lock'],
    ['-destroy', 'run "ecs-wizard destroy"'],
    ['-auto-approve', 'approving is ecs-wizard’s job'],
    ['-json=false', 'ecs-wizard sets it itself'],
    ['-detailed-exitcode=false', 'ecs-wizard sets it itself'],
    ['-input=true', 'ecs-wizard sets it itself'],
    ['-generate-config-out=x.tf', 'writes configuration files'],
  ])('%s is refused, named, with the reason', (arg, reason) => {
    const [problem] = refusedTerraformArgs(['-refresh=false', arg]);
    expect(problem).toContain(`"${arg}" is refused: `);
    expect(problem).toContain(reason);
  });

  it('a positional argument (a plan file, a folder) is refused', () => {
    expect(refusedTerraformArgs(['old.tfplan'])).toEqual([
      '"old.tfplan" is not a flag: terraform plan gets no file or folder from ecs-wizard’s command line (the plan file is ecs-wizard’s to choose, so that the plan applied is the one reviewed).',
    ]);
    // A boolean flag takes no separate value: "false" would be a positional for Terraform.
    expect(refusedTerraformArgs(['-refresh', 'false'])[0]).toContain('"false" is not a flag');
  });

  it('an unknown flag is refused, listing what passes', () => {
    expect(refusedTerraformArgs(['-frobnicate'])).toEqual([
      '"-frobnicate" is not a flag ecs-wizard passes to terraform plan; it passes -var, -var-file, -target, -replace, -parallelism, -lock-timeout, -refresh, -refresh-only, -compact-warnings.',
    ]);
  });

  it('a value flag at the end needs its value', () => {
    expect(refusedTerraformArgs(['-target'])).toEqual(['"-target" needs a value, e.g. -target=aws_ecs_service.service.']);
  });

  it('every refused argument is reported, not just the first', () => {
    expect(refusedTerraformArgs(['-out=a', '-state=b', '-target=ok'])).toHaveLength(2);
  });

  it('for apply (TF_CLI_ARGS_apply) only flags that change nothing of the plan pass', () => {
    expect(refusedTerraformArgs(['-parallelism=4', '-lock-timeout=1m'], 'apply')).toEqual([]);
    expect(refusedTerraformArgs(['-target=x'], 'apply')[0]).toContain('"-target=x" is not a flag ecs-wizard passes to terraform apply');
    expect(refusedTerraformArgs(['-state-out=x'], 'apply')[0]).toContain('is refused');
  });
});

describe('refusedTerraformEnvironment', () => {
  it('nothing set, or harmless flags: nothing refused', () => {
    expect(refusedTerraformEnvironment({})).toEqual([]);
    expect(refusedTerraformEnvironment({ TF_CLI_ARGS_plan: '-parallelism=2 -refresh=false', TF_CLI_ARGS_apply: '-parallelism=2', TF_CLI_ARGS: '  ' })).toEqual([]);
  });

  it('names the variable, its value and the argument', () => {
    expect(refusedTerraformEnvironment({ TF_CLI_ARGS_plan: "-var 'a=b c' -out=x" })).toEqual([
      `TF_CLI_ARGS_plan is set ("-var 'a=b c' -out=x"): "-out=x" is refused: ecs-wizard writes the plan to its own file and applies exactly that file; another -out would leave an older, unreviewed plan to be applied. Unset it, or give the allowed flags after --.`,
    ]);
    expect(refusedTerraformEnvironment({ TF_CLI_ARGS_apply: '-state-out=x' })[0]).toMatch(/^TF_CLI_ARGS_apply is set \("-state-out=x"\): "-state-out=x" is refused: .* Unset it\.$/);
    expect(refusedTerraformEnvironment({ TF_CLI_ARGS: '-no-color' })[0]).toContain('TF_CLI_ARGS is set ("-no-color"): it adds arguments to every Terraform command');
  });
});

describe('splitShellWords', () => {
  it('splits like a shell: quotes group, backslashes escape', () => {
    expect(splitShellWords(`-var 'a=b c' -var="x=\\"y\\"" plain\\ word ''`)).toEqual(['-var', 'a=b c', '-var=x="y"', 'plain word', '']);
  });
});
