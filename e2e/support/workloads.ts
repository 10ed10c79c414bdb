import { expect, type Page } from "@playwright/test";

export interface WorkloadFields {
  name: string;
  slug?: string;
  description?: string;
  taskType?: string;
  backend?: string;
  modelName?: string;
  command?: string;
  vllmVersion?: string;
  executionPolicy?: "fixed" | "scheduled" | "autoscaling";
  executionPolicyConfig?: string;
  servingUrl?: string;
  upstreamKey?: string;
}

export interface CreatedWorkload {
  id: string;
  slug: string;
  /** Path of the workload's page in the dashboard. */
  path: string;
}

/** Creates a workload through the dashboard form and returns its id, slug and page path. */
export async function createWorkload(page: Page, projectSlug: string, w: WorkloadFields): Promise<CreatedWorkload> {
  await page.goto(`/projects/${projectSlug}/workloads/new`);
  await page.getByLabel("Name", { exact: true }).fill(w.name);
  if (w.slug) await page.getByLabel("Slug").fill(w.slug);
  if (w.description) await page.getByLabel("Description").fill(w.description);
  if (w.taskType) await page.getByLabel("Task type").selectOption(w.taskType);
  await page.getByLabel("Backend").fill(w.backend ?? "vllm");
  await page.getByLabel("Model name").fill(w.modelName ?? "meta-llama/Llama-3.1-8B-Instruct");
  if (w.command) await page.getByLabel("Command").fill(w.command);
  if (w.vllmVersion) await page.getByLabel("vLLM version").fill(w.vllmVersion);
  if (w.executionPolicy) await page.locator('select[name="execution_policy"]').selectOption(w.executionPolicy);
  if (w.executionPolicyConfig) await page.getByLabel("Execution policy config").fill(w.executionPolicyConfig);
  if (w.servingUrl) await page.getByLabel("Serving URL").fill(w.servingUrl);
  if (w.upstreamKey) await page.getByLabel("Upstream API key").fill(w.upstreamKey);
  await page.getByRole("button", { name: "Create workload" }).click();
  await page.waitForURL(new RegExp(`/projects/${projectSlug}/workloads/wl_[0-9a-z]+$`));
  const id = new URL(page.url()).pathname.split("/").pop()!;
  const slug = (await page.locator("h1 + p code").first().textContent())!.trim();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(w.name);
  return { id, slug, path: `/projects/${projectSlug}/workloads/${id}` };
}
