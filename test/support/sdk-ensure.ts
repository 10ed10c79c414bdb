// A faithful replay of the official SDK's ManagementClient (contract §1–3): the same requests, the
// same strict decoding, the same ensure()/delete() algorithm and serde_json Value equality, where the
// number 5.0 (float) is not equal to 5 (integer). Every HTTP call is recorded so tests can assert
// that a second ensure() sends no write.

// ---------------------------------------------------------------------------------------------
// serde_json-like values: numbers keep whether they were written as integers or floats.

export type JNum = { num: "int"; v: bigint } | { num: "float"; v: number };
export type JVal = null | boolean | string | JNum | JVal[] | { obj: Map<string, JVal> };

export class JsonError extends Error {}

/** Parses JSON text the way serde_json does into a Value (strict: trailing garbage fails). */
export function parseJson(text: string): JVal {
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const fail = (what: string): never => {
    throw new JsonError(`json error: ${what} at offset ${i}`);
  };
  const value = (): JVal => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      const obj = new Map<string, JVal>();
      ws();
      if (text[i] === "}") {
        i++;
        return { obj };
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail("expected a key");
        const k = str();
        ws();
        if (text[i] !== ":") fail("expected ':'");
        i++;
        obj.set(k, value()); // duplicate keys: the last one wins
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") {
          i++;
          return { obj };
        } else fail("expected ',' or '}'");
      }
    }
    if (c === "[") {
      i++;
      const arr: JVal[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value());
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") {
          i++;
          return arr;
        } else fail("expected ',' or ']'");
      }
    }
    if (c === '"') return str();
    if (text.startsWith("true", i)) return (i += 4), true;
    if (text.startsWith("false", i)) return (i += 5), false;
    if (text.startsWith("null", i)) return (i += 4), null;
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === "" || m[0] === "-") return fail("expected a value");
    i += m[0].length;
    if (m[2] === undefined && m[3] === undefined) {
      const b = BigInt(m[0]);
      // serde_json: integers outside i64/u64 become floats.
      if (b >= -(2n ** 63n) && b < 2n ** 64n) return { num: "int", v: b };
    }
    return { num: "float", v: Number(m[0]) };
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === "\\") i++;
      else if (text.charCodeAt(i) < 0x20) fail("control character in string");
      i++;
    }
    if (i >= text.length) fail("unterminated string");
    i++;
    const s = JSON.parse(text.slice(start, i)) as string;
    // serde_json refuses lone surrogate escapes
    if (!s.isWellFormed()) fail("lone surrogate");
    return s;
  };
  const v = value();
  ws();
  if (i !== text.length) fail("trailing characters");
  return v;
}

function isNum(v: JVal): v is JNum {
  return typeof v === "object" && v !== null && !Array.isArray(v) && "num" in v;
}
function isObj(v: JVal): v is { obj: Map<string, JVal> } {
  return typeof v === "object" && v !== null && !Array.isArray(v) && "obj" in v;
}

/** serde_json Value equality: key order ignored, number representation not. */
export function jsonEqual(a: JVal, b: JVal): boolean {
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, k) => jsonEqual(x, b[k]));
  }
  if (isNum(a) || isNum(b)) return isNum(a) && isNum(b) && a.num === b.num && a.v === b.v;
  if (isObj(a) && isObj(b)) {
    if (a.obj.size !== b.obj.size) return false;
    for (const [k, v] of a.obj) if (!b.obj.has(k) || !jsonEqual(v, b.obj.get(k)!)) return false;
    return true;
  }
  return false;
}

const field = (o: JVal, k: string): JVal | undefined => (isObj(o) ? o.obj.get(k) : undefined);

// ---------------------------------------------------------------------------------------------
// Strict Workload decoding (§3.3).

export const TASK_TYPES = ["text2text", "embedding", "text2image", "text2video", "text2audio", "image2image", "image2video", "audio2text", "omni", "reranker", "classification", "reward", "forecast"];
const POLICIES = ["fixed", "scheduled", "autoscaling"];

export interface LiveWorkload {
  id: string;
  project_id: string;
  name: string;
  slug: string;
  task_type: string;
  backend: string;
  model_name: string;
  created_at: string;
  updated_at: string;
  description: string | null;
  worker_id: string | null;
  gpu_resource_id: string | null;
  config: JVal | undefined;
  execution_policy: string | null;
  execution_policy_config: JVal | undefined;
}

export function decodeWorkload(v: JVal): LiveWorkload {
  if (!isObj(v)) throw new JsonError("json error: a workload must be an object");
  const req = (k: string): string => {
    const x = v.obj.get(k);
    if (typeof x !== "string") throw new JsonError(`json error: missing or non-string field \`${k}\``);
    return x;
  };
  const opt = (k: string): string | null => {
    const x = v.obj.get(k);
    if (x === undefined || x === null) return null;
    if (typeof x !== "string") throw new JsonError(`json error: field \`${k}\` must be a string`);
    return x;
  };
  const task = req("task_type");
  if (!TASK_TYPES.includes(task)) throw new JsonError(`json error: unknown variant \`${task}\``);
  const policy = opt("execution_policy");
  if (policy !== null && !POLICIES.includes(policy)) throw new JsonError(`json error: unknown variant \`${policy}\``);
  return {
    id: req("id"),
    project_id: req("project_id"),
    name: req("name"),
    slug: req("slug"),
    task_type: task,
    backend: req("backend"),
    model_name: req("model_name"),
    created_at: req("created_at"),
    updated_at: req("updated_at"),
    description: opt("description"),
    worker_id: opt("worker_id"),
    gpu_resource_id: opt("gpu_resource_id"),
    config: v.obj.get("config"),
    execution_policy: policy,
    execution_policy_config: v.obj.get("execution_policy_config"),
  };
}

function decodeList(v: JVal): LiveWorkload[] {
  if (v === null) return [];
  if (Array.isArray(v)) return v.map(decodeWorkload);
  if (isObj(v) && v.obj.has("workloads")) {
    const w = v.obj.get("workloads")!;
    if (w === null) return [];
    if (Array.isArray(w)) return w.map(decodeWorkload);
  }
  throw new JsonError("json error: expected a workload list");
}

// ---------------------------------------------------------------------------------------------
// Errors (§2.2).

export class SdkError extends Error {
  constructor(
    readonly kind: "BadRequest" | "Auth" | "Permission" | "NotFound" | "Api" | "Drift" | "Json",
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

function mapStatusError(status: number, body: string): SdkError {
  let code: string | undefined;
  try {
    const v = parseJson(body);
    const e = field(v, "error");
    if (typeof e === "string") code = e;
  } catch {
    // not JSON: no code
  }
  const message = code ?? (body.trim() || "request failed");
  switch (status) {
    case 400:
      return new SdkError("BadRequest", `bad request: ${message}`, status, code);
    case 401:
      return new SdkError("Auth", `authentication failed: ${message}`, status, code);
    case 403: {
      const c = code && ["wrong_credential_type", "project_scope_mismatch", "scope_insufficient"].includes(code) ? code : "forbidden";
      return new SdkError("Permission", `permission denied [${c}]: ${message}`, status, c);
    }
    case 404:
      return new SdkError("NotFound", `not found: ${message}`, status, code);
    default:
      return new SdkError("Api", `api error (status ${status}): ${message}`, status, code);
  }
}

// ---------------------------------------------------------------------------------------------
// The client.

export function canonicalSlug(s: string): string {
  return s
    .split("")
    .map((c) => (/[A-Za-z0-9]/.test(c) ? c : "-"))
    .join("")
    .toLowerCase()
    .split("-")
    .filter((p) => p !== "")
    .join("-");
}

export interface WorkloadSpec {
  name: string;
  slug: string;
  model: string;
  backend: string;
  description?: string;
  task_type?: string;
  command?: string;
  vllm_version?: string;
  worker_id?: string;
  gpu_resource_id?: string;
  execution_policy?: "fixed" | "scheduled" | "autoscaling";
  /** Raw JSON text, as the SDK would serialise the user's value (e.g. '{"max_hourly_cost_usd":5.0}'). */
  execution_policy_config?: string;
  project?: string;
}

export type OnDrift = "reconcile" | "fail" | "dry_run" | "warn" | "ignore";

export interface RecordedCall {
  method: string;
  path: string;
  body: string | null;
  status: number;
  responseText: string;
}

export interface EndpointRef {
  project_slug: string;
  workload_slug: string;
}

export class ReplayManagementClient {
  readonly calls: RecordedCall[] = [];
  private readonly base: string;

  constructor(
    baseUrl: string,
    readonly project: string,
    private readonly token: string,
  ) {
    this.base = baseUrl.replace(/\/+$/, "");
  }

  /** Requests that changed something (what a second ensure() must not send). */
  writes(): RecordedCall[] {
    return this.calls.filter((c) => c.method !== "GET");
  }

  private async request(method: string, path: string, body?: string): Promise<JVal> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.token}`, Accept: "*/*" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    // Redirects are not followed here: the SDK may follow them, but the API must never need one.
    const res = await fetch(this.base + path, { method, headers, body, redirect: "manual" });
    const text = await res.text();
    this.calls.push({ method, path, body: body ?? null, status: res.status, responseText: text });
    if (res.status < 200 || res.status > 299) throw mapStatusError(res.status, text);
    if (text === "") return null;
    try {
      return parseJson(text);
    } catch (e) {
      throw new SdkError("Json", (e as Error).message, res.status);
    }
  }

  async list(project = this.project): Promise<LiveWorkload[]> {
    const v = await this.request("GET", `/api/projects/${project}/workloads`);
    try {
      return decodeList(v);
    } catch (e) {
      throw new SdkError("Json", (e as Error).message);
    }
  }

  private decodeOne(v: JVal): LiveWorkload {
    try {
      return decodeWorkload(v);
    } catch (e) {
      throw new SdkError("Json", (e as Error).message);
    }
  }

  /** The create body: compact, keys in struct order, unset options omitted (§3.2). */
  static createBody(spec: WorkloadSpec, slug: string): string {
    const parts: string[] = [];
    const put = (k: string, raw: string | undefined) => {
      if (raw !== undefined) parts.push(`${JSON.stringify(k)}:${raw}`);
    };
    const s = (v: string | undefined) => (v === undefined ? undefined : JSON.stringify(v));
    put("name", s(spec.name));
    put("slug", s(slug));
    put("description", s(spec.description));
    put("task_type", s(spec.task_type ?? "text2text"));
    put("backend", s(spec.backend));
    put("model_name", s(spec.model));
    put("config", configText(spec));
    put("worker_id", s(spec.worker_id));
    put("gpu_resource_id", s(spec.gpu_resource_id));
    put("execution_policy", s(spec.execution_policy));
    put("execution_policy_config", spec.execution_policy_config);
    return `{${parts.join(",")}}`;
  }

  /** Drifted field names in the SDK's order, and the PATCH body that would fix them (§3.4). */
  static drift(spec: WorkloadSpec, live: LiveWorkload): { fields: string[]; patch: string } {
    const fields: string[] = [];
    if (live.name !== spec.name) fields.push("name");
    if (live.backend !== spec.backend) fields.push("backend");
    if (live.model_name !== spec.model) fields.push("model_name");
    if (spec.description !== undefined && live.description !== spec.description) fields.push("description");
    const cfg = configText(spec);
    if (cfg !== undefined && !jsonEqual(live.config ?? null, parseJson(cfg))) fields.push("config");
    if (spec.worker_id !== undefined && live.worker_id !== spec.worker_id) fields.push("worker_id");
    if (spec.gpu_resource_id !== undefined && live.gpu_resource_id !== spec.gpu_resource_id) fields.push("gpu_resource_id");
    const policyDrift = spec.execution_policy !== undefined && live.execution_policy !== spec.execution_policy;
    if (policyDrift) fields.push("execution_policy");
    if (
      spec.execution_policy_config !== undefined &&
      (policyDrift || !jsonEqual(live.execution_policy_config ?? null, parseJson(spec.execution_policy_config)))
    ) {
      fields.push("execution_policy_config");
    }
    const parts: string[] = [];
    const put = (k: string, raw: string | undefined) => {
      if (fields.includes(k) && raw !== undefined) parts.push(`${JSON.stringify(k)}:${raw}`);
    };
    const s = (v: string | undefined) => (v === undefined ? undefined : JSON.stringify(v));
    put("name", s(spec.name));
    put("description", s(spec.description));
    put("backend", s(spec.backend));
    put("model_name", s(spec.model));
    put("config", cfg);
    put("worker_id", s(spec.worker_id));
    put("gpu_resource_id", s(spec.gpu_resource_id));
    put("execution_policy", s(spec.execution_policy));
    put("execution_policy_config", spec.execution_policy_config);
    return { fields, patch: `{${parts.join(",")}}` };
  }

  async ensure(spec: WorkloadSpec, onDrift: OnDrift = "reconcile", project?: string): Promise<EndpointRef> {
    const urlProject = project ?? (spec.project || this.project);
    const refProject = spec.project || urlProject;
    const slug = canonicalSlug(spec.slug);
    const live = (await this.list(urlProject)).find((w) => w.slug === slug);
    if (!live) {
      if (onDrift === "dry_run") return { project_slug: refProject, workload_slug: slug };
      const created = this.decodeOne(await this.request("POST", `/api/projects/${urlProject}/workloads`, ReplayManagementClient.createBody(spec, slug)));
      return { project_slug: refProject, workload_slug: created.slug };
    }
    const { fields, patch } = ReplayManagementClient.drift(spec, live);
    if (fields.length === 0 || onDrift === "ignore" || onDrift === "warn" || onDrift === "dry_run") {
      return { project_slug: refProject, workload_slug: live.slug };
    }
    if (onDrift === "fail") throw new SdkError("Drift", `workload drifted from spec: ${fields.join(", ")}`);
    const updated = this.decodeOne(await this.request("PATCH", `/api/workloads/${live.id}`, patch));
    return { project_slug: refProject, workload_slug: updated.slug };
  }

  /** §3.5: exact match of the given slug (not canonicalized); absent → false and no DELETE. */
  async delete(slug: string, project = this.project): Promise<boolean> {
    const live = (await this.list(project)).find((w) => w.slug === slug);
    if (!live) return false;
    await this.request("DELETE", `/api/workloads/${live.id}`);
    return true;
  }
}

function configText(spec: WorkloadSpec): string | undefined {
  if (spec.command === undefined) return undefined;
  const c: Record<string, string> = { command: spec.command };
  if (spec.vllm_version !== undefined) c.vllm_version = spec.vllm_version;
  return JSON.stringify(c);
}

// ---------------------------------------------------------------------------------------------
// Readiness frames (§3.6), decoded exactly as the SDK does.

export interface ReadinessFrame {
  phase: string;
  message: string;
  elapsed_ms: number;
  step?: string;
}

/** Decodes one SSE data payload; null = not JSON (the SDK skips it); throws on a bad shape. */
export function decodeReadinessFrame(data: string): ReadinessFrame | null {
  let v: JVal;
  try {
    v = parseJson(data);
  } catch {
    return null;
  }
  const phase = field(v, "phase");
  const message = field(v, "message");
  const elapsed = field(v, "elapsed_ms");
  const step = field(v, "step");
  if (typeof phase !== "string" || typeof message !== "string") throw new JsonError("json error: phase and message must be strings");
  let elapsedMs = 0;
  if (elapsed !== undefined && elapsed !== null) {
    if (!isNum(elapsed) || elapsed.num !== "int" || elapsed.v < 0n) throw new JsonError("json error: elapsed_ms must be a non-negative integer");
    elapsedMs = Number(elapsed.v);
  }
  if (step !== undefined && step !== null && typeof step !== "string") throw new JsonError("json error: step must be a string");
  return { phase, message, elapsed_ms: elapsedMs, ...(typeof step === "string" ? { step } : {}) };
}

export interface ReadinessSession {
  status: number;
  contentType: string | null;
  frames: ReadinessFrame[];
  comments: number;
  /** Whether the stream ended with a terminal frame (ready / error). */
  terminal: boolean;
}

/**
 * Opens the readiness stream once and reads until a terminal frame, the end of the stream, `stopAfter`
 * frames, or the signal. A non-2xx answer is returned with its status and no frames.
 */
export async function readReadiness(
  baseUrl: string,
  project: string,
  workloadSlug: string,
  token: string,
  opts: { stopAfter?: number; signal?: AbortSignal } = {},
): Promise<ReadinessSession> {
  const ctrl = new AbortController();
  const onAbort = () => ctrl.abort();
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  const res = await fetch(`${baseUrl.replace(/\/+$/, "")}/api/projects/${project}/workloads/${workloadSlug}/readiness-events`, {
    headers: { Authorization: `Bearer ${token}`, Accept: "text/event-stream" },
    signal: ctrl.signal,
    redirect: "manual",
  });
  const session: ReadinessSession = { status: res.status, contentType: res.headers.get("content-type"), frames: [], comments: 0, terminal: false };
  if (res.status < 200 || res.status > 299 || !res.body) {
    await res.body?.cancel().catch(() => {});
    return session;
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buf = "";
  const line = (raw: string): boolean => {
    const l = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (l === "") return false;
    if (l.startsWith(":")) {
      session.comments++;
      return false;
    }
    if (!l.startsWith("data:")) return false;
    const data = l.slice(5).replace(/^ /, "");
    const f = decodeReadinessFrame(data);
    if (!f) return false;
    session.frames.push(f);
    if (f.phase === "ready" || f.phase === "error") session.terminal = true;
    return session.terminal || (opts.stopAfter !== undefined && session.frames.length >= opts.stopAfter);
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        if (buf) line(buf);
        break;
      }
      buf += decoder.decode(value, { stream: true });
      let nl: number;
      let stop = false;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const l = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line(l)) {
          stop = true;
          break;
        }
      }
      if (stop) break;
    }
  } catch (e) {
    if (!ctrl.signal.aborted) throw e;
  } finally {
    opts.signal?.removeEventListener("abort", onAbort);
    ctrl.abort();
  }
  return session;
}
