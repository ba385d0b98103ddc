import { afterEach, describe, expect, it } from 'vitest';
import { prose } from '../helpers/ink.js';
import { renderScreen, type ScreenTest } from '../helpers/screens.js';

let screen: ScreenTest | undefined;
afterEach(() => screen?.unmount());

describe('NetworkScreen', () => {
  it('shows the subnets of the default range and the NAT consequence', async () => {
    screen = await renderScreen('network');
    const frame = screen.lastFrame();
    expect(frame).toMatch(/› VPC CIDR\s+10\.0\.0\.0\/16/);
    expect(frame).toContain('Subnets (/20, 4,091 usable addresses each)');
    expect(frame).toMatch(/eu-west-1a\s+public 10\.0\.0\.0\/20\s+private 10\.0\.128\.0\/20/);
    expect(frame).toMatch(/eu-west-1b\s+public 10\.0\.16\.0\/20\s+private 10\.0\.144\.0\/20/);
    expect(frame).toContain("One shared NAT: cheaper, one gateway's hours, but a zone outage cuts outbound\ntraffic for all zones.");
  });

  it('says what the NAT choice costs a month and the stack’s total, and follows the choice', async () => {
    screen = await renderScreen('network');
    expect(screen.lastFrame()).toMatch(/One shared NAT: \+\$46\.95\/month · stack \$[\d.]+-\$[\d.]+\/month \+ 3 unknown/);
    await screen.press('tab');
    await screen.press('down');
    expect(screen.lastFrame()).toMatch(/NAT per zone: \+\$85\.64\/month · stack/);
  });

  it('recomputes the subnets as the CIDR is typed', async () => {
    screen = await renderScreen('network');
    await screen.press('ctrlU');
    await screen.type('172.16.0.0/20');
    const frame = screen.lastFrame();
    expect(frame).toContain('Subnets (/24, 251 usable addresses each)');
    expect(frame).toMatch(/eu-west-1a\s+public 172\.16\.0\.0\/24\s+private 172\.16\.8\.0\/24/);
  });

  it('shows the schema’s message instead of the subnets while the CIDR is wrong', async () => {
    screen = await renderScreen('network');
    await screen.press('ctrlU');
    await screen.type('10.0.0.1/16');
    expect(prose(screen.lastFrame())).toContain('✗ 10.0.0.1/16 is not a network address (the network is 10.0.0.0/16); e.g.');
    expect(screen.lastFrame()).toContain('The subnets appear here once the VPC CIDR is valid.');
    await screen.press('ctrlU');
    await screen.type('10.0.0.0/28');
    expect(prose(screen.lastFrame())).toContain('✗ a VPC is /16 to /24; e.g. "10.0.0.0/16"');
    await screen.press('enter');
    expect(screen.state().step).toBe('network');
  });

  it('explains a NAT gateway per zone in words when it is chosen', async () => {
    screen = await renderScreen('network');
    await screen.press('tab');
    expect(screen.lastFrame()).toMatch(/› NAT gateways\s+› One shared/);
    await screen.press('down');
    expect(screen.state().answers['env.network.natGateways']).toBe('perAz');
    expect(screen.lastFrame()).toContain("One NAT per zone: a gateway's hours in each zone (2 gateways), and a zone outage");
  });
});
