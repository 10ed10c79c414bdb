// Between a stored workload and the dashboard form: what the form shows, and which fields an edit
// really changed (so an edit that leaves config alone keeps its raw JSON byte-for-byte).
import type { Workload } from "@prisma/client";
import { z } from "zod";
import { containsSecret, type WorkloadInput, type WorkloadPatch } from "@/lib/workloads/schema";

export const WORKLOAD_FORM_FIELDS = [
  "name", "slug", "description", "task_type", "backend", "model_name", "command", "vllm_version",
  "worker_id", "gpu_resource_id", "execution_policy", "execution_policy_config", "serving_url",
] as const;

export type WorkloadFormValues = Partial<Record<(typeof WORKLOAD_FORM_FIELDS)[number], string>>;

function configParts(configJson: string | null): { command?: string; vllm_version?: string } {
  if (!configJson) return {};
  try {
    const v = JSON.parse(configJson);
    if (!v || typeof v !== "object" || Array.isArray(v)) return {};
    return {
      command: typeof v.command === "string" ? v.command : undefined,
      vllm_version: typeof v.vllm_version === "string" ? v.vllm_version : undefined,
    };
  } catch {
    return {};
  }
}

export function workloadToFormValues(w: Workload): WorkloadFormValues {
  const cfg = configParts(w.configJson);
  return {
    name: w.name,
    slug: w.slug,
    description: w.description ?? "",
    task_type: w.taskType,
    backend: w.backend,
    model_name: w.modelName,
    command: cfg.command ?? "",
    vllm_version: cfg.vllm_version ?? "",
    worker_id: w.workerId ?? "",
    gpu_resource_id: w.gpuResourceId ?? "",
    execution_policy: w.executionPolicy ?? "",
    execution_policy_config: w.executionPolicyConfigJson ?? "",
    serving_url: w.servingUrl ?? "",
  };
}

/** Only the fields whose value differs from the stored workload. */
export function changedFields(w: Workload, input: WorkloadInput): WorkloadPatch {
  const p: WorkloadPatch = {};
  if (input.name !== w.name) p.name = input.name;
  if (input.description !== w.description) p.description = input.description;
  if (input.taskType !== w.taskType) p.taskType = input.taskType;
  if (input.backend !== w.backend) p.backend = input.backend;
  if (input.modelName !== w.modelName) p.modelName = input.modelName;
  if (input.workerId !== w.workerId) p.workerId = input.workerId;
  if (input.gpuResourceId !== w.gpuResourceId) p.gpuResourceId = input.gpuResourceId;
  if (input.executionPolicy !== w.executionPolicy) p.executionPolicy = input.executionPolicy;
  if (input.servingUrl !== w.servingUrl) p.servingUrl = input.servingUrl;
  const before = configParts(w.configJson);
  const after = configParts(input.configJson);
  // Config keys the form does not show (set through the API) survive an edit that leaves command and version alone.
  const configSame = (before.command ?? "") === (after.command ?? "") && (before.vllm_version ?? "") === (after.vllm_version ?? "");
  if (!configSame) p.configJson = input.configJson;
  if ((input.executionPolicyConfigJson ?? "") !== (w.executionPolicyConfigJson ?? "").trim()) p.executionPolicyConfigJson = input.executionPolicyConfigJson;
  return p;
}

/** The upstream credential typed in the form: one line, and never an InferenceKey token. */
export const upstreamKeySchema = z
  .string()
  .trim()
  .min(1, "Enter the key, or choose to keep or clear it.")
  .max(4096, "Use at most 4096 characters.")
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "Use a single line without control characters.")
  .refine((s) => !containsSecret(s), "That is an InferenceKey token. The upstream key is the model server's own credential (e.g. vLLM --api-key).");
