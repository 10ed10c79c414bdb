// Last-used time and request count per token, kept in memory and flushed in batches by the runtime
// (lib/runtime.ts), so recording a use never waits on the database.
type Pending = { count: number; lastUsedAt: Date };

const KEY = Symbol.for("inferencekey.usage");
function pending(): Map<string, Pending> {
  const g = globalThis as { [KEY]?: Map<string, Pending> };
  return (g[KEY] ??= new Map());
}

/** Records one authenticated request made with the token (by token id). Synchronous and cheap. */
export function recordTokenUse(tokenId: string, at = new Date()): void {
  const p = pending().get(tokenId);
  if (p) {
    p.count++;
    if (at > p.lastUsedAt) p.lastUsedAt = at;
  } else pending().set(tokenId, { count: 1, lastUsedAt: at });
}

/** Takes everything recorded so far (the runtime writes it to the database). */
export function drainUsage(): Map<string, Pending> {
  const g = globalThis as { [KEY]?: Map<string, Pending> };
  const out = pending();
  g[KEY] = new Map();
  return out;
}

/** Puts back usage that could not be written (the next flush retries it). */
export function restoreUsage(usage: Map<string, Pending>): void {
  for (const [tokenId, u] of usage) {
    const p = pending().get(tokenId);
    if (!p) pending().set(tokenId, { ...u });
    else {
      p.count += u.count;
      if (u.lastUsedAt > p.lastUsedAt) p.lastUsedAt = u.lastUsedAt;
    }
  }
}
