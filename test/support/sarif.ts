import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

const SCHEMA = path.join(__dirname, '..', '..', 'schemas', 'sarif-2.1.0.json');

let validator: ReturnType<Ajv2020['compile']> | undefined;

/** Schema errors of a SARIF log against the vendored SARIF 2.1.0 schema (empty when valid). */
export function sarifSchemaErrors(log: unknown): string[] {
  if (!validator) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    validator = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA, 'utf8')));
  }
  return validator(log) ? [] : (validator.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** The packaged binary of Microsoft's SARIF multitool, when its platform package is installed. */
export function multitoolBinary(): string | undefined {
  try {
    const binary: string = require('@microsoft/sarif-multitool');
    if (!fs.existsSync(binary)) return undefined;
    // The package sets the executable bit in a postinstall script, which npm may not have run.
    if (process.platform !== 'win32' && !(fs.statSync(binary).mode & 0o100)) fs.chmodSync(binary, fs.statSync(binary).mode | 0o100);
    return binary;
  } catch {
    return undefined;
  }
}

export interface MultitoolResult {
  ruleId: string;
  level: string;
  message: string;
}

/**
 * Runs `Sarif.Multitool validate FILE -o OUT --rule-kind Sarif;Gh` (the SARIF spec's rules and
 * GitHub's ingestion rules) and returns what it found. Its exit code is 0 even for an invalid
 * file, so the results are read from OUT.
 */
export function multitoolValidate(binary: string, file: string): MultitoolResult[] {
  const out = `${file}.validation.sarif`;
  fs.rmSync(out, { force: true });
  const run = spawnSync(binary, ['validate', file, '-o', out, '--rule-kind', 'Sarif;Gh'], {
    encoding: 'utf8',
    env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
    timeout: 120_000,
  });
  if (!fs.existsSync(out)) throw new Error(`the multitool wrote no report (exit ${run.status}): ${run.stderr || run.stdout}`);
  const report = JSON.parse(fs.readFileSync(out, 'utf8'));
  const rules: { id: string; messageStrings?: Record<string, { text: string }> }[] = report.runs[0].tool.driver.rules ?? [];
  return (report.runs[0].results ?? []).map((r: { ruleId: string; level?: string; message: { id?: string; text?: string; arguments?: string[] } }) => {
    const template = rules.find((rule) => rule.id === r.ruleId)?.messageStrings?.[r.message.id ?? '']?.text ?? r.message.text ?? '';
    return { ruleId: r.ruleId, level: r.level ?? 'warning', message: template.replace(/\{(\d+)\}/g, (_, i: string) => r.message.arguments?.[Number(i)] ?? '') };
  });
}
