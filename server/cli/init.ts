import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, UsageError, type Cli } from './main';

const STARTER = `# costlint configuration: shared by the editor and CI. Reference: docs/config.md
extends: [costlint:recommended]

# Assumptions that turn per-call prices into monthly ones. Every estimate shows which it used.
usage:
  monthly_calls: 10000        # calls per month of each LLM call site
  output_tokens: 500          # typical answer size when a call has no cap

# Rule severities (off, info, warning, error) and options.
rules:
  missing-max-tokens: warning

# Tags/labels every cloud resource and Kubernetes workload must carry.
required_tags: [team]
`;

/** `costlint init`: writes a commented starter `.costlint.yaml`, never over an existing one. */
export function runInit(args: string[], cli: Cli): number {
  const { values } = parse(args, { force: { type: 'boolean', default: false } });
  if (values.help) {
    cli.stdout('Usage: costlint init [--force]\n');
    return 0;
  }
  const target = path.join(cli.cwd, '.costlint.yaml');
  if (fs.existsSync(target) && !values.force) throw new UsageError('.costlint.yaml already exists (use --force to overwrite)');
  fs.writeFileSync(target, STARTER);
  cli.stdout(`Wrote ${path.relative(cli.cwd, target)}. Run "costlint check" to lint with it.\n`);
  return 0;
}
