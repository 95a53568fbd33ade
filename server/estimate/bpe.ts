/** A tiktoken rank file as js-tiktoken ships it (`js-tiktoken/ranks/*`). */
export interface RankFile {
  pat_str: string;
  bpe_ranks: string;
}

/**
 * Counts byte-pair tokens with a tiktoken rank file: the same split and merges as js-tiktoken's
 * `encode(text, [], [])`, without the decoder tables its encoder builds. Building this takes a
 * fraction of the time and memory (one map from a token's bytes, as base64, to its rank).
 */
export class TokenCounter {
  private readonly ranks = new Map<string, number>();
  private readonly pattern: RegExp;

  constructor(file: RankFile) {
    this.pattern = new RegExp(file.pat_str, 'gu');
    // Each line: a marker, the rank of its first token, then tokens in base64 with consecutive ranks.
    for (const line of file.bpe_ranks.split('\n')) {
      if (!line) continue;
      const parts = line.split(' ');
      const offset = Number.parseInt(parts[1], 10);
      for (let i = 2; i < parts.length; i++) this.ranks.set(parts[i], offset + i - 2);
    }
  }

  count(text: string): number {
    let tokens = 0;
    for (const match of text.matchAll(this.pattern)) {
      const piece = Buffer.from(match[0], 'utf8');
      tokens += this.ranks.has(piece.toString('base64')) ? 1 : this.mergedLength(piece);
    }
    return tokens;
  }

  /** Merges the adjacent pair of lowest rank until none is a token; the parts left are the tokens. */
  private mergedLength(piece: Buffer): number {
    if (piece.length === 1) return 1;
    const rankOf = (start: number, end: number) => this.ranks.get(piece.subarray(start, end).toString('base64'));
    const starts = Array.from({ length: piece.length }, (_, i) => i);
    const endOf = (i: number) => (i < starts.length ? starts[i] : piece.length);
    while (starts.length > 1) {
      let best = -1;
      let bestRank = 0;
      for (let i = 0; i < starts.length - 1; i++) {
        const rank = rankOf(starts[i], endOf(i + 2));
        if (rank !== undefined && (best < 0 || rank < bestRank)) {
          best = i;
          bestRank = rank;
        }
      }
      if (best < 0) break;
      starts.splice(best + 1, 1);
    }
    return starts.filter((start, i) => rankOf(start, endOf(i + 1)) !== undefined).length;
  }
}
