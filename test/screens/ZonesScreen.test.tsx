import { afterEach, describe, expect, it } from 'vitest';
import { prose } from '../helpers/ink.js';
import { renderScreen, type ScreenTest } from '../helpers/screens.js';

let screen: ScreenTest | undefined;
afterEach(() => screen?.unmount());

describe('ZonesScreen', () => {
  it('shows the region’s zones with the chosen ones checked', async () => {
    screen = await renderScreen('zones');
    const frame = screen.lastFrame();
    expect(frame).toContain('› [x] eu-west-1a');
    expect(frame).toContain('  [x] eu-west-1b');
    expect(frame).toContain('  [ ] eu-west-1c');
    expect(frame).toContain('2 of 3 selected');
    expect(frame).toContain('↑↓ move  Space toggle');
  });

  it('refuses fewer than two zones with the schema’s reason, and accepts a new pair', async () => {
    screen = await renderScreen('zones');
    await screen.press('down', 'space');
    expect(prose(screen.lastFrame())).toContain('✗ choose at least 2 availability zones: the load balancer and a multi-AZ database');
    await screen.press('enter');
    expect(screen.state().step).toBe('zones');
    await screen.press('down', 'space');
    expect(prose(screen.lastFrame())).not.toContain('✗');
    expect(screen.state().answers['env.availabilityZones']).toEqual(['eu-west-1a', 'eu-west-1c']);
    await screen.press('enter');
    expect(screen.state().step).toBe('network');
  });

  it('says where accounts see other zones than the defaults, and how to check yours', async () => {
    screen = await renderScreen('zones', {
      prepare: (state) => ({ ...state, answers: { ...state.answers, 'env.region': 'us-west-1', 'env.availabilityZones': ['us-west-1b', 'us-west-1c'] } }),
    });
    const text = prose(screen.lastFrame());
    expect(text).toContain(
      'Zone names map per account: in us-west-1 accounts see two of us-west-1a/b/c, and which two depends on the account (newer ones: b and c, the defaults; older ones may have a instead). Check yours: aws ec2 describe-availability-zones --region us-west-1',
    );
    expect(text).not.toContain('every account has');
  });
});
