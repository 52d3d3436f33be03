/**
 * A string value reconstructed from the syntax tree: literal text where the source spells it out,
 * holes where it depends on something the file does not reveal (a parameter, an environment
 * variable, a function result). Holes print as `{*}`.
 */
export type TemplatePiece =
  | {
      kind: 'text';
      text: string;
      /** Source offset of the text when it is copied verbatim from one literal (no escapes). */
      start?: number;
      /** How many characters from `start` are verbatim source text. */
      verbatimLength?: number;
    }
  | { kind: 'hole' };

const HOLE = '{*}';

export class StringTemplate {
  private constructor(readonly pieces: readonly TemplatePiece[]) {}

  static text(text: string, start?: number, verbatim = start !== undefined): StringTemplate {
    if (text === '') return new StringTemplate([]);
    return new StringTemplate([{ kind: 'text', text, start, verbatimLength: verbatim && start !== undefined ? text.length : undefined }]);
  }

  static hole(): StringTemplate {
    return new StringTemplate([{ kind: 'hole' }]);
  }

  static empty(): StringTemplate {
    return new StringTemplate([]);
  }

  static concat(parts: readonly StringTemplate[]): StringTemplate {
    const pieces: TemplatePiece[] = [];
    for (const part of parts) {
      for (const piece of part.pieces) {
        const last = pieces[pieces.length - 1];
        if (piece.kind === 'hole') {
          // Two unknown values in a row are one unknown value as far as a URL is concerned.
          if (last?.kind !== 'hole') pieces.push(piece);
        } else if (last?.kind === 'text') {
          // Merged text keeps the first literal's position: a fix edits only the leading characters.
          pieces[pieces.length - 1] = { ...last, text: last.text + piece.text };
        } else {
          pieces.push(piece);
        }
      }
    }
    return new StringTemplate(pieces);
  }

  /** The template as text, holes written as `{*}`. */
  get text(): string {
    return this.pieces.map((piece) => (piece.kind === 'hole' ? HOLE : piece.text)).join('');
  }

  /** True when every character is known. */
  get isLiteral(): boolean {
    return this.pieces.every((piece) => piece.kind === 'text');
  }

  get isEmpty(): boolean {
    return this.pieces.length === 0;
  }

  /** True when nothing at all is known (a single hole). */
  get isUnknown(): boolean {
    return this.pieces.length === 1 && this.pieces[0].kind === 'hole';
  }

  /** The template without its first `count` characters, which must be literal text. */
  withoutPrefix(count: number): StringTemplate {
    const first = this.pieces[0];
    if (count === 0 || first?.kind !== 'text' || first.text.length < count) return this;
    const rest: TemplatePiece[] = this.pieces.slice(1);
    const remaining = first.text.slice(count);
    if (remaining !== '') {
      const verbatimLength = first.verbatimLength === undefined ? undefined : Math.max(0, first.verbatimLength - count);
      rest.unshift({ kind: 'text', text: remaining, start: first.start === undefined ? undefined : first.start + count, verbatimLength });
    }
    return new StringTemplate(rest);
  }

  /** Source offset of the first `length` characters when they are written verbatim in one literal. */
  verbatimStart(length: number): number | undefined {
    const first = this.pieces[0];
    if (first?.kind !== 'text' || first.start === undefined) return undefined;
    return (first.verbatimLength ?? 0) >= length ? first.start : undefined;
  }

  /**
   * Replaces the placeholders of a format string (`%s`, `{}`, `{0}`, `{name}`) by the value
   * `substitute` gives for them (by placeholder text and ordinal), or by a hole.
   */
  static fromFormat(format: StringTemplate, placeholder: RegExp, substitute?: (placeholder: string, ordinal: number) => StringTemplate | undefined): StringTemplate {
    const parts: StringTemplate[] = [];
    let ordinal = 0;
    const pattern = new RegExp(placeholder.source, placeholder.flags.includes('g') ? placeholder.flags : placeholder.flags + 'g');
    for (const piece of format.pieces) {
      if (piece.kind === 'hole') {
        parts.push(StringTemplate.hole());
        continue;
      }
      let last = 0;
      for (const match of piece.text.matchAll(pattern)) {
        const index = match.index ?? 0;
        parts.push(StringTemplate.text(piece.text.slice(last, index), offsetIn(piece, last), verbatimIn(piece, last, index)));
        if (match[0] === '%%') parts.push(StringTemplate.text('%'));
        else parts.push(substitute?.(match[0], ordinal++) ?? StringTemplate.hole());
        last = index + match[0].length;
      }
      parts.push(StringTemplate.text(piece.text.slice(last), offsetIn(piece, last), verbatimIn(piece, last, piece.text.length)));
    }
    return StringTemplate.concat(parts);
  }
}

function offsetIn(piece: Extract<TemplatePiece, { kind: 'text' }>, index: number): number | undefined {
  return piece.start === undefined ? undefined : piece.start + index;
}

function verbatimIn(piece: Extract<TemplatePiece, { kind: 'text' }>, from: number, to: number): boolean {
  return piece.start !== undefined && (piece.verbatimLength ?? 0) >= to && from <= to;
}
