"use client";
// Mint form for one token kind. The action's answer (with the plaintext) goes straight into this
// component's state for the reveal dialog and is set back to null when the dialog closes.
import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition } from "react";
import { mintTokenAction } from "@/app/(dashboard)/projects/[project]/tokens/actions";
import type { TokenKind } from "@/lib/tokens/format";
import { buttonClass } from "@/components/ui/button";
import { ExpiryFields, FieldError, fieldInput as input } from "./expiry-fields";
import { RevealDialog } from "./reveal-dialog";

export interface WorkloadOption {
  id: string;
  slug: string;
  name: string;
}

export function MintForm({ projectSlug, kind, workloads = [] }: { projectSlug: string; kind: TokenKind; workloads?: WorkloadOption[] }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<string | null>(null);
  const [expiry, setExpiry] = useState("never");
  const [access, setAccess] = useState<"all" | "workloads">(workloads.length ? "workloads" : "all");
  const [scopes, setScopes] = useState<string[]>(["workload:write", "assignment:write"]);
  const id = useId();
  const noun = kind === "sdk" ? "token" : "key";

  function toggleScope(scope: string, on: boolean) {
    // Read-only tokens carry workload:read alone; write scopes and read do not mix.
    if (scope === "workload:read") setScopes(on ? ["workload:read"] : []);
    else setScopes((s) => (on ? [...s.filter((x) => x !== "workload:read"), scope] : s.filter((x) => x !== scope)));
  }

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    setMessage(null);
    startTransition(async () => {
      const r = await mintTokenAction(projectSlug, kind, fd);
      if (!r.ok) {
        setErrors(r.fieldErrors ?? {});
        setMessage(r.message);
        return;
      }
      setErrors({});
      setRevealed(r.plaintext);
      formRef.current?.reset();
      setExpiry("never");
      setScopes(["workload:write", "assignment:write"]);
      // The list refresh comes from the database and carries no plaintext.
      router.refresh();
    });
  }

  const describe = (field: string) => (errors[field] ? `${id}-${field}-error` : undefined);

  return (
    <>
      <form ref={formRef} onSubmit={submit} noValidate className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" aria-label={kind === "sdk" ? "Create a control token" : "Create a data key"}>
        <div>
          <label htmlFor={`${id}-name`} className="mb-1 block text-sm font-medium text-slate-700">
            Name
          </label>
          <input id={`${id}-name`} name="name" maxLength={64} required className={input} placeholder={kind === "sdk" ? "e.g. ci-deploy" : "e.g. support-bot production"} aria-invalid={!!errors.name} aria-describedby={describe("name")} />
          <FieldError id={`${id}-name-error`} message={errors.name} />
        </div>

        {kind === "sdk" ? (
          <fieldset aria-describedby={describe("scopes")}>
            <legend className="mb-1 text-sm font-medium text-slate-700">Scopes</legend>
            {[
              ["workload:write", "workload:write — create, update and delete workloads"],
              ["assignment:write", "assignment:write — assign workers and GPUs"],
              ["workload:read", "workload:read — read only (alone)"],
            ].map(([value, label]) => (
              <label key={value} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="scopes" value={value} checked={scopes.includes(value)} onChange={(e) => toggleScope(value, e.target.checked)} />
                <span className="font-mono">{label}</span>
              </label>
            ))}
            <FieldError id={`${id}-scopes-error`} message={errors.scopes} />
          </fieldset>
        ) : (
          <fieldset aria-describedby={describe("workloadIds")}>
            <legend className="mb-1 text-sm font-medium text-slate-700">Access</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="access" value="all" checked={access === "all"} onChange={() => setAccess("all")} />
              <span>
                Entire project (<span className="break-all font-mono">{`${projectSlug}/*`}</span>) — includes workloads created later
              </span>
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="access" value="workloads" checked={access === "workloads"} onChange={() => setAccess("workloads")} disabled={!workloads.length} />
              Chosen workloads
            </label>
            {access === "workloads" && (
              <div role="group" aria-label="Workloads" className="ml-6 mt-1 max-h-48 space-y-1 overflow-y-auto">
                {workloads.map((w) => (
                  <label key={w.id} className="flex items-center gap-2 text-sm">
                    <input type="checkbox" name="workloadIds" value={w.id} />
                    <span>
                      <span className="font-mono">{w.slug}</span>
                      {w.name !== w.slug && <span className="ml-2 text-slate-500">{w.name}</span>}
                    </span>
                  </label>
                ))}
              </div>
            )}
            {!workloads.length && <p className="ml-6 text-sm text-slate-500">This project has no workloads yet.</p>}
            <FieldError id={`${id}-workloadIds-error`} message={errors.workloadIds} />
          </fieldset>
        )}

        <ExpiryFields id={id} errors={errors} value={expiry} onChange={setExpiry} />

        <div className="flex items-center gap-3">
          <button ref={submitRef} type="submit" disabled={pending} className={buttonClass("primary")}>
            {pending ? "Creating…" : `Create ${noun}`}
          </button>
          {message && (
            <p className="text-sm text-red-700" aria-live="polite">
              {message}
            </p>
          )}
        </div>
      </form>

      {revealed && (
        <RevealDialog
          title={kind === "sdk" ? "Control token created" : "Data key created"}
          token={revealed}
          kind={kind}
          projectSlug={projectSlug}
          onClose={() => setRevealed(null)}
          returnFocus={submitRef}
        />
      )}
    </>
  );
}
