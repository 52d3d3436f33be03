import { parseDocument, type ParsedDocument } from '../model/parseDocument';

/**
 * Reads files for the engine. The adapters (LSP server, CLI) implement it over the real file
 * system; tests implement it over a map. It answers undefined for a file that does not exist or
 * cannot be read; it is only ever asked for URIs that the ref policy allows.
 */
export interface FileReader {
  read(uri: string): string | undefined;
}

interface Entry {
  document: ParsedDocument;
  /** True when the text came from an open editor rather than from disk. */
  open: boolean;
}

/**
 * The one place where documents are parsed: each version of each file is parsed once and shared
 * by every API that includes it. Open editor buffers take precedence over the file on disk.
 */
export class DocumentStore {
  private readonly entries = new Map<string, Entry>();
  private diskVersion = 0;

  constructor(
    private readonly reader: FileReader,
    public maxFileSizeBytes = 25 * 1024 * 1024,
  ) {}

  /** Sets the text of an open document. Returns the parsed document (reused if unchanged). */
  setOpen(uri: string, text: string, version: number): ParsedDocument {
    const existing = this.entries.get(uri);
    if (existing?.open && existing.document.version === version && existing.document.text === text) {
      return existing.document;
    }
    const document = parseDocument(uri, text, version, { maxFileSizeBytes: this.maxFileSizeBytes });
    this.entries.set(uri, { document, open: true });
    return document;
  }

  /** Forgets an open buffer; the next read goes to disk. */
  close(uri: string): void {
    if (this.entries.get(uri)?.open) this.entries.delete(uri);
  }

  isOpen(uri: string): boolean {
    return this.entries.get(uri)?.open === true;
  }

  /** The file changed or was deleted on disk; open buffers are unaffected. */
  invalidate(uri: string): void {
    if (this.entries.get(uri)?.open !== true) this.entries.delete(uri);
  }

  /** Drops every cached parse that is not an open buffer (e.g. after the size limit changed). */
  invalidateAll(): void {
    for (const [uri, entry] of this.entries) if (!entry.open) this.entries.delete(uri);
  }

  /** The cached parse, without reading anything. */
  peek(uri: string): ParsedDocument | undefined {
    return this.entries.get(uri)?.document;
  }

  get(uri: string): ParsedDocument | undefined {
    const cached = this.entries.get(uri);
    if (cached !== undefined) return cached.document;
    let text: string | undefined;
    try {
      text = this.reader.read(uri);
    } catch {
      text = undefined;
    }
    if (text === undefined) return undefined;
    const document = parseDocument(uri, text, --this.diskVersion, { maxFileSizeBytes: this.maxFileSizeBytes });
    this.entries.set(uri, { document, open: false });
    return document;
  }
}
