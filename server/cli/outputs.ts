import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError, type Cli } from './main';
import { formatters, type FormatName } from '../formats';
import { summary } from '../formats/markdown';
import type { FormatInput } from '../formats/types';

/** One requested output: a format, and the file it goes to (stdout when none). */
export interface OutputSpec {
  format: FormatName;
  file?: string;
}

/**
 * Reads `--format github,sarif:out.sarif`: comma-separated formats, each optionally `:path`.
 * `--output-file` is where the one output without its own path goes.
 */
export function parseOutputs(value: string, outputFile: string | undefined): OutputSpec[] {
  const specs = value.split(',').map((part): OutputSpec => {
    const colon = part.indexOf(':');
    const name = (colon === -1 ? part : part.slice(0, colon)).trim();
    const file = colon === -1 ? undefined : part.slice(colon + 1).trim();
    if (!(name in formatters)) throw new UsageError(`unknown format "${name}" (one of: ${Object.keys(formatters).join(', ')})`);
    if (file === '') throw new UsageError(`--format ${name}: needs a path after ":"`);
    return { format: name as FormatName, file };
  });
  const toStdout = specs.filter((s) => !s.file);
  if (outputFile) {
    if (toStdout.length !== 1) throw new UsageError('--output-file names the file of the one format given without a path');
    toStdout[0].file = outputFile;
  } else if (toStdout.length > 1) {
    throw new UsageError(`only one format can go to stdout; give the others a file (${toStdout.slice(1).map((s) => `${s.format}:<path>`).join(', ')})`);
  }
  return specs;
}

/** Writes each output; files are written whole (a partial SARIF file would fail its upload). */
export function writeOutputs(cli: Cli, specs: readonly OutputSpec[], input: FormatInput): void {
  for (const spec of specs) {
    const text = formatters[spec.format](spec.file ? { ...input, color: false } : input);
    if (spec.file) writeFile(path.resolve(cli.cwd, spec.file), text);
    else cli.stdout(text);
  }
}

/** Appends the job summary (GitHub's `$GITHUB_STEP_SUMMARY` is shared by a job's steps). */
export function writeSummary(cli: Cli, file: string, input: FormatInput): void {
  const target = path.resolve(cli.cwd, file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.appendFileSync(target, summary(input));
}

function writeFile(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, text);
  fs.renameSync(temp, file);
}
