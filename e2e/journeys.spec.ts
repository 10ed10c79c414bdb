// The three journeys of the people who use the console, end to end in real Chromium, across the
// dashboard and both APIs, with a fake OpenAI-compatible model server on loopback:
//   1. sign up, create a project and a workload served by the model server;
//   2. copy a token exactly once (reveal modal → clipboard) and use it: a control token provisions a
//      second workload over the control API, a data key makes a chat call through the gateway;
//   3. rotate each token under live traffic (a request every 50 ms with "the current key"), move the
//      client, see the old one go idle, revoke it: zero failed requests, and the very first request
//      with the old token after the revoke is refused;
// then sign out: the dashboard sends the browser to sign in, the tokens keep working.
// Every page is checked with axe-core; `npm run screenshots` also saves each screen under
// docs/screenshots/ for the README.
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { startFakeUpstream, type FakeUpstream } from "../test/fixtures/fake-upstream";
import { createProject, createWorkload, signOut, signUp, uniqueEmail, uniqueProjectName } from "./support";
import { expectAccessible, screen } from "./support/page-checks";
import { hintOf, LIVE, revealAndCopy, SDK, submitMint, tokenRow } from "./support/tokens";
import { failed, startTraffic, type Traffic } from "./support/traffic";

test.describe.configure({ mode: "serial" });

const BASE = process.env.E2E_BASE_URL!;
let upstream: FakeUpstream;
let ctx: BrowserContext;
let page: Page;
let project: string;
const chat = { name: "Support assistant", slug: "support-assistant" };
const viaApi = { name: "Nightly summarizer", slug: "nightly-summarizer" };
let sdkToken: string;
let liveKey: string;
let chatPath: string;

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

/** A chat call through the gateway, as any OpenAI client makes it; returns the status. */
async function chatCall(key: string, content = "hello"): Promise<number> {
  const r = await fetch(`${BASE}/endpoint/${project}/${chat.slug}/v1/chat/completions`, {
    method: "POST",
    headers: { ...bearer(key), "content-type": "application/json" },
    body: JSON.stringify({ model: chat.slug, messages: [{ role: "user", content }] }),
  });
  await r.arrayBuffer();
  return r.status;
}

/** The SDK's first call in ensure(): list the project's workloads. */
async function listWorkloads(token: string): Promise<number> {
  const r = await fetch(`${BASE}/api/projects/${project}/workloads`, { headers: bearer(token) });
  await r.arrayBuffer();
  return r.status;
}

test.beforeAll(async ({ browser }) => {
  upstream = await startFakeUpstream();
  ctx = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"], viewport: { width: 1440, height: 900 } });
  page = await ctx.newPage();
});

test.afterAll(async () => {
  await ctx?.close();
  await upstream?.close();
});

test("a new user signs up, creates a project and a workload served by a model server", async () => {
  await page.goto("/sign-up");
  await screen(page, "sign-up");
  await signUp(page, uniqueEmail("journey"));
  await screen(page, "projects-empty");

  await page.goto("/projects/new");
  await screen(page, "new-project");
  project = await createProject(page, uniqueProjectName("Acme support"));
  await screen(page, "project-overview");

  await page.goto(`/projects/${project}/workloads/new`);
  await screen(page, "new-workload");
  const w = await createWorkload(page, project, { name: chat.name, taskType: "text2text", servingUrl: upstream.baseUrl, modelName: "meta-llama/Llama-3.1-8B-Instruct" });
  expect(w.slug).toBe(chat.slug);
  chatPath = w.path;
  await expect(page.getByText(upstream.baseUrl)).toBeVisible();
  await screen(page, "workload");
});

test("mints a control token, copies it once, and provisions a second workload with it over the control API", async () => {
  await page.goto(`/projects/${project}/tokens`);
  await screen(page, "control-tokens-empty");
  await submitMint(page, () => page.getByLabel("Name").fill("CI deploy"), "Create token");
  sdkToken = await revealAndCopy(page, "Control token created", SDK, () => screen(page, "control-token-reveal"));
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  expect(await page.content()).not.toContain(sdkToken.slice(-64));

  // What the SDK's ensure() sends when the workload does not exist yet.
  const created = await fetch(`${BASE}/api/projects/${project}/workloads`, {
    method: "POST",
    headers: { ...bearer(sdkToken), "content-type": "application/json" },
    body: JSON.stringify({ name: viaApi.name, slug: viaApi.slug, task_type: "text2text", backend: "vllm", model_name: "Qwen/Qwen2.5-7B-Instruct" }),
  });
  expect(created.status).toBe(201);
  expect(await created.json()).toMatchObject({ slug: viaApi.slug, name: viaApi.name });

  await page.goto(`/projects/${project}/workloads`);
  await expect(page.locator(`tr[data-workload="${viaApi.slug}"]`)).toContainText(viaApi.name);
  await expect(page.locator(`tr[data-workload="${chat.slug}"]`)).toBeVisible();
  await screen(page, "workloads");
  // The token's row shows the use (control tokens record it at most about once a minute: the first use counts).
  await page.goto(`/projects/${project}/tokens`);
  await expect(tokenRow(page, sdkToken).locator('[data-col="last-used"]')).not.toHaveText("never", { timeout: 20_000 });
});

test("mints a data key for the first workload, copies it once, and a chat call through the gateway answers", async () => {
  await page.goto(`/projects/${project}/api-keys`);
  await submitMint(
    page,
    async () => {
      await page.getByLabel("Name").fill("Support app (production)");
      await page.getByRole("radio", { name: "Chosen workloads" }).check();
      await page.getByRole("checkbox", { name: chat.slug }).check();
      await screen(page, "data-key-form");
    },
    "Create key",
  );
  liveKey = await revealAndCopy(page, "Data key created", LIVE, () => screen(page, "data-key-reveal"));
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);

  const r = await fetch(`${BASE}/endpoint/${project}/${chat.slug}/v1/chat/completions`, {
    method: "POST",
    headers: { ...bearer(liveKey), "content-type": "application/json" },
    body: JSON.stringify({ model: chat.slug, messages: [{ role: "user", content: "Where is my order?" }] }),
  });
  expect(r.status).toBe(200);
  const answer = (await r.json()) as { choices: { message: { content: string } }[] };
  expect(answer.choices[0].message.content).toBe("echo: Where is my order?");
  // The model server got the workload's model name, not the slug the client sent, and never the key.
  const seen = upstream.requests.at(-1)!;
  expect(JSON.parse(seen.body).model).toBe("meta-llama/Llama-3.1-8B-Instruct");
  expect(seen.headers.authorization).toBeUndefined();

  const row = tokenRow(page, liveKey);
  await expect(row.locator('[data-col="requests"]')).toHaveText("1", { timeout: 20_000 });
  await expect(row.locator('[data-col="last-used"]')).not.toHaveText("never");
  await screen(page, "data-keys");

  // The workload's page lists the key that reaches it.
  await page.goto(chatPath);
  await expect(page.getByRole("region", { name: "Data keys that reach this workload" })).toContainText(hintOf(liveKey));
  await screen(page, "workload-keys");
});

/** Rotates the token of `row` in the dashboard while `traffic` runs; returns the new plaintext, after
 * the client has moved to it. */
async function rotateUnderTraffic(kind: "sdk" | "live", old: string, traffic: Traffic): Promise<string> {
  const row = tokenRow(page, old);
  await row.getByRole("button", { name: /^Rotate/ }).click();
  const dialog = page.getByRole("dialog", { name: /^Rotate/ });
  await expect(dialog.getByRole("radio", { name: /^Until I revoke it/ })).toBeChecked();
  if (kind === "live") await screen(page, "rotate-dialog");
  await dialog.getByRole("button", { name: "Rotate", exact: true }).click();
  const title = kind === "sdk" ? "Token rotated — copy the new token" : "Key rotated — copy the new key";
  const fresh = await revealAndCopy(page, title, kind === "sdk" ? SDK : LIVE);
  await page.getByRole("button", { name: "Done" }).click();
  // The app's secret store now holds the new token: the client moves over.
  traffic.use(fresh);
  await expect(row.locator("[data-status]")).toHaveText("rotated — valid until revoked");
  await expect(tokenRow(page, fresh).locator("[data-status]")).toHaveText("active");
  return fresh;
}

async function revokeOld(old: string): Promise<void> {
  await tokenRow(page, old).getByRole("button", { name: /^Revoke old/ }).click();
  const confirm = page.getByRole("dialog", { name: /^Revoke/ });
  await expect(confirm).toContainText("stops working immediately");
  await confirm.getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(tokenRow(page, old).locator("[data-status]")).toHaveText("revoked");
}

/** Revokes the old token while the client keeps going on the new one; `probe` is the first request
 * with the old token after the revoke. Prints the run's counts, then checks them. */
async function revokeOldUnderTraffic(label: string, traffic: Traffic, old: string, fresh: string, probe: () => Promise<number>, refusedWith: number) {
  await revokeOld(old);
  const afterRevoke = await probe();
  await traffic.waitFor(10);
  await traffic.stop();
  const r = traffic.results;
  const line =
    `${label}: ${r.length} requests sent (${r.filter((x) => x.key === old).length} with the old token, ` +
    `${r.filter((x) => x.key === fresh).length} with the new one), ${r.filter(failed).length} failed; ` +
    `first request with the old token after the revoke: ${afterRevoke}`;
  console.log(line);
  test.info().annotations.push({ type: "traffic", description: line });
  expect(afterRevoke).toBe(refusedWith);
  expect(r.filter(failed)).toEqual([]);
  expect(r.filter((x) => x.key === fresh).length).toBeGreaterThan(10);
}

test("rotates the data key under live traffic: no request fails, the old key goes idle, then its revoke is obeyed at once", async () => {
  await page.goto(`/projects/${project}/api-keys`);
  const old = liveKey;
  const traffic = startTraffic((k) => chatCall(k), old, 50);
  try {
    await traffic.waitFor(20);
    const fresh = await rotateUnderTraffic("live", old, traffic);
    await traffic.waitFor(10); // every request still on its way with the old key has been answered

    // The old key's count stops at exactly the requests sent with it (+1 from the previous test), and
    // its last-used time stops moving while the new key's keeps counting.
    const sentWithOld = traffic.results.filter((x) => x.key === old).length + 1;
    const oldRow = tokenRow(page, old);
    const newRow = tokenRow(page, fresh);
    await expect(oldRow.locator('[data-col="requests"]')).toHaveText(sentWithOld.toLocaleString("en-US"), { timeout: 20_000 });
    const oldLastUsed = await oldRow.locator('[data-col="last-used"]').textContent();
    const newCount = Number((await newRow.locator('[data-col="requests"]').textContent())!.replace(/,/g, ""));
    await expect.poll(async () => Number((await newRow.locator('[data-col="requests"]').textContent())!.replace(/,/g, "")), { timeout: 20_000 }).toBeGreaterThan(newCount);
    await expect(oldRow.locator('[data-col="last-used"]')).toHaveText(oldLastUsed!);
    await expect(oldRow.locator('[data-col="requests"]')).toHaveText(sentWithOld.toLocaleString("en-US"));
    await screen(page, "data-keys-rotated");

    await revokeOldUnderTraffic("data plane rotation", traffic, old, fresh, () => chatCall(old), 401);
    await screen(page, "data-keys-revoked");
    liveKey = fresh;
  } finally {
    await traffic.stop();
  }
});

test("rotates the control token under live SDK traffic: no request fails, then the old token gets 403 at once", async () => {
  await page.goto(`/projects/${project}/tokens`);
  const old = sdkToken;
  const traffic = startTraffic((t) => listWorkloads(t), old, 50);
  try {
    await traffic.waitFor(20);
    const fresh = await rotateUnderTraffic("sdk", old, traffic);
    await traffic.waitFor(10);
    const probe = async () => {
      const r = await fetch(`${BASE}/api/projects/${project}/workloads`, { headers: bearer(old) });
      expect(((await r.json()) as { error: string }).error).toBe("token_revoked");
      return r.status;
    };
    await revokeOldUnderTraffic("control plane rotation", traffic, old, fresh, probe, 403);
    await screen(page, "control-tokens-rotated");
    sdkToken = fresh;
  } finally {
    await traffic.stop();
  }
});

test("the audit log tells the story, and signing out closes the dashboard but not the tokens", async () => {
  await page.goto(`/projects/${project}/audit`);
  for (const action of ["token.mint", "token.rotate", "token.revoke", "workload.create", "user.sign_in"]) {
    await expect(page.locator("tbody tr", { hasText: action }).first()).toBeVisible();
  }
  await screen(page, "audit");

  await signOut(page);
  await expectAccessible(page, "sign-in");
  for (const p of [`/projects`, `/projects/${project}`, `/projects/${project}/api-keys`, `/projects/${project}/tokens`]) {
    await page.goto(p);
    await page.waitForURL(/\/sign-in/);
  }
  await screen(page, "sign-in");
  // Tokens are not tied to the browser session.
  expect(await chatCall(liveKey)).toBe(200);
  expect(await listWorkloads(sdkToken)).toBe(200);
});
