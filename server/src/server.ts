// The API Guard language server. `node dist/server.js --stdio` (or `--node-ipc`, `--socket=N`,
// `--pipe=NAME`, whichever transport the client chose): the connection reads the flag itself.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { ApiGuardServer } from './lsp/apiGuardServer';
import { registerCustomRequests } from './lsp/customRequests';
import { describeError } from './lsp/logger';

const connection = createConnection(ProposedFeatures.all);
const server = new ApiGuardServer(connection);
registerCustomRequests(server);

// A stray rejection or exception in background work must not end the process: it is logged, and
// the editor keeps its diagnostics. A crash would only restart the server into the same state.
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${describeError(reason)}`));
process.on('uncaughtException', (error) => connection.console.error(`Uncaught exception: ${describeError(error)}`));

server.listen();
