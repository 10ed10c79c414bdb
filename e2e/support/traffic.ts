// A client that calls an API every `everyMs` with "its current key", the way an app does during a
// rotation: the test swaps the key once the user has copied the new one. Requests never overlap (the
// next one starts at the next tick after the last answer); each result records the key it was sent with.

export interface TrafficResult {
  key: string;
  /** HTTP status; 0 when the request itself failed (refused, reset). */
  status: number;
  at: number;
}

export interface Traffic {
  /** From the next request on, the client uses `key`. */
  use(key: string): void;
  results: TrafficResult[];
  /** Resolves when `n` more requests have been answered. */
  waitFor(n: number): Promise<void>;
  stop(): Promise<void>;
}

export function startTraffic(send: (key: string) => Promise<number>, firstKey: string, everyMs = 50): Traffic {
  let key = firstKey;
  let running = true;
  const results: TrafficResult[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];

  const loop = (async () => {
    while (running) {
      const started = Date.now();
      const used = key;
      const status = await send(used).catch(() => 0);
      results.push({ key: used, status, at: Date.now() });
      for (const w of waiters.filter((w) => results.length >= w.count)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
      await new Promise((r) => setTimeout(r, Math.max(0, everyMs - (Date.now() - started))));
    }
  })();

  return {
    use(next) {
      key = next;
    },
    results,
    waitFor(n) {
      return new Promise((resolve) => waiters.push({ count: results.length + n, resolve }));
    },
    async stop() {
      running = false;
      await loop;
    },
  };
}

export const failed = (r: TrafficResult) => r.status === 0 || r.status >= 400;
