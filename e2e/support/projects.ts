import { expect, type Page } from "@playwright/test";
import type { Role } from "../../lib/access";

let counter = 0;

/** A project name unique within the run, so its slug does not collide. */
export function uniqueProjectName(prefix = "Project"): string {
  counter += 1;
  return `${prefix} ${Date.now().toString(36)} ${counter}`;
}

/** Creates a project through /projects/new and returns its slug (the page lands on its overview). */
export async function createProject(page: Page, name = uniqueProjectName(), slug?: string): Promise<string> {
  await page.goto("/projects/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  if (slug) await page.getByLabel("Slug").fill(slug);
  await page.getByRole("button", { name: "Create project" }).click();
  await page.waitForURL(/\/projects\/[a-z0-9-]+$/);
  await expect(page.getByTestId("project-name")).toHaveText(name.trim());
  return new URL(page.url()).pathname.split("/")[2];
}

/** Adds an existing user to a project (the page's user must be an owner or admin). */
export async function addMember(page: Page, projectSlug: string, email: string, role: Role): Promise<void> {
  await page.goto(`/projects/${projectSlug}/members`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(page.locator('[data-form-message="success"]')).toContainText(`Added ${email.toLowerCase()} as ${role}`);
}
