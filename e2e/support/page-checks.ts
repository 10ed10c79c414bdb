// Checks every journey page gets: no serious or critical axe-core violation, and (with SCREENSHOTS=1,
// `npm run screenshots`) a screenshot for the README under docs/screenshots/. A revealed token is
// always masked: no picture ever holds a plaintext.
import { mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export async function expectAccessible(page: Page, what: string): Promise<void> {
  await expect(page).toHaveTitle(/\S/); // the page has settled enough to have its title
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  expect(bad, `axe-core on ${what}`).toEqual([]);
}

const SHOTS = process.env.SCREENSHOTS === "1";
let taken = 0;

/** Checks the page with axe-core and, when screenshots are on, saves docs/screenshots/NN-name.png. */
export async function screen(page: Page, name: string): Promise<void> {
  await expectAccessible(page, name);
  if (!SHOTS) return;
  taken += 1;
  const dir = path.resolve("docs", "screenshots");
  mkdirSync(dir, { recursive: true });
  await page.screenshot({
    path: path.join(dir, `${String(taken).padStart(2, "0")}-${name}.png`),
    fullPage: true,
    mask: [page.getByTestId("revealed-token")],
    maskColor: "#94a3b8",
    animations: "disabled",
  });
}
