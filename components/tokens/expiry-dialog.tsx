"use client";
// Changes when a token stops working. The service audits the change and invalidates every cache, so
// a shortened expiry is obeyed by the next request.
import { useId, useState, useTransition } from "react";
import { changeExpiryAction } from "@/app/(dashboard)/projects/[project]/tokens/actions";
import type { TokenView } from "@/lib/tokens/schemas";
import { buttonClass } from "@/components/ui/button";
import { ExpiryFields } from "./expiry-fields";
import { formatUtc } from "./format-time";
import { Modal } from "./modal";

export function ExpiryDialog({ projectSlug, token, onDone }: { projectSlug: string; token: TokenView; onDone: (changed: boolean) => void }) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const id = useId();

  function save(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    setError(null);
    startTransition(async () => {
      const r = await changeExpiryAction(projectSlug, token.id, fd);
      if (r.ok) return onDone(true);
      setErrors(r.fieldErrors ?? {});
      setError(r.message);
    });
  }

  return (
    <Modal title={`Change expiry of “${token.name}”`} onDismiss={() => !pending && onDone(false)} describedBy={`${id}-desc`}>
      <form onSubmit={save} noValidate className="space-y-3">
        <p id={`${id}-desc`} className="text-sm text-slate-700">
          <span className="font-mono">{token.hint}</span> now expires {token.expiresAt ? formatUtc(token.expiresAt) : "never"}. The new expiry is counted from now and
          applies to the very next request.
        </p>
        <ExpiryFields id={id} errors={errors} label="New expiry" initial="" />
        {error && <p className="text-sm text-red-700">{error}</p>}
        <div className="flex justify-end gap-2">
          <button type="button" onClick={() => onDone(false)} disabled={pending} className={buttonClass("secondary", "sm")}>
            Cancel
          </button>
          <button type="submit" disabled={pending} className={buttonClass("primary", "sm")}>
            {pending ? "Saving…" : "Save expiry"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
