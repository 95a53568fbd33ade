import type { Fact, Range } from '../engine/facts';
import type { SyntaxEdits } from '../engine/edits';
import type { SourceFile } from '../engine/source-file';

export type ExtractorId = 'typescript' | 'python' | 'terraform' | 'cloudformation' | 'kubernetes';

export interface Comment {
  /** The comment's text without its delimiters (`//`, `#`, `/* *\/`). */
  text: string;
  range: Range;
}

export interface ExtractError {
  message: string;
  range?: Range;
}

export interface ExtractResult {
  facts: Fact[];
  comments: Comment[];
  /** Parse errors. Facts found before/around them are still returned. */
  errors: ExtractError[];
  edits: SyntaxEdits;
  /** Informational notes (a Helm template skipped, a construct not understood). */
  notes: string[];
}

/** A team's own function that wraps an LLM call (config `wrappers`). */
export interface WrapperSignature {
  /** Function or method name as called (`callModel`, `llm.complete`). */
  name: string;
  provider?: string;
  /** 0-based argument positions, or option keys within an options argument. */
  model?: number | string;
  prompt?: number | string;
  options?: number;
}

/** Read access to the other files an extractor may need (a Terraform module's siblings, an HPA in the same folder). */
export interface ProjectView {
  /** Files of a folder (absolute paths), or [] when unknown. */
  listDir(dir: string): string[];
  /** A file's current text (an open editor buffer wins over disk), or undefined. */
  readText(path: string): string | undefined;
}

export interface ExtractOptions {
  wrappers: readonly WrapperSignature[];
  project: ProjectView;
  /** Set by the editor only: lets an extractor reuse its last parse of the same document. */
  memory?: DocumentMemory;
}

/**
 * What extractors keep between analyses of one document, by path: the editor analyses a file
 * again after each pause in typing, and almost all of it is unchanged. Holds the few most
 * recently analysed documents; the CLI parses each file once and never passes one.
 */
export class DocumentMemory {
  private readonly entries = new Map<string, unknown>();

  constructor(private readonly limit = 8) {}

  get(path: string): unknown {
    return this.entries.get(path);
  }

  set(path: string, value: unknown): void {
    // Re-inserted last: the least recently analysed document goes first.
    this.entries.delete(path);
    this.entries.set(path, value);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.limit) break;
      this.entries.delete(oldest);
    }
  }

  forget(path: string): void {
    this.entries.delete(path);
  }
}

export interface Extractor {
  id: ExtractorId;
  /** Line and block comment syntax, for suppression and disable comments the editor inserts. */
  comments: { line: string; block?: [string, string] };
  /** By path alone: could this file be ours? */
  handlesPath(path: string): boolean;
  /** A cheap look at the text (no parse): could it hold a fact? Most files stop here. */
  mightContainFacts(file: SourceFile, options: ExtractOptions): boolean;
  /** Load parsers (wasm grammars) once per process. */
  init?(): Promise<void>;
  /** Parse once and emit facts. Never throws on bad input: errors go in the result. */
  extract(file: SourceFile, options: ExtractOptions): ExtractResult;
  /**
   * Drops what is kept across files about other files of the project (answers read from imported
   * modules), which can rest on a file further down an import chain than the one it is kept with:
   * called when files it handles change on disk (the server), at the start of a run, and before
   * each file linted for `--cache` (whose entry must list every file read).
   */
  forgetProjectFiles?(): void;
}
