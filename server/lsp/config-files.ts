import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, type ClientCapabilities, type Connection, type Diagnostic } from 'vscode-languageserver';
import type { ConfigCache } from './analysis';
import { SOURCE } from './diagnostics';

/** The largest LSP column: clients clamp it to the line's end. */
const END_OF_LINE = 2 ** 31 - 1;

/**
 * The editor's side of config files: their problems as diagnostics (open or not, cleared once
 * fixed), and watches on the files a config extends (any name, anywhere), once each.
 */
export class ConfigFiles {
  private publishedKey = '[]';
  private published = new Set<string>();
  private readonly watched = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly configs: ConfigCache,
  ) {}

  /** A config file's problems, each on its line. */
  diagnostics(uri: string): Diagnostic[] {
    if (!uri.startsWith('file:')) return [];
    const problems = this.configs.problems.get(fileURLToPath(uri)) ?? [];
    return problems.map((p) => ({ range: { start: { line: Math.max(0, p.line - 1), character: 0 }, end: { line: Math.max(0, p.line - 1), character: END_OF_LINE } }, severity: 1, source: SOURCE, message: p.message }));
  }

  /** Publishes the problems of config files that are not open documents (open ones carry theirs with their own diagnostics). */
  publish(isOpen: (uri: string) => boolean): void {
    const key = JSON.stringify([...this.configs.problems]);
    if (key === this.publishedKey) return;
    this.publishedKey = key;
    const now = new Set([...this.configs.problems.keys()].map((f) => pathToFileURL(f).href));
    for (const uri of new Set([...now, ...this.published])) if (!isOpen(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: this.diagnostics(uri) });
    this.published = now;
  }

  /** Asks the client to watch the files configs extend, where it can register relative patterns. */
  watchLayers(capabilities: ClientCapabilities): void {
    const watched = capabilities.workspace?.didChangeWatchedFiles;
    if (!watched?.dynamicRegistration || !watched.relativePatternSupport) return;
    const fresh = [...this.configs.watchedFiles()].filter((f) => !this.watched.has(f) && !/^\.costlint\.ya?ml$/.test(path.basename(f)));
    if (!fresh.length) return;
    for (const file of fresh) this.watched.add(file);
    void this.connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: fresh.map((file) => ({ globPattern: { baseUri: pathToFileURL(path.dirname(file)).href, pattern: path.basename(file) } })),
    });
  }
}
