/** The screens' explanations as plain lines: the same words, for a log or a screen reader. */
import { copiesLine, reviewChanges, reviewSummary } from '../wizard/review.js';
import { deploysSentence, domainSentence, natConsequence, scalingSentence, subnetPreview, zonesNote } from '../wizard/sentences.js';
import { ownProblem } from '../wizard/validation.js';
import { question } from '../wizard/questions.js';
import type { WizardState } from '../wizard/reducer.js';
import { stepCostLines } from '../wizard/cost.js';

const sentence = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}.`;

/** What a step's answers mean, printed once the step is answered. */
export function explainStep(state: WizardState, print: (line: string) => void): void {
  const a = state.answers;
  if (state.step === 'zones') print(zonesNote(a['env.region'], a['env.availabilityZones'].length));
  if (state.step === 'network') {
    print(sentence(natConsequence(a['env.network.natGateways'], a['env.availabilityZones'].length)));
    const preview = subnetPreview(a['env.network.vpcCidr'], a['env.availabilityZones']);
    if (preview) {
      print(`Subnets (${preview.usablePerSubnet.toLocaleString('en-US')} usable addresses each):`);
      for (const row of preview.rows) print(`  ${row.zone}: public ${row.public}, private ${row.private}`);
    }
  }
  if (state.step === 'scaling') {
    const n = (id: keyof typeof a) => Number(a[id]);
    const text = scalingSentence({
      minCount: n('env.service.minCount'),
      maxCount: n('env.service.maxCount'),
      scaleUpCpuThreshold: n('env.service.scaleUpCpuThreshold'),
      scaleDownCpuThreshold: n('env.service.scaleDownCpuThreshold'),
      evaluationPeriods: n('env.service.evaluationPeriods'),
      periodSeconds: n('env.service.periodSeconds'),
    });
    if (text) print(text);
  }
  if (state.step === 'domain') {
    const name = a['env.domain.name'];
    print(domainSentence({ name, valid: ownProblem(question('env.domain.name'), name) === undefined, existingCertificate: a['wizard.certificate'] === 'existing' }));
  }
  if (state.step === 'deploys') {
    const { context } = state;
    const saved = context.mode === 'modify' && context.environment ? context.existing?.environments[context.environment]?.deployment.strategy : undefined;
    const text = deploysSentence({
      strategy: a['env.deployment.strategy'],
      traffic: a['env.deployment.traffic'],
      keepOldMinutes: a['env.deployment.keepOldMinutes'],
      testCidrs: a['env.deployment.testCidrs'],
      domain: a['env.domain.name'].trim() !== '',
      ...(saved !== undefined ? { saved } : {}),
    });
    if (text) print(text);
  }
  for (const line of stepCostLines(state.step, state.answers, state.context)) print(line);
}

/** The review as lines: every answer, then old → new for each change when a file is being changed. */
export function reviewLines(state: WizardState): string[] {
  const { answers, context, initial } = state;
  const modifying = context.mode !== 'new';
  const lines = [
    ...reviewSummary(answers, context, modifying ? initial : undefined).map((line) => `${line.changed ? '~' : ' '} ${line.title.padEnd(10)} ${line.text}`),
    ...stepCostLines('review', answers, context),
  ];
  if (!modifying) return lines;
  const copies = copiesLine(context);
  if (copies) lines.push(`! Copies     ${copies}`);
  const environment = context.mode === 'modify' ? context.environment : answers['wizard.environment'];
  const changes = reviewChanges(initial, answers, context);
  if (changes.length === 0) return [...lines, `No changes to ${environment}: the project is generated again as it is.`];
  return [
    ...lines,
    `${changes.length} change${changes.length === 1 ? '' : 's'} to ${environment}:`,
    ...changes.map((change) => `~ ${change.label}: ${change.before} → ${change.after}`),
  ];
}
