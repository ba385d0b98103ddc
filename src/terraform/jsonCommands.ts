/**
 * Terraform commands that answer with one JSON document rather than a stream
 * of UI events: `show -json PLANFILE`, `output -json`, `validate -json`.
 */
import type { Diagnostic } from './events.js';
import { SENSITIVE } from './mask.js';
import { parseDiagnostic } from './parser.js';
import { runTerraformJson, type RunTerraformOptions, type TerraformRunResult } from './runner.js';

type CommonOptions = Omit<RunTerraformOptions, 'args' | 'onEvent'>;

/**
 * `terraform show -json PLANFILE`: the plan exactly as it will be applied.
 * Returns the parsed document for planReader's readPlan(). The document holds
 * sensitive values in clear text: it is never written to the log.
 */
export async function showPlanJson(options: CommonOptions & { readonly planFile: string }): Promise<unknown> {
  const { planFile, ...rest } = options;
  return (await runTerraformJson({ ...rest, args: ['show', planFile] })).json;
}

/**
 * `terraform state pull`: the state as the backend holds it. It holds secrets
 * in clear text: it is never written to the log.
 */
export async function readState(options: CommonOptions): Promise<unknown> {
  return (await runTerraformJson({ ...options, args: ['state', 'pull'] })).json;
}

export interface StackOutput {
  readonly name: string;
  readonly sensitive: boolean;
  /** Terraform's type description, e.g. `"string"` or `["list","string"]`. */
  readonly type: unknown;
  /** The value, or SENSITIVE when the output is sensitive and not revealed. */
  readonly value: unknown;
}

/**
 * `terraform output -json`, which prints sensitive values IN CLEAR TEXT. They
 * are masked here unless `revealSensitive` is set (for an explicit user
 * request only). Sorted by name for stable display.
 */
export async function readOutputs(
  options: CommonOptions & { readonly revealSensitive?: boolean },
): Promise<StackOutput[]> {
  const { revealSensitive = false, ...rest } = options;
  const { json } = await runTerraformJson({ ...rest, args: ['output'] });
  return parseOutputs(json, { revealSensitive });
}

/** Reads an `output -json` document. Pure; masks sensitive values unless told not to. */
export function parseOutputs(json: unknown, options: { readonly revealSensitive?: boolean } = {}): StackOutput[] {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return [];
  return Object.entries(json as Record<string, unknown>)
    .map(([name, raw]): StackOutput => {
      const o = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
      // Missing flag = sensitive: a malformed document must not leak.
      const sensitive = o['sensitive'] !== false;
      return {
        name,
        sensitive,
        type: o['type'],
        value: sensitive && !options.revealSensitive ? SENSITIVE : o['value'],
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export interface ValidationResult {
  readonly valid: boolean;
  readonly errorCount: number;
  readonly warningCount: number;
  readonly diagnostics: readonly Diagnostic[];
  readonly run: TerraformRunResult;
}

/**
 * `terraform validate -json`. Exit code 1 with `valid: false` is an answer,
 * not a failure, so both 0 and 1 are accepted; anything else throws.
 */
export async function validateConfig(options: CommonOptions): Promise<ValidationResult> {
  const { json, result } = await runTerraformJson({ ...options, args: ['validate'] }, [0, 1]);
  return { ...parseValidation(json), run: result };
}

/** Reads a `validate -json` document. Pure. Anything unreadable counts as invalid. */
export function parseValidation(json: unknown): Omit<ValidationResult, 'run'> {
  const doc = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  const diagnostics = Array.isArray(doc['diagnostics'])
    ? doc['diagnostics'].flatMap((d) => {
        const parsed = parseDiagnostic(d);
        return parsed ? [parsed] : [];
      })
    : [];
  const count = (key: string, severity: Diagnostic['severity']): number => {
    const v = doc[key];
    return typeof v === 'number' ? v : diagnostics.filter((d) => d.severity === severity).length;
  };
  return {
    valid: doc['valid'] === true,
    errorCount: count('error_count', 'error'),
    warningCount: count('warning_count', 'warning'),
    diagnostics,
  };
}
