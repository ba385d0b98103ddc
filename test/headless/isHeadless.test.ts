import { afterEach, describe, expect, it } from 'vitest';
import { isHeadless } from '../../src/cli.js';
import { agreeOnCi, isCi } from '../../src/commands.js';

const saved = { stdin: Object.getOwnPropertyDescriptor(process.stdin, 'isTTY'), stdout: Object.getOwnPropertyDescriptor(process.stdout, 'isTTY') };

function terminal(stdin: boolean, stdout: boolean): void {
  Object.defineProperty(process.stdin, 'isTTY', { value: stdin, configurable: true });
  Object.defineProperty(process.stdout, 'isTTY', { value: stdout, configurable: true });
}

afterEach(() => {
  for (const [name, descriptor] of Object.entries(saved)) {
    const stream = name === 'stdin' ? process.stdin : process.stdout;
    if (descriptor) Object.defineProperty(stream, 'isTTY', descriptor);
    else delete (stream as { isTTY?: boolean }).isTTY;
  }
});

describe('isHeadless: no prompt is ever shown without a person at a terminal', () => {
  it('a terminal on both ends, no --yes, no CI: interactive', () => {
    terminal(true, true);
    expect(isHeadless({ yes: false }, {})).toBe(false);
  });

  it('--yes, --json, a piped stdin or stdout, or CI: headless', () => {
    terminal(true, true);
    expect(isHeadless({ yes: true }, {})).toBe(true);
    // A JSON stream owns stdout: it never shares it with Ink, nor waits for a key.
    expect(isHeadless({ yes: false, json: true }, {})).toBe(true);
    expect(isHeadless({ yes: false }, { CI: 'true' })).toBe(true);
    expect(isHeadless({ yes: false }, { CI: '1' })).toBe(true);
    terminal(false, true);
    expect(isHeadless({ yes: false }, {})).toBe(true);
    terminal(true, false);
    expect(isHeadless({ yes: false }, {})).toBe(true);
  });

  it('CI set to false, 0 or empty does not count', () => {
    terminal(true, true);
    for (const CI of ['false', '0', '']) expect(isHeadless({ yes: false }, { CI })).toBe(false);
  });

  it('CONTINUOUS_INTEGRATION counts as CI, as it does for Ink (is-in-ci)', () => {
    terminal(true, true);
    expect(isHeadless({ yes: false }, { CONTINUOUS_INTEGRATION: 'true' })).toBe(true);
    expect(isHeadless({ yes: false }, { CI: '', CONTINUOUS_INTEGRATION: '1' })).toBe(true);
    expect(isHeadless({ yes: false }, { CONTINUOUS_INTEGRATION: 'false' })).toBe(false);
  });
});

describe('agreeOnCi: Ink reads CI as we do', () => {
  it('outside CI, the empty variables that Ink would count as CI are removed', () => {
    const env: NodeJS.ProcessEnv = { CI: '', CONTINUOUS_INTEGRATION: '', PATH: '/bin' };
    agreeOnCi(env);
    expect(env).toEqual({ PATH: '/bin' });
    expect(isCi(env)).toBe(false);
  });

  it('"0" and "false", which Ink also reads as not CI, are left as they are', () => {
    const env: NodeJS.ProcessEnv = { CI: 'false', CONTINUOUS_INTEGRATION: '0' };
    agreeOnCi(env);
    expect(env).toEqual({ CI: 'false', CONTINUOUS_INTEGRATION: '0' });
  });

  it('under CI nothing changes: Ink and we both see CI', () => {
    const env: NodeJS.ProcessEnv = { CI: '', CONTINUOUS_INTEGRATION: 'true' };
    agreeOnCi(env);
    expect(env).toEqual({ CI: '', CONTINUOUS_INTEGRATION: 'true' });
    expect(isCi(env)).toBe(true);
  });
});
