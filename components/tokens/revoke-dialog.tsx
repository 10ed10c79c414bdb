"use client";
import { useId, useRef, useState, useTransition } from "react";
import { revokeTokenAction } from "@/app/(dashboard)/projects/[project]/tokens/actions";
import type { TokenView } from "@/lib/tokens/schemas";
import { buttonClass } from "@/components/ui/button";
import { Modal } from "./modal";

export function RevokeDialog({ projectSlug, token, onDone }: { projectSlug: string; token: TokenView; onDone: (revoked: boolean) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const cancel = useRef<HTMLButtonElement>(null);
  const descId = useId();

  function revoke() {
    setError(null);
    startTransition(async () => {
      const r = await revokeTokenAction(projectSlug, token.id);
      if (r.ok) onDone(true);
      else setError(r.message);
    });
  }

  return (
    <Modal title={`Revoke “${token.name}”?`} onDismiss={() => !pending && onDone(false)} initialFocus={cancel} describedBy={descId}>
      <p id={descId} className="text-sm text-slate-700">
        <span className="font-mono">{token.hint}</span> stops working immediately: the very next request made with it is refused. This cannot be undone.
      </p>
      {error && <p className="mt-2 text-sm text-red-700">{error}</p>}
      <div className="mt-4 flex justify-end gap-2">
        <button ref={cancel} type="button" onClick={() => onDone(false)} disabled={pending} className={buttonClass("secondary", "sm")}>
          Cancel
        </button>
        <button type="button" onClick={revoke} disabled={pending} className={buttonClass("danger", "sm")}>
          {pending ? "Revoking…" : "Revoke"}
        </button>
      </div>
    </Modal>
  );
}
