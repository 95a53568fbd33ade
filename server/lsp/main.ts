// The costlint language server, bundled to dist/server-core.js; dist/server.js (start.ts) loads it and calls main().
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer, type Startup } from './server';

/** Starts the server on the transport named on the command line (--stdio, --node-ipc, --socket=N). */
export function main(startup: Startup = {}): void {
  startServer(createConnection(ProposedFeatures.all), startup);
}
