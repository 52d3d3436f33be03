import type { Range } from '../model/lineIndex';
import type { Severity } from '../rules/types';

export interface RelatedLocation {
  uri: string;
  range: Range;
  message: string;
}

export interface Suppression {
  kind: 'comment' | 'file-comment' | 'extension';
  reason?: string;
}

/** What the engine hands to the adapters (LSP diagnostics, CLI formats): plain data only. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  uri: string;
  range: Range;
  /** JSON pointer of the node, for spec findings. */
  pointer?: string;
  data?: Record<string, unknown>;
  related?: RelatedLocation[];
  /** Stable across unrelated edits: rule, file, pointer (or code context) and discriminator. */
  fingerprint: string;
  /** Present on findings that a suppression hides; they are kept apart from the active ones. */
  suppressed?: Suppression;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

export function severityRank(severity: Severity): number {
  return SEVERITY_RANK[severity];
}

export function compareFindings(a: Finding, b: Finding): number {
  if (a.uri !== b.uri) return a.uri < b.uri ? -1 : 1;
  if (a.range.start.line !== b.range.start.line) return a.range.start.line - b.range.start.line;
  if (a.range.start.character !== b.range.start.character) return a.range.start.character - b.range.start.character;
  if (a.ruleId !== b.ruleId) return a.ruleId < b.ruleId ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/** A 53-bit string hash (cyrb53), hex encoded: stable, fast, and dependency-free. */
export function hashString(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  return hexDigest(h1, h2);
}

const SEPARATOR = 124; // '|'

/**
 * `hashString` of the four texts joined by `|` (a finding's fingerprint: rule, file, place,
 * discriminator), worked out part by part: the same value, without making the joined string,
 * which `charCodeAt` would then have copied into one flat string again, for every finding. The
 * findings come a rule and a file at a time, so the state after the first two parts is kept for
 * the next call with the same two.
 */
export function hashFields(first: string, second: string, third: string, fourth: string): string {
  let h1: number;
  let h2: number;
  if (first === prefix.first && second === prefix.second) {
    h1 = prefix.h1;
    h2 = prefix.h2;
  } else {
    h1 = hashPart(0xdeadbeef, first, false);
    h2 = hashPart(0x41c6ce57, first, true);
    h1 = hashPart(h1, second, false, true);
    h2 = hashPart(h2, second, true, true);
    prefix.first = first;
    prefix.second = second;
    prefix.h1 = h1;
    prefix.h2 = h2;
  }
  for (let part = 0; part < 2; part++) {
    const text = part === 0 ? third : fourth;
    h1 = Math.imul(h1 ^ SEPARATOR, 2654435761);
    h2 = Math.imul(h2 ^ SEPARATOR, 1597334677);
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ code, 2654435761);
      h2 = Math.imul(h2 ^ code, 1597334677);
    }
  }
  return hexDigest(h1, h2);
}

/** `hashFields`' state after its first two parts, for the last two it was given. */
const prefix: { first: string | undefined; second: string | undefined; h1: number; h2: number } = { first: undefined, second: undefined, h1: 0, h2: 0 };

/** One half of cyrb53's state (`h2`'s with `secondHalf`) after `text`, after a separator first with `separated`. */
function hashPart(state: number, text: string, secondHalf: boolean, separated = false): number {
  const multiplier = secondHalf ? 1597334677 : 2654435761;
  let h = separated ? Math.imul(state ^ SEPARATOR, multiplier) : state;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), multiplier);
  return h;
}

/** The end of cyrb53: both halves mixed, the 53-bit value as 14 hex digits. */
function hexDigest(h1: number, h2: number): string {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  // The 53-bit value (21 bits of h2 above the 32 of h1) as 14 hex digits, zero-padded, made in one
  // go from the digits' character codes: Number#toString(16) of a value beyond 32 bits takes V8's
  // slow double-to-radix path, and adding digit by digit makes a string per digit, which shows with
  // thousands of findings.
  const high = h2 & 2097151;
  const low = h1 >>> 0;
  return String.fromCharCode(
    HEX_CODES[(high >>> 20) & 15],
    HEX_CODES[(high >>> 16) & 15],
    HEX_CODES[(high >>> 12) & 15],
    HEX_CODES[(high >>> 8) & 15],
    HEX_CODES[(high >>> 4) & 15],
    HEX_CODES[high & 15],
    HEX_CODES[(low >>> 28) & 15],
    HEX_CODES[(low >>> 24) & 15],
    HEX_CODES[(low >>> 20) & 15],
    HEX_CODES[(low >>> 16) & 15],
    HEX_CODES[(low >>> 12) & 15],
    HEX_CODES[(low >>> 8) & 15],
    HEX_CODES[(low >>> 4) & 15],
    HEX_CODES[low & 15],
  );
}

/** Character codes of the hex digits 0–f. */
const HEX_CODES = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102];
