// The API Guard language server. `node dist/server.js --stdio` (or `--node-ipc`, `--socket=N`,
// `--pipe=NAME`, whichever transport the client chose): the connection reads the flag itself,
// except for `--stdio`, where the server writes through its own encoder (see messageEncoder.ts).
import { format } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import { ApiGuardServer } from './lsp/apiGuardServer';
import { registerCustomRequests } from './lsp/customRequests';
import { describeError } from './lsp/logger';
import { DiagnosticsCachingEncoder } from './lsp/messageEncoder';

const encoder = process.argv.includes('--stdio') ? new DiagnosticsCachingEncoder() : undefined;
const connection = encoder !== undefined ? stdioConnection(encoder) : createConnection(ProposedFeatures.all);
const server = new ApiGuardServer(connection, encoder);
registerCustomRequests(server);

// A stray rejection or exception in background work must not end the process: it is logged, and
// the editor keeps its diagnostics. A crash would only restart the server into the same state.
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${describeError(reason)}`));
process.on('uncaughtException', (error) => connection.console.error(`Uncaught exception: ${describeError(error)}`));

server.listen();

/**
 * The connection over standard input and output, written with `DiagnosticsCachingEncoder`. Standard
 * output carries the protocol, so `console` is sent to the client's log instead (as the library
 * does when it sets up `--stdio` itself): one stray `console.log` would break the stream.
 */
function stdioConnection(encoder: DiagnosticsCachingEncoder): Connection {
  const writer = new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: encoder });
  // A stream for the input keeps the library's own handling of it (the process ends with the
  // client's end of the pipe); the library accepts a writer in place of the output stream, which
  // its typings only allow together with a reader.
  const stdio = createConnection(ProposedFeatures.all, process.stdin, writer as unknown as NodeJS.WritableStream);
  const log = (...args: unknown[]): void => stdio.console.log(format(...args));
  console.log = log;
  console.info = (...args: unknown[]): void => stdio.console.info(format(...args));
  console.debug = log;
  console.trace = log;
  console.dir = (value: unknown): void => stdio.console.log(format(value));
  console.warn = (...args: unknown[]): void => stdio.console.warn(format(...args));
  console.error = (...args: unknown[]): void => stdio.console.error(format(...args));
  return stdio;
}
