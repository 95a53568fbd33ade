import { loadEncoder } from '../estimate/tokens';

/**
 * Loads the tokenizer (~0.8 s per encoding, blocking) once the first diagnostics are out and
 * typing has paused, one encoding at a time; until then token counts are estimates.
 */
export class DeferredTokenizer {
  private state: 'waiting' | 'scheduled' | 'loaded' = 'waiting';

  constructor(
    /** True while an edit waits for its analysis: loading then would stall the typing loop. */
    private readonly typing: () => boolean,
    private readonly pauseMs: number,
    /** Called once both encodings are in: re-count open documents exactly. */
    private readonly loaded: () => void,
  ) {}

  /** Schedules the load; later calls do nothing. */
  loadLater(): void {
    if (this.state !== 'waiting') return;
    this.state = 'scheduled';
    this.whenIdle(() => {
      loadEncoder('o200k_base');
      this.whenIdle(() => {
        loadEncoder('cl100k_base');
        this.state = 'loaded';
        this.loaded();
      });
    });
  }

  private whenIdle(step: () => void): void {
    const attempt = () => (this.typing() ? setTimeout(attempt, this.pauseMs) : step());
    setTimeout(attempt, 2 * this.pauseMs);
  }
}
