import { TextEdit } from './edits';
import type { Finding, Fix } from './finding';

/**
 * Applies fixes that do not overlap (earlier ones win, like ESLint); the rest wait for the
 * next pass, after the file is linted again.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: number; remaining: number } {
  const { edits, applied, remaining } = chooseFixes(fixes);
  return { text: TextEdit.apply(text, edits), applied, remaining };
}

/** The edits of the fixes one pass can apply together (the editor returns them as a workspace edit). */
export function chooseFixes(fixes: readonly Fix[]): { edits: TextEdit[]; applied: number; remaining: number } {
  const chosen: TextEdit[] = [];
  let applied = 0;
  let remaining = 0;
  const sorted = [...fixes].sort((a, b) => start(a) - start(b));
  let floor = -1;
  for (const fix of sorted) {
    if (!fix.edits.length) continue;
    const first = start(fix);
    const last = Math.max(...fix.edits.map((e) => e.range.end));
    if (first < floor || fix.edits.some((e, i) => fix.edits.some((o, j) => i !== j && overlaps(e, o)))) {
      remaining++;
      continue;
    }
    chosen.push(...fix.edits);
    floor = Math.max(last, first + 1);
    applied++;
  }
  return { edits: chosen, applied, remaining };
}

/** The safe fixes among findings (never suggestions): what `--fix` and `source.fixAll.costlint` apply. */
export function safeFixes(findings: readonly Finding[]): Fix[] {
  return findings.flatMap((f) => (f.fix && f.fix.kind === 'fix' ? [f.fix] : []));
}

function start(fix: Fix): number {
  return Math.min(...fix.edits.map((e) => e.range.start));
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  return a.range.start < b.range.end && b.range.start < a.range.end;
}
