import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

/**
 * A small worker_threads pool for large scans: the main thread hands out batches of file
 * indexes on demand (fast workers take more), and results land at their index, so the output
 * order is the input order whatever finishes first.
 */

const MARK = 'costlint-lint-worker';
/** Files per message: large enough to amortise messaging, small enough to balance the load. */
const BATCH = 24;
/** Batches a worker holds: one to work on and one queued, so it never waits for the main thread to look up. */
const IN_FLIGHT = 2;
/** The main thread reads worker messages only between its own batches: small ones keep workers fed. */
const LOCAL_BATCH = 4;

interface Batch {
  items: { index: number; file: string }[];
}
interface Done<R> {
  results: { index: number; result: R }[];
}

/** True inside a pool worker (the same bundle, started by `runPool`). */
export function isPoolWorker(): boolean {
  return !isMainThread && (workerData as { mark?: string } | null)?.mark === MARK;
}

/** The input the main thread gave this worker. */
export function poolInput<I>(): I {
  return (workerData as { input: I }).input;
}

/** Worker side: answer each batch with `handle`'s results, once `prepare` has readied the batch's files (loads parsers); batches and the final 'close' are taken in the order they came. */
export function servePool<R>(prepare: (files: string[]) => Promise<void>, handle: (file: string) => R): void {
  const port = parentPort;
  if (!port) return;
  let queue = Promise.resolve();
  port.on('message', (batch: Batch | 'close') => {
    queue = queue.then(async () => {
      if (batch === 'close') {
        port.close();
        return;
      }
      await prepare(batch.items.map((item) => item.file));
      const done: Done<R> = { results: batch.items.map(({ index, file }) => ({ index, result: handle(file) })) };
      port.postMessage(done);
    });
  });
}

/**
 * Main side: lints `files` on this thread and `threads - 1` workers started from `script`. The
 * main thread takes a batch at a time too and yields between batches, so workers are fed while
 * it works. `onResult` sees the count of files done as results land.
 */
export async function runPool<I, R>(script: string, files: readonly string[], input: I, threads: number, local: (file: string) => R, onResult?: (done: number) => void): Promise<R[]> {
  const results = new Array<R>(files.length);
  let next = 0;
  let done = 0;
  const take = (size = BATCH): Batch['items'] => {
    const items = files.slice(next, next + size).map((file, i) => ({ index: next + i, file }));
    next += items.length;
    return items;
  };
  const land = (items: Done<R>['results']) => {
    for (const { index, result } of items) results[index] = result;
    done += items.length;
    onResult?.(done);
  };
  const workers: Worker[] = [];
  let failure: Error | undefined;
  let allDone: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (allDone = resolve));
  for (let i = 0; i < threads - 1; i++) {
    const worker = new Worker(script, { workerData: { mark: MARK, input } });
    workers.push(worker);
    let closed = false;
    const feed = () => {
      const items = take();
      if (items.length) worker.postMessage({ items } satisfies Batch);
      else if (!closed) {
        closed = true;
        worker.postMessage('close');
      }
    };
    worker.on('message', (message: Done<R>) => {
      land(message.results);
      if (done === files.length) allDone();
      feed();
    });
    worker.on('error', (error) => {
      failure ??= error;
      allDone();
    });
    worker.on('exit', (code) => {
      if (code !== 0 && done < files.length) {
        failure ??= new Error(`a lint worker exited with code ${code}`);
        allDone();
      }
    });
    for (let i = 0; i < IN_FLIGHT; i++) feed();
  }
  while (next < files.length && !failure) {
    land(take(LOCAL_BATCH).map(({ index, file }) => ({ index, result: local(file) })));
    // Let worker messages in: their results land and they get their next batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (done < files.length && !failure) await finished;
  for (const worker of workers) void worker.terminate();
  if (failure) throw failure;
  return results;
}
