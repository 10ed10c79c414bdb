"use client";

import { useActionState, useState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { EMPTY_FORM_STATE, type FormAction } from "@/components/ui/form-state";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import { canonicalSlug } from "@/lib/slug";
import { EXECUTION_POLICIES, KNOWN_BACKENDS, TASK_TYPES } from "@/lib/workloads/schema";
import type { WorkloadFormValues } from "./form-values";

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <fieldset className="space-y-4 border-t border-slate-200 pt-4 first:border-t-0 first:pt-0">
      <legend className="text-sm font-semibold text-slate-900">{title}</legend>
      {children}
    </fieldset>
  );
}

/**
 * Create and edit form for a workload. `mode: "edit"` hides the slug (it never changes) and shows the
 * upstream key as set / not set with keep, replace or clear: the stored key is never sent back.
 */
export function WorkloadForm({
  action,
  mode,
  initial = {},
  upstreamKeySet = false,
  submitLabel,
}: {
  action: FormAction;
  mode: "create" | "edit";
  initial?: WorkloadFormValues;
  upstreamKeySet?: boolean;
  submitLabel: string;
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  const v = { ...initial, ...(state.ok ? {} : state.values) };
  const fe = state.fieldErrors ?? {};
  const [name, setName] = useState(v.name ?? "");
  const [keyMode, setKeyMode] = useState<"keep" | "replace" | "clear">("keep");
  // After a successful save the key choice goes back to "keep" (React's "adjust state on change" pattern).
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    if (state.ok) setKeyMode("keep");
  }
  const suggested = canonicalSlug(name);

  return (
    <form action={formAction} className="space-y-6" noValidate>
      <Section title="Identity">
        <Field id="wl-name" label="Name" error={fe.name}>
          <Input name="name" required defaultValue={v.name} onChange={(e) => setName(e.target.value)} />
        </Field>
        {mode === "create" && (
          <Field
            id="wl-slug"
            label="Slug"
            optional
            error={fe.slug}
            hint={<>The SDK and gateway address the workload by it; it never changes. Left empty, it is made from the name{suggested ? <>: <code className="font-mono">{suggested}</code></> : null}. Any text is made canonical the way the SDK does.</>}
          >
            <Input name="slug" className="font-mono" defaultValue={v.slug} placeholder={suggested || "support-bot"} spellCheck={false} autoCapitalize="none" />
          </Field>
        )}
        <Field id="wl-description" label="Description" optional error={fe.description}>
          <Textarea name="description" rows={2} className="font-sans" defaultValue={v.description} />
        </Field>
      </Section>

      <Section title="Model">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="wl-task-type" label="Task type" error={fe.task_type}>
            <Select name="task_type" defaultValue={v.task_type ?? "text2text"} options={TASK_TYPES} />
          </Field>
          <Field id="wl-backend" label="Backend" error={fe.backend} hint="A known backend or your own slug.">
            <Input name="backend" list="wl-backends" required defaultValue={v.backend ?? "vllm"} />
          </Field>
        </div>
        <datalist id="wl-backends">
          {KNOWN_BACKENDS.map((b) => (
            <option key={b} value={b} />
          ))}
        </datalist>
        <Field id="wl-model" label="Model name" error={fe.model_name}>
          <Input name="model_name" required className="font-mono" defaultValue={v.model_name} placeholder="meta-llama/Llama-3.1-8B-Instruct" />
        </Field>
        <Field id="wl-command" label="Command" optional error={fe.command} hint="Sent as config.command. Never put secrets here.">
          <Textarea name="command" rows={2} defaultValue={v.command} placeholder="vllm serve meta-llama/Llama-3.1-8B-Instruct --max-model-len 8192" />
        </Field>
        <Field id="wl-vllm-version" label="vLLM version" optional error={fe.vllm_version}>
          <Input name="vllm_version" className="font-mono" defaultValue={v.vllm_version} />
        </Field>
      </Section>

      <Section title="Placement and policy">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="wl-worker" label="Worker ID" optional error={fe.worker_id}>
            <Input name="worker_id" className="font-mono" defaultValue={v.worker_id} />
          </Field>
          <Field id="wl-gpu" label="GPU resource ID" optional error={fe.gpu_resource_id}>
            <Input name="gpu_resource_id" className="font-mono" defaultValue={v.gpu_resource_id} />
          </Field>
        </div>
        <Field id="wl-policy" label="Execution policy" optional error={fe.execution_policy}>
          <Select name="execution_policy" defaultValue={v.execution_policy ?? ""} options={[{ value: "", label: "none" }, ...EXECUTION_POLICIES]} />
        </Field>
        <Field id="wl-policy-config" label="Execution policy config (JSON)" optional error={fe.execution_policy_config} hint="Stored exactly as typed, so 5.0 stays 5.0.">
          <Textarea name="execution_policy_config" rows={3} defaultValue={v.execution_policy_config} placeholder='{"max_hourly_cost_usd": 5.0}' />
        </Field>
      </Section>

      <Section title="Serving">
        <Field id="wl-serving-url" label="Serving URL" optional error={fe.serving_url} hint="Base URL of the model server's OpenAI-compatible API; the gateway forwards requests here.">
          <Input name="serving_url" type="url" className="font-mono" defaultValue={v.serving_url} placeholder="http://gpu-1:8000/v1" />
        </Field>
        {mode === "edit" ? (
          <div className="space-y-2" role="group" aria-labelledby="wl-upstream-legend">
            <p id="wl-upstream-legend" className="text-sm font-medium text-slate-900">
              Upstream API key: <span data-testid="upstream-key-status">{upstreamKeySet ? "set" : "not set"}</span>
            </p>
            <div className="flex flex-wrap gap-4 text-sm">
              {(upstreamKeySet ? (["keep", "replace", "clear"] as const) : (["keep", "replace"] as const)).map((m) => (
                <label key={m} className="flex items-center gap-1.5">
                  <input type="radio" name="upstream_key_mode" value={m} checked={keyMode === m} onChange={() => setKeyMode(m)} className="accent-indigo-700" />
                  {m === "keep" ? (upstreamKeySet ? "Keep" : "Leave unset") : m === "replace" ? (upstreamKeySet ? "Replace" : "Set") : "Clear"}
                </label>
              ))}
            </div>
            {keyMode === "replace" && (
              <Field id="wl-upstream-key" label="New upstream API key" error={fe.upstream_key} hint="Write-only: it is stored encrypted and never shown again.">
                <Input name="upstream_key" type="password" autoComplete="off" className="font-mono" />
              </Field>
            )}
            {keyMode !== "replace" && fe.upstream_key && <p className="text-sm font-medium text-red-700">{fe.upstream_key[0]}</p>}
          </div>
        ) : (
          <Field id="wl-upstream-key" label="Upstream API key" optional error={fe.upstream_key} hint="If the model server wants a bearer key. Write-only: stored encrypted, never shown again.">
            <Input name="upstream_key" type="password" autoComplete="off" className="font-mono" />
          </Field>
        )}
      </Section>

      <FormMessage error={state.error} message={state.message} />
      <SubmitButton>{submitLabel}</SubmitButton>
    </form>
  );
}
