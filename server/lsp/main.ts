// The costlint language server: `node dist/server.js --stdio` (or `--node-ipc`, as vscode-languageclient starts it).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

// The transport comes from the command line (--stdio, --node-ipc, --socket=N).
startServer(createConnection(ProposedFeatures.all));
