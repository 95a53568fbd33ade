import { parse, type Cli } from './main';
import { rules } from '../../rules';

/** `costlint rules`: each rule's id, default severity, fix kind and summary (or JSON). */
export function runRules(args: string[], cli: Cli): number {
  const { values } = parse(args, { format: { type: 'string', short: 'f', default: 'table' } });
  if (values.help) {
    cli.stdout('Usage: costlint rules [--format table|json]\n');
    return 0;
  }
  if (values.format === 'json') {
    const list = rules.map((r) => ({ id: r.id, category: r.meta.category, defaultSeverity: r.meta.defaultSeverity, fixKind: r.meta.fixKind, summary: r.meta.docs.summary, remediation: r.meta.docs.remediation, docsUrl: r.docsUrl }));
    cli.stdout(`${JSON.stringify(list, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...rules.map((r) => r.id.length));
  for (const rule of rules) {
    cli.stdout(`${rule.id.padEnd(width)}  ${rule.meta.defaultSeverity.padEnd(7)}  ${rule.meta.fixKind.padEnd(10)}  ${rule.meta.docs.summary}\n`);
  }
  return 0;
}
