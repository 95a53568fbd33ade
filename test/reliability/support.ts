import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintSource, type FileReport } from '../../server/engine/lint';
import { applyFixes, safeFixes } from '../../server/engine/fix';
import { defaultConfig, settingsFor } from '../../server/config/load';
import { rules } from '../../rules';
import { diskProject } from '../../server/engine/run';
import { defaultCatalog } from '../../pricing/catalog';

export const ROOT = path.join(__dirname, '..', '..');
export const TODAY = '2026-11-23';

/**
 * What the suite exercised, printed once at the end of the run: the figures the README's
 * promises rest on. Each test adds what it really fed to the tool.
 */
export const tally = { inputsFuzzed: 0, fixesChecked: 0, hostileCases: 0, serverFaults: 0 };

after(function () {
  if (tally.inputsFuzzed + tally.hostileCases + tally.serverFaults === 0) return;
  process.stderr.write(
    `reliability: ${tally.inputsFuzzed} inputs fuzzed (${tally.fixesChecked} fixed files re-parsed), ` +
      `${tally.hostileCases} hostile cases, ${tally.serverFaults} server faults survived\n`,
  );
});

/** Lints one text exactly as `lintPaths` does for a file with no config: every rule on, defaults. */
export function lintText(file: string, text: string): FileReport {
  const settings = settingsFor(defaultConfig(path.dirname(file)), rules, defaultCatalog(), file);
  // Siblings come from disk (a Python module's clients, a Terraform module's variables), as in a run.
  return lintSource({ path: file, text }, settings, rules, { today: TODAY, project: diskProject });
}

/** A file's clear per-file message: one error, on one line, saying what and where, inside the text. */
export function assertOneClearError(report: FileReport, text: string): void {
  assert.equal(report.errors.length, 1, `one error for ${report.path}, got ${JSON.stringify(report.errors)}`);
  const [error] = report.errors;
  assert.match(error.message, /\S/);
  assert.doesNotMatch(error.message, /\n/, 'a one-line message');
  assert.doesNotMatch(error.message, /^\s*at .*:\d+:\d+/m, 'no stack trace');
  if (error.range) assert.ok(error.range.start >= 0 && error.range.end <= text.length && error.range.start <= error.range.end, 'error range inside the text');
}

/** Every finding's range lies inside the text and its line/column agree with the offsets. */
export function assertRangesInside(report: FileReport, text: string): void {
  for (const finding of report.findings) {
    assert.ok(finding.range.start >= 0 && finding.range.start <= finding.range.end && finding.range.end <= text.length, `${finding.ruleId} range inside the text`);
    for (const fix of [finding.fix, ...finding.suggestions]) {
      for (const edit of fix?.edits ?? []) assert.ok(edit.range.start >= 0 && edit.range.end <= text.length && edit.range.start <= edit.range.end, `${finding.ruleId} edit inside the text`);
    }
  }
}

/**
 * Applies every safe fix until none is left (as `--fix` does), asserting each pass re-parses
 * without a new error, and that one more pass changes nothing. Returns the fixed text.
 */
export function fixToFixpoint(file: string, text: string, report: FileReport = lintText(file, text)): string {
  let current = text;
  let currentReport = report;
  for (let pass = 0; pass < 10; pass++) {
    const next = applyFixes(current, safeFixes(currentReport.findings));
    if (!next.applied || next.text === current) {
      return current;
    }
    const relinted = lintText(file, next.text);
    assert.deepEqual(relinted.errors, [], `a fix broke ${file}:\n--- before\n${current}\n--- after\n${next.text}`);
    tally.fixesChecked++;
    current = next.text;
    currentReport = relinted;
  }
  const again = applyFixes(current, safeFixes(currentReport.findings));
  assert.equal(again.text, current, `fixes of ${file} never settle`);
  return current;
}

/** The files of a folder (recursively) whose names match. */
export function filesUnder(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full, pattern));
    else if (pattern.test(entry.name)) out.push(full);
  }
  return out.sort();
}
