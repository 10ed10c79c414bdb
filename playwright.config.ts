// Browser journeys in real Chromium (the system's /usr/bin/chromium, never a downloaded one) against
// the PRODUCTION build: run `npm run build` first. Every run gets a fresh data folder, and the
// server's output is appended to E2E_LOG_FILE so a spec can scan it for leaked secrets.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// Evaluated in the runner and again in each worker: the first evaluation fixes the values in the
// environment, which workers inherit.
process.env.E2E_PORT ||= "3100";
process.env.E2E_RUN_ID ||= new Date().toISOString().replace(/[:.]/g, "-");
process.env.E2E_DATA_DIR ||= path.resolve(".data", `e2e-${process.env.E2E_RUN_ID}`);
process.env.E2E_LOG_FILE = path.resolve(process.env.E2E_LOG_FILE || "test-results/server.log");
process.env.E2E_BASE_URL = `http://127.0.0.1:${process.env.E2E_PORT}`;
mkdirSync(path.dirname(process.env.E2E_LOG_FILE), { recursive: true });

export const E2E_AUTH_SECRET = "e2e-secret-0123456789abcdef0123456789abcdef";

export default defineConfig({
  testDir: "e2e",
  // Outside test-results/ itself, which holds the server log that Playwright must not wipe.
  outputDir: "test-results/playwright",
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: process.env.E2E_BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    permissions: ["clipboard-read", "clipboard-write"],
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: `node --import tsx server.ts 2>&1 | tee -a "${process.env.E2E_LOG_FILE}"`,
    url: `${process.env.E2E_BASE_URL}/sign-in`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    env: {
      ...(process.env as Record<string, string>),
      NODE_ENV: "production",
      PORT: process.env.E2E_PORT,
      HOST: "127.0.0.1",
      NEXTAUTH_SECRET: E2E_AUTH_SECRET,
      NEXTAUTH_URL: process.env.E2E_BASE_URL,
      IK_DATA_DIR: process.env.E2E_DATA_DIR,
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
    },
  },
});
