import { describe, expect, it } from 'vitest';
import { parseConfig, presetConfig } from '../../src/config/index.js';
import { askQuestions } from '../../src/line/askQuestions.js';
import { QUESTIONS } from '../../src/wizard/questions.js';
import { DEFAULTS, existingConfig } from '../helpers/wizard.js';
import { fakePrompts, type Answer } from './fakePrompts.js';

function ask(script: Record<string, Answer[]> = {}, options: { existing?: ReturnType<typeof existingConfig>; github?: boolean; cancelAt?: string } = {}) {
  const prompts = fakePrompts(script, options.cancelAt ? { cancelAt: options.cancelAt } : {});
  const lines: string[] = [];
  const defaults = options.github === false ? { ...DEFAULTS, github: undefined } : DEFAULTS;
  const outcome = askQuestions({
    dir: '/tmp/shop',
    defaults,
    prompts,
    print: (line) => lines.push(line),
    ...(options.existing ? { existing: options.existing } : {}),
  });
  return { outcome, prompts, lines };
}

describe('plain mode', () => {
  it('asks the same questions as the screens, in order, and generates the preset on Enter', async () => {
    const { outcome, prompts, lines } = ask();
    const result = await outcome;
    expect(result).toEqual({
      kind: 'done',
      config: presetConfig('starter', { appName: 'shop', environment: 'production', region: 'eu-west-1', github: DEFAULTS.github }),
      environment: 'production',
      action: 'generate',
    });
    // Shown only for an existing connection, a domain, an existing certificate, blue/green deploys.
    const hidden = new Set([
      'env.pipeline.connectionArn',
      'env.domain.hostedZoneId',
      'wizard.certificate',
      'env.domain.certificateArn',
      'env.deployment.traffic',
      'env.deployment.keepOldMinutes',
      'env.deployment.testCidrs',
    ]);
    expect(prompts.asked).toEqual(
      QUESTIONS.filter((entry) => !hidden.has(entry.id)).map((entry) =>
        entry.searchable ? `${entry.label} (type to filter)` : entry.unit ? `${entry.label} (${entry.unit})` : entry.label,
      ),
    );
    // The screens' explanations, as lines.
    expect(lines).toContain("One shared NAT: cheaper, one gateway's hours, but a zone outage cuts outbound traffic for all zones.");
    expect(lines).toContain('  eu-west-1a: public 10.0.0.0/20, private 10.0.128.0/20');
    expect(lines).toContain(
      'Add a task when average CPU stays above 85% for 2 minutes (2 × 60 s), and one more each minute it stays there; remove one when it stays below 40% as long, and one more every 5 minutes until the minimum. Always between 1 and 2 tasks. Scale-in stays at most 42% (85 × 1/2): a task added at 85% spreads the load to about 43% per task, so it is not removed again at once.',
    );
    expect(lines).toContain('  Pipeline   acme/shop @ main · new connection · rolling deploys');
    // What each step's choices cost, and the total on review, as the screens say it.
    expect(lines).toContain('One shared NAT: +$46.95/month · stack $83.28-$92.29/month + 3 unknown');
    expect(lines.some((line) => /^db\.t4g\.micro single-AZ: \+\$3\.34\/month and unknown · stack /.test(line))).toBe(true);
    expect(lines).toContain('$83.28-$92.29/month + 3 unknown, minimum to maximum tasks');
    expect(lines).toContain(
      "No domain: the app is served over plain HTTP on the load balancer's own name (…elb.amazonaws.com). You can add one later; nothing is replaced then.",
    );
  });

  it('refuses an answer with the schema’s message and shows help for ?', async () => {
    const { outcome, prompts } = ask({ 'App name': ['Shop', '?', 'shop-2'], Region: [], 'Region (type to filter)': ['?', 'frankfurt'] });
    const result = await outcome;
    expect(prompts.refused['App name']).toEqual([
      'the app name uses lower-case letters, digits and dashes, starts with a letter and ends with a letter or digit, e.g. "shop"',
    ]);
    // Every kind of question has its help behind ?, never taken as an answer.
    expect(prompts.helped['App name']).toEqual([expect.stringMatching(/^Every AWS resource is named after it/)]);
    expect(prompts.helped['Region (type to filter)']).toEqual([expect.any(String)]);
    if (result.kind !== 'done') throw new Error('not done');
    expect(result.config.app.name).toBe('shop-2');
    expect(result.config.environments.production!.region).toBe('eu-central-1');
    expect(result.config.environments.production!.availabilityZones).toEqual(['eu-central-1a', 'eu-central-1b']);
  });

  it('requires owner and repository when there is no GitHub remote', async () => {
    const { outcome, prompts } = ask({ 'GitHub owner': ['', 'acme'], Repository: ['shop.git/', 'shop'] }, { github: false });
    const result = await outcome;
    expect(prompts.refused['GitHub owner']).toEqual(['the GitHub owner is a user or organisation name, e.g. "acme"']);
    expect(prompts.refused.Repository).toEqual(['the GitHub repository is a name like "shop" (no owner, no .git)']);
    if (result.kind !== 'done') throw new Error('not done');
    expect(result.config.environments.production!.pipeline).toEqual({ owner: 'acme', repo: 'shop', branch: 'main' });
  });

  it('checks rules across answers when the step is complete, and resumes where the schema blames', async () => {
    const { outcome, prompts, lines } = ask({
      'Minimum tasks': ['3', '3'],
      'Maximum tasks': ['2', '6'],
    });
    const result = await outcome;
    expect(lines.find((line) => line.startsWith('✗'))).toMatch(/^✗ Minimum tasks: minCount 3 is above maxCount 2/);
    expect(prompts.asked.filter((message) => message === 'Maximum tasks')).toHaveLength(2);
    if (result.kind !== 'done') throw new Error('not done');
    expect(result.config.environments.production!.service).toMatchObject({ minCount: 3, maxCount: 6, desiredCount: 3 });
  });

  it('asks for the ARN when an existing connection is chosen', async () => {
    const arn = 'arn:aws:codestar-connections:eu-west-1:123456789012:connection/0a1b2c3d-aaaa';
    const { outcome, prompts } = ask({ Connection: ['existing'], 'Connection ARN': ['', arn] });
    const result = await outcome;
    expect(prompts.refused['Connection ARN']).toEqual([expect.stringMatching(/^an existing connection is an ARN like/)]);
    if (result.kind !== 'done') throw new Error('not done');
    expect(result.config.environments.production!.pipeline.connectionArn).toBe(arn);
  });

  it('modifies an environment from the file, prints the diff, and plans', async () => {
    const { outcome, lines, prompts } = ask(
      {
        'ecs-wizard.json is here. What would you like to do?': ['modify:production'],
        'Instance class': ['db.t4g.small'],
        'Multi-AZ': [true],
        Action: ['plan'],
      },
      { existing: existingConfig() },
    );
    const result = await outcome;
    expect(prompts.asked).not.toContain('Preset');
    expect(lines).toContain('App name: shop (fixed: shared by every environment and part of every resource name: renaming replaces everything, so edit ecs-wizard.json if you really mean it)');
    expect(lines).toContain('2 changes to production:');
    expect(lines).toContain('~ Database › Instance class: db.t4g.micro (2 vCPU, 1 GiB) → db.t4g.small (2 vCPU, 2 GiB)');
    expect(lines).toContain('~ Database › Multi-AZ: no → yes');
    expect(result).toMatchObject({ kind: 'done', environment: 'production', action: 'plan' });
    if (result.kind !== 'done') throw new Error('not done');
    expect(parseConfig(result.config).ok).toBe(true);
    expect(result.config.environments.production!.database).toMatchObject({ instanceClass: 'db.t4g.small', multiAz: true });
  });

  it('goes back from the review to change an answer', async () => {
    const { outcome, prompts } = ask({
      Action: ['edit', 'generate'],
      'Go back to': ['container'],
      Port: ['3000', '8080'],
    });
    const result = await outcome;
    expect(prompts.asked.filter((message) => message === 'Port')).toHaveLength(2);
    if (result.kind !== 'done') throw new Error('not done');
    expect(result.config.app.containerPort).toBe(8080);
  });

  it('runs Terraform on a saved environment without asking anything else', async () => {
    const existing = existingConfig();
    const { outcome, prompts } = ask({ 'ecs-wizard.json is here. What would you like to do?': ['apply:production'] }, { existing });
    expect(await outcome).toEqual({ kind: 'done', config: existing, environment: 'production', action: 'apply' });
    expect(prompts.asked).toHaveLength(1);
  });

  it('returns cancelled on Ctrl-C', async () => {
    const { outcome } = ask({}, { cancelAt: 'Instance class' });
    expect(await outcome).toEqual({ kind: 'cancelled' });
  });
});
