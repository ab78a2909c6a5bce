/**
 * openFDA allows 240 requests a minute per key or IP (openfda-api.md §1). A sliding window of the
 * last minute's request times: when it is full, wait until the oldest one leaves it.
 */
export class RequestWindow {
  private readonly sent: number[] = [];

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Resolves when one more request may be sent, and counts it. */
  async take(): Promise<void> {
    for (;;) {
      const t = this.now();
      while (this.sent.length > 0 && this.sent[0]! <= t - 60_000) this.sent.shift();
      if (this.sent.length < this.perMinute) {
        this.sent.push(t);
        return;
      }
      await this.sleep(this.sent[0]! + 60_000 - t + 1);
    }
  }
}
