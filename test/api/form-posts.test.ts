// Bodies Next would otherwise answer with a bare 500: multipart POSTs to pages (parsed as no-JavaScript
// form actions) and to /api/ paths no route serves. Over real HTTP against a running console.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSeededConsole, type SeededConsole } from "../support/seed";

let env: SeededConsole;
beforeAll(async () => {
  env = await startSeededConsole();
});
afterAll(async () => {
  await env?.stop();
});

const BROKEN = { "content-type": "multipart/form-data; boundary=zz" };

async function post(path: string, body: BodyInit, headers: Record<string, string> = {}) {
  const res = await fetch(env.url + path, { method: "POST", body, headers, redirect: "manual" });
  const text = await res.text();
  return { status: res.status, type: res.headers.get("content-type") ?? "", text };
}

/** The sign-up form as a browser without JavaScript posts it: the page's hidden action fields plus ours. */
async function signUpWithoutJavaScript(email: string) {
  const page = await (await fetch(`${env.url}/sign-up`)).text();
  const form = new FormData();
  for (const [, name, value] of page.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)) {
    form.append(name, (value ?? "").replaceAll("&quot;", '"').replaceAll("&amp;", "&"));
  }
  expect([...form.keys()].some((k) => k.startsWith("$ACTION"))).toBe(true);
  form.append("email", email);
  form.append("name", "");
  form.append("password", "correct horse battery staple");
  return post("/sign-up", form);
}

describe("multipart POSTs to pages", () => {
  it.each(["/", "/sign-in", "/sign-up", "/projects", "/projects/nope/tokens", "/no-such-page"])("a malformed body to %s is a typed 400", async (path) => {
    const r = await post(path, '{"name":"x"}', BROKEN);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text)).toMatchObject({ error: "bad_request" });
  });

  it("a body over 1 MiB is a typed 413", async () => {
    const form = new FormData();
    form.append("a", "x".repeat(1024 * 1024 + 1));
    const r = await post("/sign-in", form);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.text)).toMatchObject({ error: "payload_too_large" });
  });

  it("a well-formed form posted without JavaScript still reaches its server action", async () => {
    const email = `nojs-${Date.now()}@example.test`;
    const first = await signUpWithoutJavaScript(email);
    expect(first.status).toBe(200);
    expect(first.text).toContain("Account created");
    expect(await env.prisma.user.count({ where: { email } })).toBe(1);
    const again = await signUpWithoutJavaScript(email);
    expect(again.status).toBe(200);
    expect(again.text).not.toContain("Account created");
    expect(await env.prisma.user.count({ where: { email } })).toBe(1);
  });

  it("logged no server error", () => {
    expect(env.console.logs()).not.toMatch(/Failed to parse body as FormData|⨯/);
  });
});

describe("/api/ paths that no route serves", () => {
  it.each([
    ["GET", "/api/workloads"],
    ["POST", "/api/workloads"],
    ["DELETE", "/api/projects/x"],
    ["PUT", "/api/projects/x/workloads/y"],
    ["PATCH", "/api/nothing/at/all"],
  ])("%s %s is a JSON 404, whatever the body", async (method, path) => {
    const res = await fetch(env.url + path, { method, body: method === "GET" ? undefined : '{"name":"x"}', headers: method === "GET" ? {} : BROKEN });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await res.json()).toMatchObject({ error: "not_found" });
  });
});
