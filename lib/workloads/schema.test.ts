import { describe, expect, it } from "vitest";
import { formToInput, parseCreateBody, parseUpdateBody, setsAssignment, workloadFormSchema } from "./schema";

const base = { name: "Support Bot", slug: "Support Bot", backend: "vllm", model_name: "meta-llama/Llama-3.1-8B-Instruct" };

describe("parseCreateBody", () => {
  it("canonicalizes the slug, defaults task_type and keeps raw JSON of configs", () => {
    const body = JSON.stringify(base).slice(0, -1) + ',"config":{"command":"vllm serve m"},"execution_policy":"autoscaling","execution_policy_config":{"max_hourly_cost_usd":5.0}}';
    const r = parseCreateBody(body);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.slug).toBe("support-bot");
    expect(r.value.taskType).toBe("text2text");
    expect(r.value.name).toBe("Support Bot");
    expect(r.value.executionPolicyConfigJson).toBe('{"max_hourly_cost_usd":5.0}');
    expect(r.value.configJson).toBe('{"command":"vllm serve m"}');
  });
  it.each([
    ["not json", "{", "invalid_json"],
    ["array", "[]", "validation_failed"],
    ["blank name", JSON.stringify({ ...base, name: "  " }), "validation_failed"],
    ["blank model", JSON.stringify({ ...base, model_name: "" }), "validation_failed"],
    ["unknown task", JSON.stringify({ ...base, task_type: "chat" }), "validation_failed"],
    ["unknown policy", JSON.stringify({ ...base, execution_policy: "sometimes" }), "validation_failed"],
    ["wrong type", JSON.stringify({ ...base, name: 5 }), "validation_failed"],
    ["slug without letters", JSON.stringify({ ...base, slug: "???" }), "validation_failed"],
    ["NUL", JSON.stringify({ ...base, description: "a\u0000b" }), "validation_failed"],
    ["lone surrogate", JSON.stringify({ ...base, name: "a\ud800" }), "validation_failed"],
    ["live key in a field", JSON.stringify({ ...base, description: "ik_live_deadbeef_" + "0".repeat(64) }), "secret_in_spec"],
    ["sdk token in config", JSON.stringify({ ...base, config: { command: "run --token ik_sdk_0badc0de_x" } }), "secret_in_spec"],
    ["huge body", JSON.stringify({ ...base, description: "x".repeat(70_000) }), "payload_too_large"],
    ["bad serving url", JSON.stringify({ ...base, serving_url: "ftp://x" }), "validation_failed"],
  ])("%s → %s", (_label, body, code) => {
    const r = parseCreateBody(body);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe(code);
  });
});

describe("parseUpdateBody", () => {
  it("keeps only present keys; null clears", () => {
    const r = parseUpdateBody('{"description":null,"execution_policy_config":{"a":1.50}}');
    const scalar = parseUpdateBody('{"execution_policy_config":5.0}');
    expect(scalar.ok && scalar.value.executionPolicyConfigJson).toBe("5.0");
    const list = parseCreateBody(JSON.stringify(base).slice(0, -1) + ',"execution_policy_config":[1,2.50]}');
    expect(list.ok && list.value.executionPolicyConfigJson).toBe("[1,2.50]");
    expect(r).toEqual({ ok: true, value: { description: null, executionPolicyConfigJson: '{"a":1.50}' } });
  });
  it("refuses slug changes and empty patches", () => {
    expect(parseUpdateBody('{"slug":"x"}').ok).toBe(false);
    expect(parseUpdateBody("{}").ok).toBe(false);
  });
  it("knows which changes need assignment:write", () => {
    expect(setsAssignment({ workerId: "w1" })).toBe(true);
    expect(setsAssignment({ workerId: null })).toBe(false);
    expect(setsAssignment({})).toBe(false);
    // A PATCH is compared with the workload: moving or clearing counts, sending the same value does not.
    expect(setsAssignment({ gpuResourceId: null }, { gpuResourceId: "gpu-7" })).toBe(true);
    expect(setsAssignment({ gpuResourceId: "gpu-8" }, { gpuResourceId: "gpu-7" })).toBe(true);
    expect(setsAssignment({ gpuResourceId: "gpu-7" }, { gpuResourceId: "gpu-7" })).toBe(false);
    expect(setsAssignment({ workerId: null }, { workerId: null })).toBe(false);
  });
});

describe("dashboard form", () => {
  it("builds config from command + vllm_version and keeps the policy JSON as typed", () => {
    const f = workloadFormSchema.parse({ ...base, task_type: "text2text", command: "vllm serve m", vllm_version: "0.9.1", execution_policy: "scheduled", execution_policy_config: '{"cron": "0 9 * * 1-5", "x": 2.0}', serving_url: "http://gpu-1:8000/v1/" });
    const r = formToInput(f);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.configJson).toBe('{"command":"vllm serve m","vllm_version":"0.9.1"}');
    expect(r.value.executionPolicyConfigJson).toBe('{"cron": "0 9 * * 1-5", "x": 2.0}');
    expect(r.value.servingUrl).toBe("http://gpu-1:8000/v1");
  });
  it("takes any JSON value as policy config, as the API does, and refuses what is not JSON", () => {
    const arr = formToInput(workloadFormSchema.parse({ ...base, task_type: "text2text", execution_policy_config: " [1, 2.0] " }));
    expect(arr.ok && arr.value.executionPolicyConfigJson).toBe("[1, 2.0]");
    const nul = formToInput(workloadFormSchema.parse({ ...base, task_type: "text2text", execution_policy_config: "null" }));
    expect(nul.ok && nul.value.executionPolicyConfigJson).toBeNull();
    const bad = formToInput(workloadFormSchema.parse({ ...base, task_type: "text2text", execution_policy_config: "{max: 5}" }));
    expect(bad.ok).toBe(false);
  });
});
