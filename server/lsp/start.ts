// `node dist/server.js --stdio` (or `--node-ipc`, as vscode-languageclient starts it): runs the
// server bundle (dist/server-core.js) from the per-user V8 code cache, and fills that cache once
// the first diagnostics are ready. Only Node built-ins here, so this file costs nothing to load.
import * as path from 'node:path';
import { codeCacheDir, requireWithCodeCache } from '../code-cache';
import type * as Core from './main';

const core = requireWithCodeCache(path.join(__dirname, 'server-core.js'), codeCacheDir());
(core.exports as typeof Core).main({ codeCache: core.state, firstDiagnostics: () => core.save() });
