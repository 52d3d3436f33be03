/**
 * The smallest single replacement that turns `before` into `after`: the common start and end are
 * kept and only the part between them is replaced. Applying the checklist change as this edit
 * (rather than replacing the whole file) keeps the editor's cursor, folding and undo history
 * focused on what actually changed.
 */
export interface TextChange {
  /** Offset in `before` where the replaced part starts. */
  start: number;
  /** Offset in `before` where the replaced part ends. */
  end: number;
  /** What replaces `before.slice(start, end)`. */
  text: string;
}

/** Undefined when the texts are equal. */
export function minimalTextChange(before: string, after: string): TextChange | undefined {
  if (before === after) return undefined;
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Never split a surrogate pair or a CRLF: step back onto the start of the character.
  if (start > 0 && start < before.length && isLowSurrogate(before.charCodeAt(start))) start--;
  if (start > 0 && before.charCodeAt(start - 1) === 13 && before.charCodeAt(start) === 10) start--;
  let end = 0;
  while (end < shorter - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--;
  if (end > 0 && before.charCodeAt(before.length - end) === 10 && before.charCodeAt(before.length - end - 1) === 13) end--;
  return { start, end: before.length - end, text: after.slice(start, after.length - end) };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
