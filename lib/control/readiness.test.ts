import { describe, expect, it } from "vitest";
import { readinessEvents, type ProbeResult, type ReadinessEvent, type WorkloadState } from "./readiness";

const since = new Date(Date.now() - 1500);

function run(states: (WorkloadState | null)[], probes: ProbeResult[], opts: { maxFailures?: number; signal?: AbortSignal } = {}) {
  let load = 0;
  let probe = 0;
  const probed: string[] = [];
  const gen = readinessEvents({
    load: async () => states[Math.min(++load, states.length - 1)],
    initial: states[0],
    probe: async (url) => {
      probed.push(url);
      return probes[Math.min(probe++, probes.length - 1)];
    },
    pollMs: 1,
    maxFailures: opts.maxFailures ?? 3,
    signal: opts.signal ?? new AbortController().signal,
  });
  return { gen, probed, loads: () => load };
}

async function collect(gen: AsyncGenerator<ReadinessEvent>, max = 50): Promise<ReadinessEvent[]> {
  const out: ReadinessEvent[] = [];
  for await (const e of gen) {
    out.push(e);
    if (out.length >= max) break;
  }
  return out;
}

const noUrl: WorkloadState = { servingUrl: null, since };
const withUrl: WorkloadState = { servingUrl: "http://gpu:8000/v1", since };
const refused: ProbeResult = { ok: false, kind: "unreachable", detail: "connection refused" };
const loading: ProbeResult = { ok: false, kind: "status", status: 503, detail: "GET /models answered HTTP 503" };
const status = (n: number): ProbeResult => ({ ok: false, kind: "status", status: n, detail: `GET /models answered HTTP ${n}` });

describe("readinessEvents", () => {
  it("starts with scheduling, stays quiet while nothing changes, then probes once a URL appears", async () => {
    const { gen, probed } = run([noUrl, noUrl, noUrl, withUrl], [{ ok: true }]);
    const events = await collect(gen);
    expect(events.map((e) => e.phase)).toEqual(["scheduling", "ready"]);
    expect(events[0].message).toMatch(/no serving URL yet/);
    expect(probed).toEqual(["http://gpu:8000/v1"]);
    for (const e of events) {
      expect(Number.isInteger(e.elapsed_ms)).toBe(true);
      expect(e.elapsed_ms).toBeGreaterThanOrEqual(1500);
    }
  });

  it("with a serving URL the first event is the probe's answer", async () => {
    const events = await collect(run([withUrl], [{ ok: true }]).gen);
    expect(events).toEqual([{ phase: "ready", message: expect.stringContaining("http://gpu:8000/v1"), elapsed_ms: expect.any(Number) }]);
  });

  it("reports provisioning/bootstrapping while failing, then a terminal error after maxFailures", async () => {
    const events = await collect(run([withUrl], [refused, loading, refused]).gen);
    expect(events.map((e) => e.phase)).toEqual(["provisioning", "bootstrapping", "error"]);
    expect(events[2].message).toBe("model server at http://gpu:8000/v1 is unreachable: connection refused (3 attempts)");
  });

  it("a server that comes up before maxFailures reaches ready", async () => {
    const events = await collect(run([withUrl], [refused, refused, { ok: true }], { maxFailures: 3 }).gen);
    expect(events.map((e) => e.phase)).toEqual(["provisioning", "provisioning", "ready"]);
  });

  it("401, 403 or 404 three times in a row end the wait long before maxFailures: they do not fix themselves", async () => {
    const key = await collect(run([withUrl], [status(401), status(401), status(401)], { maxFailures: 100 }).gen);
    expect(key.map((e) => e.phase)).toEqual(["bootstrapping", "bootstrapping", "error"]);
    expect(key[2].message).toBe("model server at http://gpu:8000/v1 refuses the probe: GET /models answered HTTP 401, 3 times in a row (check the workload's upstream key)");
    const path = await collect(run([withUrl], [status(404), status(403), status(404)], { maxFailures: 100 }).gen);
    expect(path.at(-1)!.message).toContain("(check the serving URL's base path)");
  });

  it("a server still starting (refused, 503) is waited for up to maxFailures, and refusals must be in a row", async () => {
    const probes = [refused, status(401), status(401), loading, status(401), status(401), refused, refused, refused, { ok: true } as const];
    const events = await collect(run([withUrl], probes, { maxFailures: 100 }).gen);
    expect(events.at(-1)!.phase).toBe("ready");
    expect(events).toHaveLength(10);
  });

  it("a changed serving URL restarts the failure count", async () => {
    const other: WorkloadState = { servingUrl: "http://gpu-2:8000/v1", since };
    const events = await collect(run([withUrl, withUrl, other, other], [refused, refused, refused, refused, refused], { maxFailures: 3 }).gen);
    expect(events.map((e) => e.phase)).toEqual(["provisioning", "provisioning", "provisioning", "provisioning", "error"]);
    expect(events.at(-1)!.message).toContain("gpu-2");
  });

  it("a workload deleted while waiting ends with an error", async () => {
    const events = await collect(run([noUrl, noUrl, null], [{ ok: true }]).gen);
    expect(events.map((e) => [e.phase, e.message])).toEqual([
      ["scheduling", expect.any(String)],
      ["error", "the workload was deleted"],
    ]);
  });

  it("stops when aborted", async () => {
    const ctrl = new AbortController();
    const { gen, loads } = run([noUrl], [refused], { signal: ctrl.signal });
    const first = await gen.next();
    expect(first.value).toMatchObject({ phase: "scheduling" });
    const pending = gen.next();
    ctrl.abort();
    expect(await pending).toEqual({ done: true, value: undefined });
    const n = loads();
    await new Promise((r) => setTimeout(r, 20));
    expect(loads()).toBe(n);
  });
});
