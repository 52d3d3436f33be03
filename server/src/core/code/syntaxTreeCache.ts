import { Edit, type Point, type Tree } from 'web-tree-sitter';
import { LineIndex, type Range } from '../model/lineIndex';
import type { CodeLanguage } from './languages';
import { parseCode } from './treeSitter';

/** One change of a document's text, in the shape of LSP's `TextDocumentContentChangeEvent`. */
export interface TextChange {
  /** The replaced range; absent when `text` is the whole new document. */
  range?: Range;
  text: string;
}

/**
 * Where a text differs from the one before it: the characters `[start, oldEnd)` of the previous
 * text became `[start, newEnd)` of this one; everything before and after is the same text.
 */
export interface ChangedRegion {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** How a tree came from the previous text's tree: that text, and the region where they differ. */
export interface TreeEdit {
  previousText: string;
  /** The edited characters and the parts whose syntax changed with them (tree-sitter's changed ranges). */
  region: ChangedRegion;
}

interface CachedTree {
  language: CodeLanguage;
  text: string;
  tree: Tree;
  /** Set when the tree was re-parsed incrementally from the previous text's tree. */
  edit?: TreeEdit;
}

/**
 * Tree-sitter positions count rows at `\n` only and columns in the same UTF-16 code units as the
 * indices (web-tree-sitter parses JavaScript strings as UTF-16), so a point is derived from the
 * text itself rather than from LSP line numbers, which also break at a lone `\r`.
 */
function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    row++;
    lineStart = index + 1;
  }
  return { row, column: offset - lineStart };
}

function pointAfter(start: Point, inserted: string): Point {
  const lastBreak = inserted.lastIndexOf('\n');
  if (lastBreak === -1) return { row: start.row, column: start.column + inserted.length };
  let breaks = 0;
  for (let index = inserted.indexOf('\n'); index !== -1; index = inserted.indexOf('\n', index + 1)) breaks++;
  return { row: start.row + breaks, column: inserted.length - lastBreak - 1 };
}

/**
 * The region of two successive changes: `first` took the original text to an intermediate one,
 * `next` (in the intermediate text's offsets) took that to the final text.
 */
function joinRegions(first: ChangedRegion | undefined, next: ChangedRegion): ChangedRegion {
  if (first === undefined) return next;
  const start = Math.min(first.start, next.start);
  // The end in the intermediate text; offsets after `first.newEnd` map back by its length change.
  const end = Math.max(first.newEnd, next.oldEnd);
  return { start, oldEnd: end - (first.newEnd - first.oldEnd), newEnd: end + (next.newEnd - next.oldEnd) };
}

/** The region grown to cover `[start, end)` of the new text. */
function widenRegion(region: ChangedRegion, start: number, end: number): ChangedRegion {
  if (end <= start) return region;
  const newEnd = Math.max(region.newEnd, end);
  return { start: Math.min(region.start, start), oldEnd: region.oldEnd + (newEnd - region.newEnd), newEnd };
}

/**
 * The syntax trees of the open code documents, kept between edits so that each change re-parses
 * incrementally: the old tree is told what changed (`tree.edit`) and handed to the parser, which
 * reuses every subtree outside the edit.
 */
export class SyntaxTreeCache {
  private readonly entries = new Map<string, CachedTree>();

  /** The tree of a document's text, parsed in full unless the cached tree is of this very text. */
  async parse(uri: string, language: CodeLanguage, text: string): Promise<Tree> {
    const cached = this.entries.get(uri);
    if (cached !== undefined && cached.language === language && cached.text === text) return cached.tree;
    const tree = await parseCode(language, text);
    this.replace(uri, { language, text, tree });
    return tree;
  }

  /**
   * Applies editor changes in order and re-parses incrementally. Returns undefined when the
   * document has no cached tree (the caller then uses `parse`). A change without a range replaces
   * the whole text, which a full parse handles best.
   */
  async applyChanges(uri: string, changes: readonly TextChange[]): Promise<Tree | undefined> {
    const cached = this.entries.get(uri);
    if (cached === undefined) return undefined;
    let text = cached.text;
    let reusable = true;
    let region: ChangedRegion | undefined;
    for (const change of changes) {
      if (change.range === undefined) {
        text = change.text;
        reusable = false;
        continue;
      }
      const lines = new LineIndex(text);
      const startIndex = lines.offsetAt(change.range.start);
      const oldEndIndex = Math.max(startIndex, lines.offsetAt(change.range.end));
      const newEndIndex = startIndex + change.text.length;
      if (reusable) {
        const startPosition = pointAt(text, startIndex);
        const oldEndPosition = pointAt(text, oldEndIndex);
        cached.tree.edit(new Edit({ startIndex, oldEndIndex, newEndIndex, startPosition, oldEndPosition, newEndPosition: pointAfter(startPosition, change.text) }));
        region = joinRegions(region, { start: startIndex, oldEnd: oldEndIndex, newEnd: newEndIndex });
      }
      text = text.slice(0, startIndex) + change.text + text.slice(oldEndIndex);
    }
    const tree = await parseCode(cached.language, text, reusable ? cached.tree : undefined);
    let edit: TreeEdit | undefined;
    if (reusable && region !== undefined) {
      // Outside these ranges every character has the same syntax nodes around it as before.
      for (const changed of cached.tree.getChangedRanges(tree)) region = widenRegion(region, changed.startIndex, changed.endIndex);
      edit = { previousText: cached.text, region };
    }
    this.replace(uri, { language: cached.language, text, tree, edit });
    return tree;
  }

  /** The cached text and tree of a document, when there is one, and how the tree came from the previous one. */
  get(uri: string): { text: string; tree: Tree; language: CodeLanguage; edit?: TreeEdit } | undefined {
    return this.entries.get(uri);
  }

  /** Frees a document's tree (its memory lives in the wasm heap, outside the garbage collector). */
  close(uri: string): void {
    const cached = this.entries.get(uri);
    if (cached === undefined) return;
    this.entries.delete(uri);
    cached.tree.delete();
  }

  clear(): void {
    for (const uri of [...this.entries.keys()]) this.close(uri);
  }

  private replace(uri: string, entry: CachedTree): void {
    const previous = this.entries.get(uri);
    this.entries.set(uri, entry);
    if (previous !== undefined && previous.tree !== entry.tree) previous.tree.delete();
  }
}
