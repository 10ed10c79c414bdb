// The dashboard core in real Chromium: accounts, projects, workloads, roles, and that the server —
// not just the UI — refuses what a role may not do.
import { expect, test, type Browser, type BrowserContext, type Page, type Request } from "@playwright/test";
import { addMember, createProject, createWorkload, signIn, signOut, signUp, uniqueEmail, type CreatedWorkload, type TestUser } from "./support";

interface Actor {
  context: BrowserContext;
  page: Page;
  user: TestUser;
}

async function newActor(browser: Browser, prefix: string): Promise<Actor> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const user = await signUp(page, uniqueEmail(prefix));
  return { context, page, user };
}

/** A captured server-action POST, to be sent again from another user's session. */
interface CapturedAction {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

async function captureAction(page: Page, submit: () => Promise<void>): Promise<CapturedAction> {
  let captured: CapturedAction | null = null;
  await page.route("**/*", async (route) => {
    const req: Request = route.request();
    const headers = await req.allHeaders();
    if (req.method() === "POST" && headers["next-action"]) {
      captured = { url: req.url(), headers, body: req.postDataBuffer() ?? Buffer.alloc(0) };
      await route.abort(); // never reaches the server: only the replays below do
      return;
    }
    await route.continue();
  });
  await submit();
  await expect.poll(() => captured !== null).toBe(true);
  await page.unroute("**/*");
  return captured!;
}

async function replay(actor: Actor, action: CapturedAction) {
  const h = action.headers;
  return actor.context.request.post(action.url, {
    headers: {
      "next-action": h["next-action"],
      "content-type": h["content-type"],
      accept: h["accept"] ?? "text/x-component",
      origin: new URL(action.url).origin,
      ...(h["next-router-state-tree"] ? { "next-router-state-tree": h["next-router-state-tree"] } : {}),
    },
    data: action.body,
    maxRedirects: 0,
  });
}

test.describe.serial("foundation", () => {
  let owner: Actor;
  let projectSlug: string;
  let workload: CreatedWorkload;
  const servingUrl = "http://127.0.0.1:9/v1";

  test.afterAll(async () => {
    await owner?.context.close();
  });

  test("signed-out visitors are sent to sign in, and a wrong password gets one clear message", async ({ page }) => {
    await page.goto("/projects");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fprojects$/);
    await page.getByLabel("Email").fill("nobody@example.com");
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator('[data-form-message="error"]')).toHaveText("Email or password is wrong.");
  });

  test("sign up, create a project and a workload, sign out and in, and find it again", async ({ browser }) => {
    owner = await newActor(browser, "owner");
    const { page } = owner;

    // Sign-up rules show as field errors.
    const probe = await browser.newContext();
    const p2 = await probe.newPage();
    await p2.goto("/sign-up");
    await p2.getByLabel("Email").fill(owner.user.email.toUpperCase());
    await p2.getByLabel("Password").fill("short");
    await p2.getByRole("button", { name: "Create account" }).click();
    await expect(p2.locator('[data-field-error="password"]')).toHaveText("Use at least 12 characters.");
    await p2.getByLabel("Password").fill("long enough password");
    await p2.getByRole("button", { name: "Create account" }).click();
    await expect(p2.locator('[data-field-error="email"]')).toContainText("already exists");
    await probe.close();

    projectSlug = await createProject(page, "Acme Foundation E2E");
    expect(projectSlug).toBe("acme-foundation-e2e");
    await expect(page.getByLabel("Environment variables")).toContainText(`INFERENCEKEY_PROJECT="${projectSlug}"`);
    await expect(page.getByLabel("Environment variables")).toContainText(`INFERENCEKEY_BASE_URL="${process.env.E2E_BASE_URL}"`);

    // The slug is unique: a second project with the same slug is refused with a clear error.
    await page.goto("/projects/new");
    await page.getByLabel("Name", { exact: true }).fill("Acme again");
    await page.getByLabel("Slug").fill(projectSlug);
    await page.getByRole("button", { name: "Create project" }).click();
    await expect(page.locator('[data-field-error="slug"]')).toContainText("Slug taken");

    workload = await createWorkload(page, projectSlug, {
      name: "Support Bot",
      taskType: "text2text",
      command: "vllm serve meta-llama/Llama-3.1-8B-Instruct",
      executionPolicy: "autoscaling",
      executionPolicyConfig: '{"max_hourly_cost_usd": 5.0}',
      servingUrl,
      upstreamKey: "sk-upstream-e2e-secret",
    });
    expect(workload.slug).toBe("support-bot");
    await expect(page.getByTestId("serving-url")).toHaveText(servingUrl);
    await expect(page.getByTestId("upstream-key-status")).toHaveText("set");
    await expect(page.locator("body")).not.toContainText("sk-upstream-e2e-secret");
    await expect(page.locator("dl")).toContainText('{"max_hourly_cost_usd": 5.0}');

    // An edit that changes the description keeps everything else, including the key.
    await page.getByLabel("Description").fill("Answers support questions");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.locator('[data-form-message="success"]')).toHaveText("Workload saved.");
    await page.reload();
    await expect(page.locator("dl")).toContainText("Answers support questions");
    await expect(page.getByTestId("upstream-key-status")).toHaveText("set");

    // The key belongs to its server: moving the serving URL elsewhere with "Keep" is refused.
    await page.getByLabel("Serving URL").fill("http://127.0.0.1:10/v1");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("The upstream key is only sent to the server it was set for")).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("serving-url")).toHaveText(servingUrl);
    await expect(page.getByTestId("upstream-key-status")).toHaveText("set");

    await signOut(page);
    await page.goto(`/projects/${projectSlug}/workloads`);
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
    await signIn(page, owner.user, `/projects/${projectSlug}/workloads`);
    const row = page.locator(`tr[data-workload="support-bot"]`);
    await expect(row).toContainText("Support Bot");
    await expect(row).toContainText(servingUrl);
    await page.goto(`/projects/${projectSlug}`);
    await expect(page.getByTestId("count-workloads")).toHaveText("1");
  });

  test("a viewer sees the project but gets no edit controls, and the server refuses a forged edit", async ({ browser }) => {
    const viewer = await newActor(browser, "viewer");
    try {
      await addMember(owner.page, projectSlug, viewer.user.email, "viewer");

      const { page } = viewer;
      await page.goto("/projects");
      await expect(page.getByRole("link", { name: /Acme Foundation E2E/ })).toBeVisible();
      await page.goto(`/projects/${projectSlug}/workloads`);
      await expect(page.locator('tr[data-workload="support-bot"]')).toBeVisible();
      await expect(page.getByRole("link", { name: "New workload" })).toHaveCount(0);
      await page.goto(workload.path);
      await expect(page.getByTestId("serving-url")).toHaveText(servingUrl);
      await expect(page.getByRole("button", { name: "Save changes" })).toHaveCount(0);
      await expect(page.getByRole("button", { name: "Delete workload" })).toHaveCount(0);
      await expect(page.locator("form input[name=name]")).toHaveCount(0);
      await page.goto(`/projects/${projectSlug}/members`);
      await expect(page.getByRole("button", { name: "Add member" })).toHaveCount(0);
      await expect(page.getByRole("button", { name: /Change role/ })).toHaveCount(0);

      // The owner's browser prepares an edit; it is held back and sent from the viewer's session.
      await owner.page.goto(workload.path);
      await owner.page.getByLabel("Description").fill("forged edit");
      const forged = await captureAction(owner.page, () => owner.page.getByRole("button", { name: "Save changes" }).click());
      const refused = await replay(viewer, forged);
      expect(await refused.text()).toContain("Your role in this project does not allow this.");
      await owner.page.goto(workload.path);
      await expect(owner.page.locator("dl")).toContainText("Answers support questions");
      await expect(owner.page.locator("dl")).not.toContainText("forged edit");

      // The same request from the owner's session goes through, so the refusal above was the role check.
      const accepted = await replay(owner, forged);
      expect(accepted.ok()).toBe(true);
      await owner.page.reload();
      await expect(owner.page.locator("dl")).toContainText("forged edit");

      // A third user, not a member: 404 on the project's pages, and the same forged edit does nothing.
      const stranger = await newActor(browser, "stranger");
      try {
        for (const path of [`/projects/${projectSlug}`, `/projects/${projectSlug}/workloads`, workload.path, `/projects/${projectSlug}/members`, `/projects/${projectSlug}/tokens`, `/projects/${projectSlug}/api-keys`, `/projects/${projectSlug}/audit`]) {
          const res = await stranger.page.goto(path);
          expect(res?.status(), path).toBe(404);
        }
        await stranger.page.goto("/projects");
        await expect(stranger.page.getByRole("link", { name: /Acme Foundation E2E/ })).toHaveCount(0);
        const strangerEdit = await captureAction(owner.page, async () => {
          await owner.page.getByLabel("Description").fill("stranger edit");
          await owner.page.getByRole("button", { name: "Save changes" }).click();
        });
        const res = await replay(stranger, strangerEdit);
        expect(res.ok()).toBe(false);
        await owner.page.goto(workload.path);
        await expect(owner.page.locator("dl")).not.toContainText("stranger edit");
      } finally {
        await stranger.context.close();
      }
    } finally {
      await viewer.context.close();
    }
  });
});
