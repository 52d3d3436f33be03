import type { ContentTypeEncoderOptions, Message } from 'vscode-languageserver/node';

/**
 * The JSON encoding of the messages the server writes to a stream transport (`--stdio`), which
 * writes what `JSON.stringify` would (in ASCII, see below), but keeps the bytes of each diagnostic.
 *
 * After an edit of a large document nearly all of its diagnostics are the very objects sent
 * before (the engine hands out unchanged findings again and the publisher converts each once).
 * Encoding the whole message again would stringify every one of them and copy the megabytes of
 * the result into a buffer once more, per keystroke: for the 7,000 diagnostics of a 4 MB spec
 * that was the largest single cost of an edit. A diagnostic's bytes are kept for as long as the
 * object lives: from its first sending when the publisher said it will be sent again
 * (`keepEncoding`: those of open documents), else from the second time the same object is sent
 * (the first time only marks it, so that diagnostics sent once, as most of those of a workspace
 * scan, cost no memory). That relies on
 * diagnostics never being modified once they are sent, which holds for every diagnostic the
 * server makes (`findingToDiagnostic` builds each one whole, and nothing changes it after).
 *
 * The messages that carry diagnostics are `textDocument/publishDiagnostics` notifications and
 * the answers to `textDocument/diagnostic` and `workspace/diagnostic` (full reports: `kind`
 * "full" with `items`); every other message, and every other member of those, is encoded by
 * `JSON.stringify` as before.
 *
 * Every message is written in ASCII: a character outside it is written as its `\u` escape
 * (`asciiJson`), which JSON reads back as the same character. The client decodes each message's
 * UTF-8 into a JavaScript string, and one non-ASCII character (the arrow of a `ref-circular`
 * message) makes all of it a string of two bytes per character: for the 3 MB that carry the
 * 7,000 diagnostics of a 4 MB spec, decoding took twice as long (some 20 ms against 9 ms here),
 * after every keystroke.
 */
export class DiagnosticsCachingEncoder implements DiagnosticsPreEncoder {
  readonly name = 'application/json';
  private readonly sentOnce = new WeakSet<object>();
  private readonly bytes = new WeakMap<object, Buffer>();
  /** The bytes of whole diagnostics arrays encoded ahead (`preEncodeSteps`), each for one message. */
  private readonly preEncoded = new WeakMap<object, Uint8Array[]>();

  encode(message: Message, options: ContentTypeEncoderOptions): Promise<Uint8Array> {
    try {
      return Promise.resolve(this.encodeSync(message, options.charset));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** The bytes of `message`: what `encode` resolves to, synchronously. */
  encodeSync(message: Message, charset: BufferEncoding | string = 'utf-8'): Buffer {
    if (!isUtf8(charset) || !carriesDiagnostics(message)) return Buffer.from(asciiJson(JSON.stringify(message, undefined, 0)), charset as BufferEncoding);
    const out = new Output();
    if (isPublishDiagnostics(message)) {
      this.writeObject(out, message, (key, value) => key === 'params' && this.writeObject(out, value as object, (inner, diagnostics) => inner === 'diagnostics' && this.writeDiagnostics(out, diagnostics as unknown[])));
    } else {
      this.writeObject(out, message, (key, value) => key === 'result' && this.writeResult(out, value as object));
    }
    return out.finish();
  }

  /** A document report (full: its items are diagnostics) or a workspace report (`items` are document reports). */
  private writeResult(out: Output, result: object): boolean {
    if (isFullReport(result)) return this.writeObject(out, result, (key, items) => key === 'items' && this.writeDiagnostics(out, items as unknown[]));
    const items = (result as { items?: unknown }).items;
    if (!Array.isArray(items)) return false;
    return this.writeObject(out, result, (key) => {
      if (key !== 'items') return false;
      out.text('[');
      for (let index = 0; index < items.length; index++) {
        if (index > 0) out.text(',');
        const report: unknown = items[index];
        if (isFullReport(report)) this.writeObject(out, report, (inner, diagnostics) => inner === 'items' && this.writeDiagnostics(out, diagnostics as unknown[]));
        else out.text(stringify(report));
      }
      out.text(']');
      return true;
    });
  }

  /**
   * Writes an object member by member as `JSON.stringify` would (own enumerable keys in order,
   * members whose value is undefined, a function or a symbol left out); `special` writes the
   * value of a member itself and says so, or declines and the value is stringified.
   */
  private writeObject(out: Output, value: object, special: (key: string, value: unknown) => boolean): true {
    out.text('{');
    let first = true;
    for (const key of Object.keys(value)) {
      const member: unknown = (value as Record<string, unknown>)[key];
      if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
      out.text(first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`);
      first = false;
      if (!special(key, member)) out.text(stringify(member));
    }
    out.text('}');
    return true;
  }

  private writeDiagnostics(out: Output, diagnostics: unknown[]): boolean {
    if (!Array.isArray(diagnostics)) return false;
    const ahead = this.preEncoded.get(diagnostics);
    if (ahead !== undefined) {
      this.preEncoded.delete(diagnostics);
      for (const piece of ahead) out.bytes(piece);
      return true;
    }
    out.text('[');
    for (let index = 0; index < diagnostics.length; index++) {
      if (index > 0) out.text(',');
      this.writeDiagnostic(out, diagnostics[index]);
    }
    out.text(']');
    return true;
  }

  private writeDiagnostic(out: Output, diagnostic: unknown): void {
    if (typeof diagnostic !== 'object' || diagnostic === null) {
      out.text(stringify(diagnostic));
      return;
    }
    const kept = this.bytes.get(diagnostic);
    if (kept !== undefined) {
      out.bytes(kept);
    } else if (lasting.has(diagnostic) || this.sentOnce.has(diagnostic)) {
      const encoded = Buffer.from(asciiJson(stringify(diagnostic)), 'latin1');
      this.bytes.set(diagnostic, encoded);
      out.bytes(encoded);
    } else {
      this.sentOnce.add(diagnostic);
      out.text(stringify(diagnostic));
    }
  }

  /**
   * Encodes a diagnostics array ahead of its message, `PRE_ENCODE_BATCH` diagnostics per step, and
   * keeps the bytes for the one message that carries this very array (the array must not change
   * until it is sent). The bytes are those `encodeSync` would write for it, and they are let go
   * once written.
   */
  *preEncodeSteps(diagnostics: readonly unknown[]): Generator<void, void, void> {
    const out = new Output();
    out.text('[');
    for (let index = 0; index < diagnostics.length; index++) {
      if (index > 0) out.text(',');
      this.writeDiagnostic(out, diagnostics[index]);
      if (index % PRE_ENCODE_BATCH === PRE_ENCODE_BATCH - 1) {
        out.flush();
        yield;
      }
    }
    out.text(']');
    this.preEncoded.set(diagnostics, out.finishPieces());
  }
}

/** Diagnostics `preEncodeSteps` encodes per step (about a millisecond). */
const PRE_ENCODE_BATCH = 256;

/** Encodes the diagnostics of a large message ahead of it, in steps (see `DiagnosticsCachingEncoder.preEncodeSteps`). */
export interface DiagnosticsPreEncoder {
  preEncodeSteps(diagnostics: readonly unknown[]): Generator<void, void, void>;
}

/** Diagnostics that will be sent again, whatever encoder sends them (see `keepEncoding`). */
const lasting = new WeakSet<object>();

/**
 * Says that a diagnostic will be sent again (the publisher keeps the diagnostics of open
 * documents and sends the same objects after each edit), so that its bytes are kept from its
 * first sending on. The diagnostic must not be modified afterwards.
 */
export function keepEncoding(diagnostic: object): void {
  lasting.add(diagnostic);
}

/** `JSON.stringify` of a value inside an array or as a member that is written: undefined and functions as `null`. */
function stringify(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

const NON_ASCII = /[^\x00-\x7f]/;
const EVERY_NON_ASCII = /[^\x00-\x7f]/g;

/**
 * JSON text with every character outside ASCII written as a `\u` escape: the same value for a
 * JSON reader, in ASCII alone. Such characters only occur inside strings (names and values), where
 * the escape stands for the character; a character outside the Basic Multilingual Plane is a
 * surrogate pair in the text and becomes two escapes, as JSON writes it.
 */
export function asciiJson(json: string): string {
  return NON_ASCII.test(json) ? json.replace(EVERY_NON_ASCII, escapeCharacter) : json;
}

function escapeCharacter(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

function isUtf8(charset: string): boolean {
  const lower = charset.toLowerCase();
  return lower === 'utf-8' || lower === 'utf8';
}

function isPublishDiagnostics(message: Message): boolean {
  const { method, params } = message as { method?: unknown; params?: unknown };
  return method === 'textDocument/publishDiagnostics' && isPlainObject(params) && Array.isArray((params as { diagnostics?: unknown }).diagnostics);
}

function isFullReport(value: unknown): value is { kind: 'full'; items: unknown[] } {
  return isPlainObject(value) && (value as { kind?: unknown }).kind === 'full' && Array.isArray((value as { items?: unknown }).items);
}

function carriesDiagnostics(message: Message): boolean {
  if (!isPlainObject(message)) return false;
  if (isPublishDiagnostics(message)) return true;
  const { result } = message as { result?: unknown };
  if (!isPlainObject(result)) return false;
  if (isFullReport(result)) return true;
  const items = (result as { items?: unknown }).items;
  return Array.isArray(items) && items.some(isFullReport);
}

/** An object `JSON.stringify` writes member by member: no `toJSON`, not an array. */
function isPlainObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

const COMMA = 44;

/**
 * The message's bytes as they are written: text is gathered and encoded in one go up to the next
 * kept diagnostic, whose bytes are added as they are; a lone comma between two kept diagnostics
 * is added as a byte, without an encoding call.
 */
class Output {
  private readonly pieces: Uint8Array[] = [];
  private length = 0;
  private pending = '';

  text(text: string): void {
    this.pending += text;
  }

  bytes(bytes: Uint8Array): void {
    if (this.pending === ',') this.push(COMMA_BYTES);
    else if (this.pending.length > 0) this.push(Buffer.from(asciiJson(this.pending), 'latin1'));
    this.pending = '';
    this.push(bytes);
  }

  finish(): Buffer {
    this.flush();
    return Buffer.concat(this.pieces, this.length);
  }

  /** The bytes so far, as pieces (not copied into one buffer). */
  finishPieces(): Uint8Array[] {
    this.flush();
    return this.pieces;
  }

  /** Encodes the text gathered so far. */
  flush(): void {
    if (this.pending.length > 0) this.push(Buffer.from(asciiJson(this.pending), 'latin1'));
    this.pending = '';
  }

  private push(bytes: Uint8Array): void {
    this.pieces.push(bytes);
    this.length += bytes.length;
  }
}

const COMMA_BYTES = Uint8Array.of(COMMA);
