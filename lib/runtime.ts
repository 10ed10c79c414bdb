import type { Db } from "./db";

/** Background work of a running console (owned by the gateway/token work: usage flush, invalidation bus). */
export async function startRuntime(_db: Db): Promise<{ stop(): Promise<void> }> {
  return { async stop() {} };
}
