/** Characters per piece: large enough that writes stay few, small enough to encode quickly. */
const PIECE_LENGTH = 1 << 16;

/**
 * A long text cut into pieces of about 64 K characters for writing, never inside a surrogate pair.
 * Node encodes each string it writes to UTF-8, and for a report of megabytes with a few non-Latin-1
 * characters (an ellipsis in a message makes the whole string two-byte) that is several times faster
 * piece by piece than in one go.
 */
export function* textPieces(text: string): Generator<string> {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + PIECE_LENGTH, text.length);
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff && end < text.length) end++;
    yield text.slice(start, end);
    start = end;
  }
}
