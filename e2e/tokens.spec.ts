// Tokens in real Chromium: mint with one-time reveal and copy, list, rotate-then-revoke, revoke at
// once, viewers refused (also when replaying the owner's server-action request), audit log.
// Every minted plaintext is recorded for scripts/leak-scan.ts (run after `playwright test`), which
// scans the server log and the whole e2e database for them.
import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type BrowserContext, type Page, type Request } from "@playwright/test";
import { addMember, createProject, signUp } from "./support";
import { ANY_TOKEN, hintOf, LIVE, mintedTokens, rememberToken, revealAndCopy, SDK, submitMint, tokenRow } from "./support/tokens";

test.describe.configure({ mode: "serial" });

const run = randomBytes(3).toString("hex");
const owner = { email: `owner-${run}@example.test` };
const viewer = { email: `viewer-${run}@example.test` };
const projectSlug = `tokens-${run}`;
const workloadSlug = "support-bot";

async function gateway(request: APIRequestContext, key: string): Promise<number> {
  const r = await request.get(`/endpoint/${projectSlug}/${workloadSlug}/v1/models`, { headers: { authorization: `Bearer ${key}` } });
  return r.status();
}


// ---- shared state across the serial tests ----
let ownerCtx: BrowserContext;
let viewerCtx: BrowserContext;
let ownerPage: Page;
let sdkToken: string;
let firstKey: string;
let rotatedKey: string;
let wideKey: string;
let mintRequest: { url: string; headers: Record<string, string>; body: Buffer };
let mintRequestObject: Request;
// Every response body the owner's browser receives (the reveal checks say which may hold a token).
// Recorded by routing the owner's context through the test: the DevTools protocol cannot be relied on
// to keep the body of a streamed response (a server action's), a route sees each one whole.
const bodies: { request: Request; body: string }[] = [];

/** Response bodies that contain `token`: at most the one server-action response that minted it. */
async function responsesHolding(token: string) {
  return bodies.filter((b) => b.body.includes(token) || b.body.includes(token.slice(-64)));
}

test.beforeAll(async ({ browser }) => {
  ownerCtx = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  viewerCtx = await browser.newContext();
  await ownerCtx.route("**/*", async (route) => {
    // Redirects go back to the browser as they are, so it follows them itself.
    try {
      const response = await route.fetch({ maxRedirects: 0 });
      const body = await response.body();
      bodies.push({ request: route.request(), body: body.toString("utf8") });
      await route.fulfill({ response, body });
    } catch (e) {
      if (!ownerClosing) throw e; // requests still in flight when the context closes have nowhere to go
    }
  });
  ownerPage = await ownerCtx.newPage();
  const vp = await viewerCtx.newPage();
  await signUp(vp, viewer.email);
  await vp.close();
  await signUp(ownerPage, owner.email);
  await createProject(ownerPage, `Tokens ${run}`, projectSlug);
  await addMember(ownerPage, projectSlug, viewer.email, "viewer");
});

let ownerClosing = false;
test.afterAll(async () => {
  ownerClosing = true;
  await ownerCtx?.close();
  await viewerCtx?.close();
});

test("mint a control token: one-time reveal, copy, and it works on the control API", async ({ request }) => {
  const page = ownerPage;
  await page.goto(`/projects/${projectSlug}/tokens`);
  await submitMint(
    page,
    async () => {
      await page.getByLabel("Name").fill("ci deploy");
      await expect(page.getByRole("checkbox", { name: /workload:write/ })).toBeChecked();
      await expect(page.getByRole("checkbox", { name: /assignment:write/ })).toBeChecked();
      await expect(page.getByRole("checkbox", { name: /workload:read/ })).not.toBeChecked();
    },
    "Create token",
  );
  sdkToken = await revealAndCopy(page, "Control token created", SDK);
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  // Focus goes back to where it was (the submit button).
  await expect(page.getByRole("button", { name: "Create token" })).toBeFocused();
  await expect(tokenRow(page, hintOf(sdkToken))).toContainText("workload:write, assignment:write");

  // The control token provisions the workload the data keys below will reach.
  const created = await request.post(`/api/projects/${projectSlug}/workloads`, {
    headers: { authorization: `Bearer ${sdkToken}`, "content-type": "application/json" },
    data: { name: "Support bot", slug: workloadSlug, backend: "vllm", model_name: "meta-llama/Llama-3.1-8B-Instruct" },
  });
  expect(created.status()).toBe(201);
});

test("mint a data key for a chosen workload: reveal, copy, the gateway accepts it, and it is never shown again", async ({ request }) => {
  const page = ownerPage;
  await page.goto(`/projects/${projectSlug}/api-keys`);
  const req = await submitMint(
    page,
    async () => {
      await page.getByLabel("Name").fill("support app");
      await page.getByRole("radio", { name: "Chosen workloads" }).check();
      await page.getByRole("checkbox", { name: workloadSlug }).check();
    },
    "Create key",
  );
  mintRequestObject = req;
  mintRequest = { url: req.url(), headers: await req.allHeaders(), body: req.postDataBuffer()! };
  const mintResponse = await req.response();
  expect(mintResponse!.status()).toBe(200);
  // No cache may keep the one response that holds the plaintext.
  expect(mintResponse!.headers()["cache-control"] ?? "").toMatch(/no-store/);

  firstKey = await revealAndCopy(page, "Data key created", LIVE);
  await page.keyboard.press("Escape"); // copied: closes without asking
  await expect(page.getByRole("dialog")).toHaveCount(0);

  const r = tokenRow(page, hintOf(firstKey));
  await expect(r).toContainText(workloadSlug);
  await expect(r).toContainText(owner.email);
  await expect(r.locator("[data-status]")).toHaveText("active");

  expect(await gateway(request, firstKey)).toBe(200);

  // Reload: the token is nowhere in the page, nor in any response since the mint response.
  await page.reload();
  await expect(tokenRow(page, hintOf(firstKey))).toBeVisible();
  const html = await page.content();
  expect(html).not.toContain(firstKey);
  expect(html).not.toContain(firstKey.slice(-64));
  expect(html).not.toContain(sdkToken);
  await expect.poll(() => page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + location.href)).not.toContain(firstKey.slice(-64));
  expect(page.url()).not.toMatch(ANY_TOKEN);
  const holding = await responsesHolding(firstKey);
  expect(bodies.length).toBeGreaterThan(5);
  expect(holding.map((b) => b.request)).toEqual([mintRequestObject]); // exactly the mint response
  const sdkHolding = await responsesHolding(sdkToken);
  expect(sdkHolding).toHaveLength(1);
  expect(sdkHolding[0].request.headers()["next-action"]).toBeTruthy();
});

test("closing the reveal without copying asks first, Escape included", async () => {
  const page = ownerPage;
  await page.goto(`/projects/${projectSlug}/api-keys`);
  await submitMint(
    page,
    async () => {
      await page.getByLabel("Name").fill("whole project");
      await page.getByRole("radio", { name: /Entire project/ }).check();
      await expect(page.getByText("includes workloads created later")).toBeVisible();
      await page.getByLabel("Expires").selectOption("30");
    },
    "Create key",
  );
  const dialog = page.getByRole("dialog", { name: "Data key created" });
  await expect(dialog).toBeVisible();
  const token = await dialog.getByTestId("revealed-token").inputValue();
  expect(token).toMatch(LIVE);
  rememberToken(token);

  // Focus stays inside: many Tabs never leave the dialog.
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press("Tab");
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }

  await page.keyboard.press("Escape");
  await expect(dialog.getByText("You haven't copied this key. Close anyway?")).toBeVisible();
  await dialog.getByRole("button", { name: "Go back" }).click();
  await expect(dialog.getByText("Close anyway?")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog.getByText("Close anyway?")).toBeVisible();
  await dialog.getByRole("button", { name: "Close anyway" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  // Gone from the page for good.
  expect(await page.content()).not.toContain(token);
  await expect(tokenRow(page, hintOf(token))).toContainText(`${projectSlug}/*`);
  wideKey = token;
});

test("change a key's expiry: the list shows it, the audit log records it, and the key still works", async ({ request }) => {
  const page = ownerPage;
  await page.goto(`/projects/${projectSlug}/api-keys`);
  const r = tokenRow(page, wideKey);
  await expect(r.locator("[data-status]")).toHaveText("active"); // 30 days ahead
  await r.getByRole("button", { name: /^Change expiry/ }).click();
  const dialog = page.getByRole("dialog", { name: /^Change expiry/ });
  await dialog.getByLabel("New expiry").selectOption("date");
  await dialog.getByRole("button", { name: "Save expiry" }).click();
  await expect(dialog.getByText("Pick a date")).toBeVisible(); // the server refuses a missing date
  await dialog.getByLabel("New expiry").selectOption("7");
  await dialog.getByRole("button", { name: "Save expiry" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(r.locator("[data-status]")).toContainText("expiring soon");
  expect(await gateway(request, wideKey)).toBe(200);
  await page.goto(`/projects/${projectSlug}/audit`);
  await expect(page.locator("tr", { hasText: "token.expiry_change" }).filter({ hasText: wideKey.slice(8, 16) })).toHaveCount(1);
});

test("rotate: new key revealed, both work during the grace, old one listed as rotated", async ({ request }) => {
  const page = ownerPage;
  await page.goto(`/projects/${projectSlug}/api-keys`);
  await tokenRow(page, hintOf(firstKey)).getByRole("button", { name: /^Rotate/ }).click();
  const rotate = page.getByRole("dialog", { name: /Rotate/ });
  await rotate.getByRole("radio", { name: "1 hour" }).check();
  await rotate.getByRole("button", { name: "Rotate", exact: true }).click();
  rotatedKey = await revealAndCopy(page, "Key rotated — copy the new key", LIVE);
  expect(rotatedKey).not.toBe(firstKey);
  await page.getByRole("button", { name: "Done" }).click();
  // Keyboard users land on the list, not at the top of the page.
  await expect(page.getByRole("table").locator("xpath=..")).toBeFocused();

  const oldRow = tokenRow(page, hintOf(firstKey));
  const newRow = tokenRow(page, hintOf(rotatedKey));
  await expect(oldRow.locator("[data-status]")).toContainText("rotated — valid until");
  await expect(oldRow).toContainText(`replaced by ${hintOf(rotatedKey)}`);
  await expect(newRow.locator("[data-status]")).toHaveText("active");
  await expect(newRow).toContainText(`replaces ${hintOf(firstKey)}`);
  await expect(newRow).toContainText("support app");

  expect(await gateway(request, firstKey)).toBe(200);
  expect(await gateway(request, rotatedKey)).toBe(200);
  // Traffic on the new key shows up in its row without a reload (lists refresh every 5 s).
  await expect(newRow.locator('[data-col="requests"]')).not.toHaveText("0", { timeout: 20_000 });
});

test("revoke old: the very next request with it is refused, the new key keeps working", async ({ request }) => {
  const page = ownerPage;
  await page.goto(`/projects/${projectSlug}/api-keys`);
  await tokenRow(page, hintOf(firstKey)).getByRole("button", { name: /^Revoke old/ }).click();
  const confirm = page.getByRole("dialog", { name: /Revoke/ });
  await expect(confirm).toContainText("stops working immediately");
  await confirm.getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(tokenRow(page, hintOf(firstKey)).locator("[data-status]")).toHaveText("revoked");
  await expect(page.getByRole("table").locator("xpath=..")).toBeFocused();
  expect(await gateway(request, firstKey)).toBe(401);
  expect(await gateway(request, rotatedKey)).toBe(200);
  // Revoked keys stay listed, without actions.
  await expect(tokenRow(page, hintOf(firstKey)).getByRole("button")).toHaveCount(0);
});

test("revoke a control token at once", async ({ request }) => {
  const page = ownerPage;
  await page.goto(`/projects/${projectSlug}/tokens`);
  await tokenRow(page, hintOf(sdkToken)).getByRole("button", { name: /^Revoke/ }).click();
  await page.getByRole("dialog", { name: /Revoke/ }).getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(tokenRow(page, hintOf(sdkToken)).locator("[data-status]")).toHaveText("revoked");
  const r = await request.get(`/api/projects/${projectSlug}/workloads`, { headers: { authorization: `Bearer ${sdkToken}` } });
  expect(r.status()).toBe(403);
  expect((await r.json()).error).toBe("token_revoked");
});

test("a viewer sees the lists but no mint or row actions, and a replayed mint action is refused (a stranger's gets 404)", async ({ browser }) => {
  const page = await viewerCtx.newPage();
  for (const [pathName, button] of [
    ["api-keys", "Create key"],
    ["tokens", "Create token"],
  ] as const) {
    await page.goto(`/projects/${projectSlug}/${pathName}`);
    await expect(page.getByRole("table")).toBeVisible();
    await expect(page.getByRole("button", { name: button })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^(Rotate|Revoke|Change expiry)/ })).toHaveCount(0);
  }
  await page.goto(`/projects/${projectSlug}/api-keys`);
  await expect(page.getByRole("table")).toBeVisible();
  const before = await page.locator("tbody tr").count();

  // Forge: the owner's captured mint POST (same Next-Action id and body), sent with the viewer's cookies.
  const replay = (ctx: BrowserContext) =>
    ctx.request.post(mintRequest.url, {
      headers: {
        "next-action": mintRequest.headers["next-action"],
        "content-type": mintRequest.headers["content-type"],
        accept: mintRequest.headers["accept"] ?? "text/x-component",
        origin: new URL(mintRequest.url).origin,
      },
      data: mintRequest.body,
    });
  const refused = await replay(viewerCtx);
  const refusedText = await refused.text();
  expect(refusedText).not.toMatch(ANY_TOKEN);
  expect(refusedText).toContain("Viewers cannot manage data keys.");
  await page.goto(`/projects/${projectSlug}/api-keys`);
  await expect(page.locator("tbody tr")).toHaveCount(before);

  // A signed-in user who is not a member gets a 404 for the action, as for the project's pages.
  const strangerCtx = await browser.newContext();
  try {
    await signUp(await strangerCtx.newPage(), `stranger-${run}@example.test`);
    const strangers = await replay(strangerCtx);
    expect(strangers.status()).toBe(404);
    expect(await strangers.text()).not.toMatch(ANY_TOKEN);
  } finally {
    await strangerCtx.close();
  }
  await page.reload();
  await expect(page.locator("tbody tr")).toHaveCount(before);

  // Control: the same replay with the owner's cookies does mint, so the refusal above is the role check.
  const accepted = await replay(ownerCtx);
  const acceptedText = await accepted.text();
  const m = acceptedText.match(ANY_TOKEN);
  expect(m, "the owner's replay mints a key").not.toBeNull();
  rememberToken(m![0]);
  await page.reload();
  await expect(page.locator("tbody tr")).toHaveCount(before + 1);
  await page.close();
});

test("audit log: mint, rotate and revoke by public id, never a secret; viewers may read it", async () => {
  for (const ctx of [ownerCtx, viewerCtx]) {
    const page = await ctx.newPage();
    await page.goto(`/projects/${projectSlug}/audit`);
    const table = page.getByRole("table");
    await expect(table).toBeVisible();
    const firstId = firstKey.slice(8, 16);
    await expect(page.locator("tr", { hasText: "token.revoke" }).filter({ hasText: firstId })).toHaveCount(1);
    await expect(page.locator("tr", { hasText: "token.rotate" }).filter({ hasText: firstId })).toHaveCount(1);
    await expect(page.locator("tr", { hasText: "token.mint" }).filter({ hasText: firstId })).toHaveCount(1);
    await expect(page.locator("tr", { hasText: "user.sign_in" }).first()).toBeVisible();
    // Newest first: the replayed mint is the latest event.
    await expect(table.locator("tbody tr").first()).toContainText("token.mint");
    const html = await page.content();
    for (const t of mintedTokens()) {
      expect(html).not.toContain(t);
      expect(html).not.toContain(t.slice(-64));
    }
    await page.close();
  }
  for (const t of mintedTokens()) {
    const holding = await responsesHolding(t);
    expect(holding.length).toBeLessThanOrEqual(1);
    for (const h of holding) expect(h.request.method() === "POST" && !!h.request.headers()["next-action"]).toBe(true);
  }
});
