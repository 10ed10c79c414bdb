// Reusable browser steps for e2e specs: accounts, sessions. Each user should live in their own
// browser context (browser.newContext()) so sessions do not mix.
import { expect, type Page } from "@playwright/test";

export const DEFAULT_PASSWORD = "e2e correct horse battery";

let counter = 0;

/** A fresh address per call (the database is fresh per run, but specs share it). */
export function uniqueEmail(prefix = "user"): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}@example.com`;
}

export interface TestUser {
  email: string;
  password: string;
}

/** Creates an account through /sign-up and waits until the console signed it in (lands on /projects). */
export async function signUp(page: Page, email = uniqueEmail(), password = DEFAULT_PASSWORD): Promise<TestUser> {
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL("**/projects");
  await expect(page.getByTestId("current-user")).toHaveText(email.toLowerCase());
  return { email: email.toLowerCase(), password };
}

/** Signs in through /sign-in; `to` is where the browser is expected to land (default /projects). */
export async function signIn(page: Page, user: TestUser, to = "/projects"): Promise<void> {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(to)}`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => u.pathname === to);
  await expect(page.getByTestId("current-user")).toHaveText(user.email);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL("**/sign-in**");
}
