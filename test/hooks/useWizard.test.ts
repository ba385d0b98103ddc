import { describe, expect, it } from 'vitest';
import { blockingFields, currentQuestions, shownIssues } from '../../src/hooks/useWizard.js';
import { validateAnswers } from '../../src/wizard/validation.js';
import { DEFAULTS, addContext, modifyContext, run, start } from '../helpers/wizard.js';

const next = { type: 'next' } as const;
const back = { type: 'back' } as const;

describe('wizard reducer: navigation', () => {
  it('walks the steps in order with next and returns with back', () => {
    const visited: string[] = [];
    let state = start();
    for (let index = 0; index < 10; index++) {
      visited.push(state.step);
      state = run(state, next);
    }
    visited.push(state.step);
    expect(visited).toEqual(['project', 'region', 'zones', 'network', 'database', 'container', 'scaling', 'domain', 'pipeline', 'deploys', 'review']);
    expect(run(state, back).step).toBe('deploys');
    expect(run(start(), back).step).toBe('project');
  });

  it('finishes only from review', () => {
    const atReview = run(start(), next, next, next, next, next, next, next, next, next, next);
    expect(atReview.status).toBe('editing');
    const done = run(atReview, next);
    expect(done.status).toBe('done');
    // A finished wizard ignores further events instead of moving on.
    expect(run(done, back)).toBe(done);
  });

  it('keeps every answer when going back and forth', () => {
    let state = run(start(), { type: 'set', field: 'app.name', value: 'blog' }, next, next, next);
    state = run(state, { type: 'set', field: 'env.network.vpcCidr', value: '10.1.0.0/16' }, back, back, back);
    expect(state.step).toBe('project');
    expect(state.answers['app.name']).toBe('blog');
    state = run(state, next, next, next);
    expect(state.answers['env.network.vpcCidr']).toBe('10.1.0.0/16');
  });

  it('moves focus within the step, wrapping only when asked', () => {
    const state = start();
    expect(currentQuestions(state).map((entry) => entry.id)).toEqual(['app.name', 'wizard.preset', 'wizard.environment']);
    expect(run(state, { type: 'focusPrevious' }).focus).toBe(0);
    expect(run(state, { type: 'focusPrevious', wrap: true }).focus).toBe(2);
    expect(run(state, { type: 'focusNext' }, { type: 'focusNext' }, { type: 'focusNext' }).focus).toBe(2);
    expect(run(state, { type: 'focus', index: 1 }).focus).toBe(1);
    expect(run(state, { type: 'toggleHelp' }).help).toBe(true);
    // Entering another step closes the help and starts at its first field.
    expect(run(state, { type: 'toggleHelp' }, { type: 'focus', index: 2 }, next)).toMatchObject({ help: false, focus: 0 });
  });
});

describe('wizard reducer: validation blocks next', () => {
  it('refuses next with the schema message and focuses the field', () => {
    const state = run(start(), { type: 'focus', index: 2 }, { type: 'set', field: 'app.name', value: 'Shop' }, next);
    expect(state.step).toBe('project');
    expect(state.focus).toBe(0);
    const shown = shownIssues(state, validateAnswers(state.answers, state.context));
    expect(shown['app.name']).toMatch(/^the app name uses lower-case letters, digits and dashes/);
  });

  it('shows untouched problems only after a refused next', () => {
    const noRemote = start({ mode: 'new', defaults: { ...DEFAULTS, github: undefined } });
    const atPipeline = run(noRemote, next, next, next, next, next, next, next, next);
    expect(atPipeline.step).toBe('pipeline');
    const issues = validateAnswers(atPipeline.answers, atPipeline.context);
    expect(issues.fields['env.pipeline.owner']).toBe('the GitHub owner is a user or organisation name, e.g. "acme"');
    expect(shownIssues(atPipeline, issues)).toEqual({});
    const refused = run(atPipeline, next);
    expect(refused.step).toBe('pipeline');
    expect(Object.keys(shownIssues(refused, issues))).toEqual(['env.pipeline.owner', 'env.pipeline.repo']);
  });

  it('blocks on cross-field rules of the schema, on the field that carries them', () => {
    const atScaling = run(start(), next, next, next, next, next, next);
    const state = run(atScaling, { type: 'set', field: 'env.service.scaleUpCpuThreshold', value: '50' });
    expect(blockingFields(state, validateAnswers(state.answers, state.context))).toEqual(['env.service.scaleDownCpuThreshold']);
    expect(run(state, next).step).toBe('scaling');
    // 50% spreads to 25% per task after a scale-out from one: scale-in stays at or below it.
    expect(run(state, { type: 'set', field: 'env.service.scaleDownCpuThreshold', value: '30' }, next).step).toBe('scaling');
    expect(run(state, { type: 'set', field: 'env.service.scaleDownCpuThreshold', value: '25' }, next).step).toBe('domain');
  });

  it('does not let a later step’s problem block an earlier step', () => {
    const noRemote = start({ mode: 'new', defaults: { ...DEFAULTS, github: undefined } });
    expect(run(noRemote, next).step).toBe('region');
  });
});

describe('wizard reducer: dependent answers', () => {
  it('resets zones that do not belong to a new region to its first ones', () => {
    const state = run(start(), next, { type: 'set', field: 'env.region', value: 'us-east-1' });
    expect(state.answers['env.availabilityZones']).toEqual(['us-east-1a', 'us-east-1b']);
  });

  it('keeps the number of zones the preset chose when the region changes', () => {
    const production = run(start(), { type: 'set', field: 'wizard.preset', value: 'production' });
    expect(production.answers['env.availabilityZones']).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    const moved = run(production, { type: 'set', field: 'env.region', value: 'ap-northeast-1' });
    expect(moved.answers['env.availabilityZones']).toEqual(['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d']);
  });

  it('offers a valid memory when the CPU changes, and a valid version when the engine does', () => {
    let state = run(start(), { type: 'set', field: 'app.cpu', value: '1024' });
    expect(state.answers['app.memory']).toBe('2048');
    state = run(state, { type: 'set', field: 'env.database.engine', value: 'mysql' });
    expect(state.answers['env.database.engineVersion']).toBe('8.0');
  });

  it('fills a preset’s answers without overwriting what the user changed', () => {
    const state = run(
      start(),
      { type: 'set', field: 'env.database.instanceClass', value: 'db.r7g.large' },
      { type: 'set', field: 'wizard.preset', value: 'production' },
    );
    expect(state.answers['env.database.instanceClass']).toBe('db.r7g.large');
    expect(state.answers['env.database.multiAz']).toBe(true);
    expect(state.answers['env.network.natGateways']).toBe('perAz');
    expect(state.answers['app.cpu']).toBe('512');
    const back = run(state, { type: 'set', field: 'wizard.preset', value: 'starter' });
    expect(back.answers['env.database.multiAz']).toBe(false);
    expect(back.answers['env.database.instanceClass']).toBe('db.r7g.large');
  });

  it('clamps focus when a field disappears', () => {
    const atPipeline = run(start(), next, next, next, next, next, next, next, next);
    const existing = run(atPipeline, { type: 'set', field: 'wizard.connection', value: 'existing' }, { type: 'focus', index: 4 });
    expect(existing.focus).toBe(4);
    expect(run(existing, { type: 'set', field: 'wizard.connection', value: 'new' }).focus).toBe(3);
  });
});

describe('wizard reducer: keys', () => {
  const none = { upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageUp: false, pageDown: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false };
  const press = (input: string, key: Partial<typeof none> = {}) => ({ type: 'key' as const, input, key: { ...none, ...key } });

  it('applies a burst of keys in order, each against the state the last one left', () => {
    const backspace = press('', { backspace: true });
    const state = run(start(), backspace, backspace, backspace, backspace, press('blog'), press('', { return: true }));
    expect(state.answers['app.name']).toBe('blog');
    expect(state.step).toBe('region');
    expect(state.ui.cursors).toEqual({});
  });

  it('gives Tab, Esc and ? the same meaning on every step', () => {
    let state = run(start(), press('', { tab: true }));
    expect(state.focus).toBe(1);
    state = run(state, press('?'));
    expect(state.help).toBe(true);
    state = run(state, press('', { escape: true }));
    expect(state.help).toBe(false);
    state = run(state, press('', { tab: true, shift: true }), press('', { tab: true, shift: true }));
    expect(state.focus).toBe(2);
  });

  it('filters a searchable list, clears the filter with Esc, then goes back', () => {
    let state = run(start(), { type: 'next' }, press('fra'));
    expect(state.ui.queries['env.region']).toBe('fra');
    expect(state.answers['env.region']).toBe('eu-central-1');
    state = run(state, press('', { escape: true }));
    expect(state.ui.queries['env.region']).toBe('');
    expect(run(state, press('', { escape: true })).step).toBe('project');
  });

  it('leaves to the start menu from the first step only when a file exists', () => {
    expect(run(start(modifyContext()), press('', { escape: true })).status).toBe('left');
    expect(run(start(), press('', { escape: true })).status).toBe('editing');
  });
});

describe('wizard reducer: existing files', () => {
  it('prefills every answer of the environment being modified and locks its identity', () => {
    const state = start(modifyContext());
    expect(state.answers['app.name']).toBe('shop');
    expect(state.answers['env.database.instanceClass']).toBe('db.t4g.micro');
    expect(state.answers['app.migrateCommand']).toBe('npm run migrate');
    expect(currentQuestions(state).map((entry) => entry.id)).toEqual(['app.name', 'wizard.environment']);
    expect(run(state, { type: 'set', field: 'app.name', value: 'other' }).answers['app.name']).toBe('shop');
  });

  it('refuses an environment name that already exists when adding one', () => {
    const state = start(addContext());
    expect(state.answers['wizard.environment']).toBe('staging');
    const clash = run(state, { type: 'set', field: 'wizard.environment', value: 'production' });
    expect(validateAnswers(clash.answers, clash.context).fields['wizard.environment']).toMatch(/already exists/);
    expect(run(clash, next).step).toBe('project');
  });

  it('reports an invalid environment name with the schema’s rule, and still checks the rest', () => {
    const state = run(start(), { type: 'set', field: 'wizard.environment', value: 'Prod' }, { type: 'set', field: 'app.containerPort', value: '0' });
    const issues = validateAnswers(state.answers, state.context);
    expect(issues.fields['wizard.environment']).toMatch(/^an environment name uses lower-case letters/);
    expect(issues.fields['app.containerPort']).toBe('the container port must be at least 1');
  });
});
