import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { buildConfig } from '../../src/wizard/answers.js';
import { heightOf, prose } from '../helpers/ink.js';
import { renderScreen, type ScreenTest } from '../helpers/screens.js';
import { DEFAULTS, existingConfig } from '../helpers/wizard.js';

let screen: ScreenTest | undefined;
afterEach(() => screen?.unmount());

describe('DomainScreen', () => {
  it('is skippable: an empty name keeps plain HTTP and asks nothing else', async () => {
    screen = await renderScreen('domain');
    const frame = screen.lastFrame();
    expect(frame).toContain('[Domain]');
    expect(frame).toMatch(/› Domain name\s+e\.g\. shop\.example\.com \(empty: plain HTTP\)/);
    expect(frame).not.toContain('Hosted zone ID');
    expect(prose(frame)).toContain("No domain: the app is served over plain HTTP on the load balancer's own name");
    await screen.press('enter');
    expect(screen.state().step).toBe('pipeline');
    expect(buildConfig(screen.state().answers, screen.state().context).environments.production!.domain).toBeUndefined();
  });

  it('refuses a bad name as it is typed, with the schema\'s words, and keeps the step', async () => {
    screen = await renderScreen('domain');
    await screen.type('Shop.Example');
    expect(prose(screen.lastFrame())).toContain('✗ the domain name is written in lower case, e.g. "shop.example"');
    await screen.press('enter');
    expect(screen.state().step).toBe('domain');
    await screen.press('backspace', 'backspace', 'backspace', 'backspace', 'backspace', 'backspace', 'backspace', 'backspace', 'backspace', 'backspace', 'backspace', 'backspace');
    await screen.type('shop..example.com');
    expect(prose(screen.lastFrame())).toContain('✗ the domain name has an empty label (two dots in a row)');
  });

  it('asks for the zone once a name is typed, checks its form as typed, and builds the domain', async () => {
    screen = await renderScreen('domain');
    await screen.type('shop.example.com');
    let frame = screen.lastFrame();
    expect(frame).toMatch(/Hosted zone ID\s+e\.g\. Z0123456789ABCDEFGHIJ/);
    expect(frame).toMatch(/Certificate\s+Create a new one/);
    expect(prose(frame)).toContain('https://shop.example.com: a new ACM certificate (free) is validated by a DNS record in the zone');
    await screen.press('enter');
    // The zone is empty: refused, with the field named.
    expect(screen.state().step).toBe('domain');
    expect(prose(screen.lastFrame())).toContain('✗ the hosted zone ID names the Route 53 zone of the name');
    // The refused Enter focused the zone.
    expect(screen.state().focus).toBe(1);
    await screen.type('/hostedzone/Z1');
    expect(prose(screen.lastFrame())).toContain('✗ leave out "/hostedzone/", e.g. "Z1"');
    for (let i = 0; i < 14; i++) await screen.press('backspace');
    await screen.type('Z0123456789ABCDEFGHIJ');
    frame = screen.lastFrame();
    expect(frame).not.toContain('✗');
    expect(heightOf(frame)).toBeLessThanOrEqual(23);
    await screen.press('enter');
    expect(screen.state().step).toBe('pipeline');
    const config = buildConfig(screen.state().answers, screen.state().context);
    expect(config.environments.production!.domain).toEqual({ name: 'shop.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ' });
    expect(parseConfig(config).ok).toBe(true);
  });

  it('takes an existing certificate\'s ARN and refuses one of another region', async () => {
    screen = await renderScreen('domain');
    await screen.type('shop.example.com');
    await screen.press('tab');
    await screen.type('Z0123456789ABCDEFGHIJ');
    await screen.press('tab', 'down');
    expect(screen.lastFrame()).toMatch(/Certificate ARN\s+e\.g\. arn:aws:acm:…/);
    await screen.press('tab');
    await screen.type('arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666');
    expect(prose(screen.lastFrame())).toContain('✗ the certificate is in us-east-1, the load balancer in eu-west-1');
  });

  it('removing the name of a saved domain removes the whole domain', async () => {
    const existing = existingConfig();
    existing.environments.production!.domain = { name: 'shop.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ' };
    screen = await renderScreen('domain', { context: { mode: 'modify', defaults: DEFAULTS, existing, environment: 'production' } });
    expect(screen.lastFrame()).toMatch(/Domain name\s+shop\.example\.com/);
    for (let i = 0; i < 'shop.example.com'.length; i++) await screen.press('backspace');
    await screen.press('enter');
    expect(screen.state().step).toBe('pipeline');
    expect(buildConfig(screen.state().answers, screen.state().context).environments.production!.domain).toBeUndefined();
  });

  it('keeps the domain fixed while a blue/green change of the infrastructure uses it', async () => {
    const existing = existingConfig();
    existing.environments.production!.domain = { name: 'shop.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ' };
    existing.environments.production!.copies = { live: 'blue', next: 'green', nextWeight: 10 };
    screen = await renderScreen('domain', { context: { mode: 'modify', defaults: DEFAULTS, existing, environment: 'production' } });
    expect(prose(screen.lastFrame())).toContain('fixed: a blue/green change is under way (blue live, green next)');
    await screen.press('backspace');
    expect(screen.state().answers['env.domain.name']).toBe('shop.example.com');
  });
});
