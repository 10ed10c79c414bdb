import path from "node:path";

/** Where the embedded database and the development auth secret live. */
export function dataDir(): string {
  return path.resolve(process.env.IK_DATA_DIR || path.join(process.cwd(), ".data"));
}

export function isPostgresUrl(url: string | undefined): boolean {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

export function intFromEnv(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${JSON.stringify(v)}`);
  return n;
}
