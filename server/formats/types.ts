import type { FileReport } from '../engine/lint';
import type { SkippedFile } from '../engine/files';

/** What every output format reads: the run's reports, skipped files, and paths relative to `cwd`. */
export interface FormatInput {
  reports: readonly FileReport[];
  skipped: readonly SkippedFile[];
  cwd: string;
  color: boolean;
}

export type Formatter = (input: FormatInput) => string;
