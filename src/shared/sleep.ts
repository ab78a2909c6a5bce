/**
 * Waits, or stops waiting when the signal is aborted (rejecting with its reason). The listener
 * goes when the wait ends: a long-lived signal (the scheduler's, for the server's life) would
 * otherwise gather one per wait.
 */
export const sleepFor = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const aborted = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', aborted);
      resolve();
    }, ms);
    signal?.addEventListener('abort', aborted, { once: true });
  });
