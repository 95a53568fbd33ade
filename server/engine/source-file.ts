import type { Range } from './facts';

/** A file's text and path; positions are computed lazily and once. */
export interface SourceFile {
  /** Absolute or workspace-relative path; extractors use it only for its extension and folder. */
  path: string;
  text: string;
}

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 column. */
  character: number;
}

/** Line starts of a text, for turning offsets into line/column and back; found on first use (most files of a scan never need them). */
export class LineIndex {
  private lazyStarts: number[] | undefined;

  constructor(readonly text: string) {}

  private get starts(): number[] {
    if (!this.lazyStarts) {
      const starts = [0];
      const text = this.text;
      if (!text.includes('\r')) {
        // `\n` only (most files): indexOf skips between line ends far faster than a loop over characters.
        for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      } else {
        for (let i = 0; i < text.length; i++) {
          const c = text.charCodeAt(i);
          if (c === 10) starts.push(i + 1);
          else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
        }
      }
      this.lazyStarts = starts;
    }
    return this.lazyStarts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.starts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[Math.max(0, position.line)];
    return Math.min(start + position.character, this.lineEnd(position.line));
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** Offset of the end of a line, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    let end = next;
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13 && end > this.starts[line]) end--;
    return Math.max(end, this.starts[line]);
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}

/** 1-based line/column span, as ESLint and most CLI formats print it. */
export interface Location {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function locationOf(index: LineIndex, range: Range): Location {
  const start = index.positionAt(range.start);
  const end = index.positionAt(range.end);
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}
