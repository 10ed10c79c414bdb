// Starts a real console process (the production build: run `npm run build` first) on a free port,
// with its own data folder, and collects everything it prints (the plaintext-leak scan reads it).
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export interface RunningConsole {
  url: string;
  port: number;
  dataDir: string;
  logFile: string;
  logs(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

export const TEST_AUTH_SECRET = "test-secret-0123456789abcdef0123456789abcdef";

export async function startConsole(opts: { databaseUrl?: string; env?: Record<string, string>; port?: number } = {}): Promise<RunningConsole> {
  const port = opts.port ?? (await freePort());
  const dataDir = mkdtempSync(path.join(tmpdir(), "ik-console-"));
  const logFile = path.join(dataDir, "server.log");
  let out = "";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      IK_DATA_DIR: dataDir,
      NEXTAUTH_SECRET: TEST_AUTH_SECRET,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: opts.databaseUrl ?? "",
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const onData = (b: Buffer) => {
    out += b.toString();
    appendFileSync(logFile, b);
    if (process.env.IK_TEST_VERBOSE) process.stderr.write(b);
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`console did not start in 60 s:\n${out}`)), 60_000);
    const check = () => {
      if (out.includes("InferenceKey Console on")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`console exited with ${code}:\n${out}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    logFile,
    logs: () => out,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(t);
    },
  };
}
