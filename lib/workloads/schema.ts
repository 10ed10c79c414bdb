// One definition of a workload's fields (contract §3.2–3.3), shared by the control API and the
// dashboard form. Input arrives as a JSON text (API) or form fields (dashboard); both end up as
// WorkloadInput, whose `config`/`executionPolicyConfig` are raw JSON text kept verbatim.
import { z } from "zod";
import { canonicalSlug, SLUG_MAX } from "../slug";
import { rawMembers } from "./raw-json";

export const TASK_TYPES = [
  "text2text", "embedding", "text2image", "text2video", "text2audio", "image2image", "image2video",
  "audio2text", "omni", "reranker", "classification", "reward", "forecast",
] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export const EXECUTION_POLICIES = ["fixed", "scheduled", "autoscaling"] as const;
export const KNOWN_BACKENDS = ["vllm", "vllm-omni", "sglang", "ollama", "llamacpp", "stablediffusioncpp"] as const;

export const LIMITS = { body: 64 * 1024, name: 200, description: 2000, backend: 64, model: 512, id: 128, rawJson: 16 * 1024, url: 2048 };

const SECRET = /^\s*ik_(live|sdk)_|ik_(live|sdk)_[0-9a-f]{8}_/;

/** Postgres text cannot hold NUL, and lone surrogates are not valid UTF-8: refuse them as bad input. */
function storable(s: string): boolean {
  return !s.includes("\u0000") && s.isWellFormed();
}

const text = (max: number) =>
  z.string().max(max, `at most ${max} characters`).refine(storable, "contains characters that cannot be stored");
const required = (max: number) => text(max).refine((s) => s.trim().length > 0, "must not be empty");
const optionalText = (max: number) => text(max).nullable().optional();

export const servingUrlSchema = z
  .string()
  .max(LIMITS.url)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === "http:" || u.protocol === "https:") && !u.username && !u.password && !u.search && !u.hash;
    } catch {
      return false;
    }
  }, "must be an http(s) URL without credentials, query or fragment, e.g. http://gpu-1:8000/v1")
  .transform((s) => s.replace(/\/+$/, ""));

const configObject = z
  .object({ command: z.string().optional(), vllm_version: z.string().optional() })
  .loose();

/** Wire body of POST /api/projects/:project/workloads. */
export const createWorkloadBody = z.object({
  name: required(LIMITS.name),
  slug: text(200).optional(),
  description: optionalText(LIMITS.description),
  task_type: z.enum(TASK_TYPES).default("text2text"),
  backend: required(LIMITS.backend),
  model_name: required(LIMITS.model),
  config: configObject.nullable().optional(),
  worker_id: optionalText(LIMITS.id),
  gpu_resource_id: optionalText(LIMITS.id),
  execution_policy: z.enum(EXECUTION_POLICIES).nullable().optional(),
  // "any JSON (object in practice)", contract §3.2: kept as the raw text received.
  execution_policy_config: z.json().optional(),
  serving_url: servingUrlSchema.nullable().optional(),
});

/** Wire body of PATCH /api/workloads/:id: any subset; slug never changes. */
export const updateWorkloadBody = createWorkloadBody
  .omit({ slug: true })
  .extend({ task_type: z.enum(TASK_TYPES).optional() })
  .partial()
  .refine((b) => Object.keys(b).length > 0, "the body must change at least one field");

export interface WorkloadInput {
  name: string;
  slug: string;
  description: string | null;
  taskType: TaskType;
  backend: string;
  modelName: string;
  configJson: string | null;
  workerId: string | null;
  gpuResourceId: string | null;
  executionPolicy: (typeof EXECUTION_POLICIES)[number] | null;
  executionPolicyConfigJson: string | null;
  servingUrl: string | null;
}

export type WorkloadPatch = Partial<Omit<WorkloadInput, "slug">>;

export type ParseFailure = { ok: false; code: "invalid_json" | "validation_failed" | "secret_in_spec" | "payload_too_large"; message: string; issues?: { path: string; message: string }[] };
export type Parsed<T> = { ok: true; value: T } | ParseFailure;

function issuesOf(e: z.ZodError) {
  return e.issues.map((i) => ({ path: i.path.join(".") || "(body)", message: i.message }));
}

/** Any string anywhere in the value that looks like an InferenceKey token. */
export function containsSecret(v: unknown): boolean {
  if (typeof v === "string") return SECRET.test(v);
  if (Array.isArray(v)) return v.some(containsSecret);
  if (v && typeof v === "object") return Object.entries(v).some(([k, x]) => SECRET.test(k) || containsSecret(x));
  return false;
}

/** serde_json (the SDK) stops at 128 levels, and containsSecret recurses: refuse deep nesting. */
export const MAX_JSON_DEPTH = 32;

function tooDeep(body: string): boolean {
  let depth = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < body.length && body.charCodeAt(i) !== 34; i++) if (body.charCodeAt(i) === 92 /* \ */) i++;
    } else if (c === 123 || c === 91) {
      if (++depth > MAX_JSON_DEPTH) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

function parseJsonObject(body: string): Parsed<{ value: Record<string, unknown>; raw: Map<string, string> }> {
  if (Buffer.byteLength(body) > LIMITS.body) return { ok: false, code: "payload_too_large", message: `the body is larger than ${LIMITS.body} bytes` };
  if (tooDeep(body)) return { ok: false, code: "validation_failed", message: `the body is nested deeper than ${MAX_JSON_DEPTH} levels` };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { ok: false, code: "invalid_json", message: "the body is not valid JSON" };
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, code: "validation_failed", message: "the body must be a JSON object" };
  }
  if (containsSecret(value)) return { ok: false, code: "secret_in_spec", message: "secrets must never go in specs: a field holds an InferenceKey token" };
  return { ok: true, value: { value: value as Record<string, unknown>, raw: rawMembers(body) } };
}

function rawOrNull(raw: Map<string, string>, key: string, parsed: unknown): string | null {
  if (parsed === null || parsed === undefined) return null;
  return raw.get(key) ?? JSON.stringify(parsed);
}

function checkRawSizes(raw: Map<string, string>): ParseFailure | null {
  for (const key of ["config", "execution_policy_config"]) {
    if ((raw.get(key)?.length ?? 0) > LIMITS.rawJson) {
      return { ok: false, code: "validation_failed", message: `${key} is larger than ${LIMITS.rawJson} bytes`, issues: [{ path: key, message: "too large" }] };
    }
  }
  return null;
}

/** Parses a create body (raw JSON text) into a WorkloadInput with a canonical slug. */
export function parseCreateBody(body: string): Parsed<WorkloadInput> {
  const doc = parseJsonObject(body);
  if (!doc.ok) return doc;
  const r = createWorkloadBody.safeParse(doc.value.value);
  if (!r.success) return { ok: false, code: "validation_failed", message: "the workload is not valid", issues: issuesOf(r.error) };
  const tooBig = checkRawSizes(doc.value.raw);
  if (tooBig) return tooBig;
  const b = r.data;
  const slug = canonicalSlug(b.slug ?? b.name);
  if (!slug || slug.length > SLUG_MAX) {
    return { ok: false, code: "validation_failed", message: "the workload needs a slug", issues: [{ path: "slug", message: `must contain letters or digits and be at most ${SLUG_MAX} characters once canonical` }] };
  }
  const raw = doc.value.raw;
  return {
    ok: true,
    value: {
      name: b.name,
      slug,
      description: b.description ?? null,
      taskType: b.task_type,
      backend: b.backend,
      modelName: b.model_name,
      configJson: rawOrNull(raw, "config", b.config),
      workerId: b.worker_id ?? null,
      gpuResourceId: b.gpu_resource_id ?? null,
      executionPolicy: b.execution_policy ?? null,
      executionPolicyConfigJson: rawOrNull(raw, "execution_policy_config", b.execution_policy_config),
      servingUrl: b.serving_url ?? null,
    },
  };
}

/** Parses a PATCH body: only the keys present are changed (null clears an optional field). */
export function parseUpdateBody(body: string): Parsed<WorkloadPatch> {
  const doc = parseJsonObject(body);
  if (!doc.ok) return doc;
  if ("slug" in doc.value.value) {
    return { ok: false, code: "validation_failed", message: "a workload's slug never changes", issues: [{ path: "slug", message: "cannot be changed" }] };
  }
  const r = updateWorkloadBody.safeParse(doc.value.value);
  if (!r.success) return { ok: false, code: "validation_failed", message: "the change is not valid", issues: issuesOf(r.error) };
  const tooBig = checkRawSizes(doc.value.raw);
  if (tooBig) return tooBig;
  const b = r.data;
  const raw = doc.value.raw;
  const p: WorkloadPatch = {};
  if (b.name !== undefined) p.name = b.name;
  if ("description" in b) p.description = b.description ?? null;
  if (b.task_type !== undefined) p.taskType = b.task_type;
  if (b.backend !== undefined) p.backend = b.backend;
  if (b.model_name !== undefined) p.modelName = b.model_name;
  if ("config" in b) p.configJson = rawOrNull(raw, "config", b.config);
  if ("worker_id" in b) p.workerId = b.worker_id ?? null;
  if ("gpu_resource_id" in b) p.gpuResourceId = b.gpu_resource_id ?? null;
  if ("execution_policy" in b) p.executionPolicy = b.execution_policy ?? null;
  if ("execution_policy_config" in b) p.executionPolicyConfigJson = rawOrNull(raw, "execution_policy_config", b.execution_policy_config);
  if ("serving_url" in b) p.servingUrl = b.serving_url ?? null;
  return { ok: true, value: p };
}

type Placement = { workerId?: string | null; gpuResourceId?: string | null };

/** Does this change move placement (needs the assignment:write scope on the API)? Against `current`
 * (a PATCH), any different value counts, clearing one included; on create, any value. */
export function setsAssignment(p: Placement, current: Placement = {}): boolean {
  const moves = (next: string | null | undefined, now: string | null | undefined) => next !== undefined && next !== (now ?? null);
  return moves(p.workerId, current.workerId) || moves(p.gpuResourceId, current.gpuResourceId);
}

/**
 * The dashboard form: the same rules as the API, from form fields. `config` is built from command +
 * vllm_version; the policy config is JSON typed by the user (kept as typed).
 */
export const workloadFormSchema = z.object({
  name: required(LIMITS.name),
  slug: text(200).optional(),
  description: text(LIMITS.description).optional(),
  task_type: z.enum(TASK_TYPES),
  backend: required(LIMITS.backend),
  model_name: required(LIMITS.model),
  command: text(4000).optional(),
  vllm_version: text(64).optional(),
  worker_id: text(LIMITS.id).optional(),
  gpu_resource_id: text(LIMITS.id).optional(),
  execution_policy: z.union([z.enum(EXECUTION_POLICIES), z.literal("")]).optional(),
  execution_policy_config: text(LIMITS.rawJson).optional(),
  serving_url: z.union([servingUrlSchema, z.literal("")]).optional(),
});

/** Converts validated form fields to a WorkloadInput (blank = unset). */
export function formToInput(f: z.infer<typeof workloadFormSchema>): Parsed<WorkloadInput> {
  const blank = (s: string | undefined) => (s === undefined || s.trim() === "" ? null : s);
  const issues: { path: string; message: string }[] = [];
  let policyConfig: string | null = null;
  const pc = blank(f.execution_policy_config);
  if (pc !== null) {
    try {
      // Any JSON value, as over the API (contract §3.2); the literal null clears it.
      if (JSON.parse(pc) !== null) policyConfig = pc.trim();
    } catch {
      issues.push({ path: "execution_policy_config", message: "must be valid JSON" });
    }
  }
  const slug = canonicalSlug(blank(f.slug) ?? f.name);
  if (!slug || slug.length > SLUG_MAX) issues.push({ path: "slug", message: `must contain letters or digits and be at most ${SLUG_MAX} characters` });
  const command = blank(f.command);
  const vllm = blank(f.vllm_version);
  const input: WorkloadInput = {
    name: f.name,
    slug,
    description: blank(f.description),
    taskType: f.task_type,
    backend: f.backend.trim(),
    modelName: f.model_name.trim(),
    configJson: command !== null ? JSON.stringify(vllm !== null ? { command, vllm_version: vllm } : { command }) : null,
    workerId: blank(f.worker_id),
    gpuResourceId: blank(f.gpu_resource_id),
    executionPolicy: f.execution_policy ? f.execution_policy : null,
    executionPolicyConfigJson: policyConfig,
    servingUrl: blank(f.serving_url),
  };
  if (containsSecret({ ...input, configJson: command, executionPolicyConfigJson: pc })) {
    return { ok: false, code: "secret_in_spec", message: "secrets must never go in specs: a field holds an InferenceKey token" };
  }
  if (issues.length) return { ok: false, code: "validation_failed", message: "the workload is not valid", issues };
  return { ok: true, value: input };
}
