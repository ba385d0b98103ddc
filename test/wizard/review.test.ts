import { describe, expect, it } from 'vitest';
import { initialAnswers } from '../../src/wizard/answers.js';
import { reviewChanges, reviewSummary } from '../../src/wizard/review.js';
import { natConsequence, scalingSentence, subnetPreview } from '../../src/wizard/sentences.js';
import { NEW, addContext, modifyContext } from '../helpers/wizard.js';

describe('review', () => {
  it('summarises every answer of a new project in eight lines', () => {
    const lines = reviewSummary(initialAnswers(NEW), NEW);
    expect(lines.map((line) => `${line.title}: ${line.text}`)).toEqual([
      'Project: shop · production · starter preset',
      'Region: Europe (Ireland) eu-west-1 · eu-west-1a, eu-west-1b',
      'Network: 10.0.0.0/16 · one shared NAT gateway',
      'Database: PostgreSQL 16 · db.t4g.micro (2 vCPU, 1 GiB) · 20-50 GiB · single-AZ · 1-day backups · unprotected',
      'Container: 0.25 vCPU, 0.5 GB · port 3000 · /health · migrate: npm run migrate',
      'Scaling: 1-2 tasks · up above 85% · down below 40% · 2 × 60 s',
      "Domain: none: plain HTTP on the load balancer's name",
      'Pipeline: acme/shop @ main · new connection · rolling deploys',
    ]);
    expect(lines.some((line) => line.changed)).toBe(false);
  });

  it('lists old → new for each changed answer when modifying', () => {
    const context = modifyContext();
    const initial = initialAnswers(context);
    const answers = { ...initial, 'env.database.instanceClass': 'db.t4g.small', 'env.availabilityZones': ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] };
    expect(reviewChanges(initial, answers, context)).toEqual([
      { id: 'env.availabilityZones', step: 'zones', label: 'Zones › Zones', before: 'eu-west-1a, eu-west-1b', after: 'eu-west-1a, eu-west-1b, eu-west-1c' },
      {
        id: 'env.database.instanceClass',
        step: 'database',
        label: 'Database › Instance class',
        before: 'db.t4g.micro (2 vCPU, 1 GiB)',
        after: 'db.t4g.small (2 vCPU, 2 GiB)',
      },
    ]);
    const changed = reviewSummary(answers, context, initial).filter((line) => line.changed).map((line) => line.step);
    expect(changed).toEqual(['region', 'database']);
  });

  it('compares only the shared app settings when adding an environment', () => {
    const context = addContext();
    const initial = initialAnswers(context);
    const answers = { ...initial, 'env.database.multiAz': true, 'app.containerPort': '8080' };
    expect(reviewChanges(initial, answers, context).map((change) => change.id)).toEqual(['app.containerPort']);
  });
});

describe('sentences', () => {
  it('explains the NAT choice with its cost and its failure mode', () => {
    expect(natConsequence('single', 2)).toBe("one shared NAT: cheaper, one gateway's hours, but a zone outage cuts outbound traffic for all zones");
    expect(natConsequence('perAz', 3)).toBe(
      "one NAT per zone: a gateway's hours in each zone (3 gateways), and a zone outage only cuts outbound traffic for that zone",
    );
  });

  it('says what the scaling numbers mean', () => {
    const numbers = { minCount: 1, maxCount: 4, scaleUpCpuThreshold: 85, scaleDownCpuThreshold: 60, evaluationPeriods: 2, periodSeconds: 60 };
    expect(scalingSentence(numbers)).toBe(
      'Add a task when average CPU stays above 85% for 2 minutes (2 × 60 s), and one more each minute it stays there; remove one when it stays below 60% as long, and one more every 5 minutes until the minimum. Always between 1 and 4 tasks. Scale-in stays at most 42% (85 × 1/2): a task added at 85% spreads the load to about 43% per task, so it is not removed again at once.',
    );
    expect(scalingSentence({ ...numbers, evaluationPeriods: 3, periodSeconds: 10 })).toContain('for 30 seconds (3 × 10 s)');
    expect(scalingSentence({ ...numbers, scaleUpCpuThreshold: Number.NaN })).toBeUndefined();
  });

  it('previews the subnets the plan creates, one pair per zone', () => {
    expect(subnetPreview('10.0.0.0/16', ['eu-west-1a', 'eu-west-1b'])).toEqual({
      rows: [
        { zone: 'eu-west-1a', public: '10.0.0.0/20', private: '10.0.128.0/20' },
        { zone: 'eu-west-1b', public: '10.0.16.0/20', private: '10.0.144.0/20' },
      ],
      usablePerSubnet: 4091,
    });
    expect(subnetPreview('10.0.0.1/16', ['eu-west-1a'])).toBeUndefined();
  });
});
