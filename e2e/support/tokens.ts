// Token steps shared by the e2e specs: mint through the form, read the one-time reveal through its
// copy button and the clipboard, find a token's list row. Every plaintext a spec sees is recorded for
// scripts/leak-scan.ts (run after `playwright test`), which scans the server log and the whole e2e
// database for them; the manifest part is written under test-results/ and deleted by the scan.
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page, type Request } from "@playwright/test";

export const LIVE = /^ik_live_[0-9a-f]{8}_[0-9a-f]{64}$/;
export const SDK = /^ik_sdk_[0-9a-f]{8}_[0-9a-f]{64}$/;
export const ANY_TOKEN = /ik_(live|sdk)_[0-9a-f]{8}_[0-9a-f]{64}/;

const manifestPart = path.join("test-results", "leak-scan", `minted-${process.pid}-${randomBytes(3).toString("hex")}.json`);
const seen: string[] = [];

/** Every plaintext this worker has seen so far. */
export function mintedTokens(): readonly string[] {
  return seen;
}

/** Records a plaintext for the leak scan. */
export function rememberToken(token: string): void {
  seen.push(token);
  mkdirSync(path.dirname(manifestPart), { recursive: true });
  writeFileSync(
    manifestPart,
    JSON.stringify({
      tokens: seen,
      ...(process.env.E2E_DATABASE_URL
        ? { databaseUrls: [process.env.E2E_DATABASE_URL], dataDirs: [] }
        : { dataDirs: process.env.E2E_DATA_DIR ? [process.env.E2E_DATA_DIR] : [] }),
      logFiles: process.env.E2E_LOG_FILE ? [process.env.E2E_LOG_FILE] : [],
    }),
  );
}

/** Fills and submits the mint form; returns the server-action request (for replay tests). */
export async function submitMint(page: Page, fill: () => Promise<void>, submit: string): Promise<Request> {
  await fill();
  const [req] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]),
    page.getByRole("button", { name: submit }).click(),
  ]);
  return req;
}

/** The reveal dialog's token, after checking the dialog's shape and copying it through the button:
 * what is returned is what the clipboard holds, checked equal to what the dialog shows. */
export async function revealAndCopy(page: Page, title: string | RegExp, shape: RegExp, beforeCopy?: () => Promise<void>): Promise<string> {
  const dialog = page.getByRole("dialog", { name: title });
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute("aria-modal", "true");
  // A control token is a "token", a data key a "key", everywhere in the dialog.
  const noun = shape.source.includes("ik_sdk_") ? "token" : "key";
  await expect(dialog.getByText(`You will not see this ${noun} again`)).toBeVisible();
  const copy = dialog.getByRole("button", { name: `Copy ${noun}` });
  await expect(copy).toBeFocused();
  const shown = await dialog.getByTestId("revealed-token").inputValue();
  expect(shown).toMatch(shape);
  rememberToken(shown);
  // The usage snippet has placeholders, never the token.
  await expect(dialog.locator("pre")).not.toContainText(shown);
  await beforeCopy?.();
  await copy.click();
  await expect(copy).toHaveText("Copied");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(shown);
  return copied;
}

/** `ik_live_1a2b3c4d…`: what the lists show of a token. */
export const hintOf = (token: string) => `${token.slice(0, token.lastIndexOf("_"))}…`;

/** The list row of a token, found by its public id (rows carry it). */
export function tokenRow(page: Page, token: string) {
  const publicId = token.match(/^ik_(?:live|sdk)_([0-9a-f]{8})/)![1];
  return page.locator(`tr[data-token-id="${publicId}"]`);
}
