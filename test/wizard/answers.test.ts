import { describe, expect, it } from 'vitest';
import { parseConfig, presetConfig } from '../../src/config/index.js';
import { buildConfig, initialAnswers } from '../../src/wizard/answers.js';
import { joinWords, splitWords } from '../../src/wizard/words.js';
import type { Answers } from '../../src/wizard/types.js';
import { DEFAULTS, NEW, addContext, existingConfig, modifyContext } from '../helpers/wizard.js';

describe('answers → config', () => {
  it('builds exactly the starter preset from the default answers', () => {
    const config = buildConfig(initialAnswers(NEW), NEW);
    const preset = presetConfig('starter', { appName: 'shop', environment: 'production', region: 'eu-west-1', github: DEFAULTS.github });
    expect(config).toEqual(preset);
    expect(parseConfig(config).ok).toBe(true);
  });

  it('types numbers, splits the migrate command and leaves out an unused connection ARN', () => {
    const answers: Answers = {
      ...initialAnswers(NEW),
      'app.containerPort': ' 8080 ',
      'app.memory': '1024',
      'app.migrateCommand': `sh -c "npm run migrate && npm run seed"`,
      'env.pipeline.connectionArn': 'arn:aws:codestar-connections:eu-west-1:123456789012:connection/abc',
      'wizard.connection': 'new',
    };
    const config = buildConfig(answers, NEW);
    expect(config.app.containerPort).toBe(8080);
    expect(config.app.memory).toBe(1024);
    expect(config.app.migrateCommand).toEqual(['sh', '-c', 'npm run migrate && npm run seed']);
    expect(config.environments.production!.pipeline.connectionArn).toBeUndefined();
    expect(buildConfig({ ...answers, 'wizard.connection': 'existing' }, NEW).environments.production!.pipeline.connectionArn).toMatch(/^arn:/);
  });

  it('turns an empty number into NaN so the schema reports it instead of defaulting', () => {
    const config = buildConfig({ ...initialAnswers(NEW), 'app.containerPort': '' }, NEW);
    expect(config.app.containerPort).toBeNaN();
  });

  it('keeps the starting task count inside the new min..max', () => {
    const answers = { ...initialAnswers(NEW), 'env.service.minCount': '3', 'env.service.maxCount': '6' };
    expect(buildConfig(answers, NEW).environments.production!.service!.desiredCount).toBe(3);
  });

  it('keeps what the wizard does not ask when modifying a file', () => {
    const context = modifyContext();
    const existing = context.existing!;
    const withTags = { ...existing, environments: { production: { ...existing.environments.production!, tags: { team: 'web' } } } };
    const answers = { ...initialAnswers({ ...context, existing: withTags }), 'env.database.instanceClass': 'db.t4g.small' };
    const config = buildConfig(answers, { ...context, existing: withTags });
    expect(config.environments.production!.tags).toEqual({ team: 'web' });
    expect(config.environments.production!.database!.instanceClass).toBe('db.t4g.small');
  });

  it('adds a new environment beside the existing ones, from the preset', () => {
    const context = addContext();
    const config = buildConfig(initialAnswers(context), context);
    expect(Object.keys(config.environments)).toEqual(['production', 'staging']);
    expect(config.environments.production).toEqual(existingConfig().environments.production);
    // Its own branch and VPC range: a push to main must not deploy staging too.
    expect(config.environments.staging!.pipeline).toEqual({ owner: 'acme', repo: 'shop', branch: 'staging' });
    expect(config.environments.staging!.network!.vpcCidr).toBe('10.1.0.0/16');
  });
});

describe('migrate command words', () => {
  it.each([
    ['npm run migrate', ['npm', 'run', 'migrate']],
    ['  node   dist/migrate.js ', ['node', 'dist/migrate.js']],
    [`sh -c 'echo "hi there"'`, ['sh', '-c', 'echo "hi there"']],
    ['echo ""', ['echo', '']],
  ])('%s', (line, words) => {
    expect(splitWords(line)).toEqual(words);
    expect(splitWords(joinWords(words))).toEqual(words);
  });
});
