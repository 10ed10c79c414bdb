"use client";
import { useId, useRef, useState, useTransition } from "react";
import { rotateTokenAction } from "@/app/(dashboard)/projects/[project]/tokens/actions";
import type { TokenView } from "@/lib/tokens/schemas";
import { buttonClass } from "@/components/ui/button";
import { Modal } from "./modal";

const GRACES = [
  ["until_revoked", "Until I revoke it — revoke it here once traffic has moved"],
  ["none", "No grace — the old token stops now"],
  ["1h", "1 hour"],
  ["24h", "24 hours"],
  ["7d", "7 days"],
] as const;

/** Asks for a grace period, rotates, and hands the new plaintext to the caller (never kept here). */
export function RotateDialog({ projectSlug, token, onCancel, onRotated }: { projectSlug: string; token: TokenView; onCancel: () => void; onRotated: (plaintext: string) => void }) {
  const [grace, setGrace] = useState<string>("until_revoked");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const first = useRef<HTMLInputElement>(null);
  const descId = useId();

  function rotate() {
    setError(null);
    startTransition(async () => {
      const r = await rotateTokenAction(projectSlug, token.id, grace);
      if (r.ok) onRotated(r.plaintext);
      else setError(r.message);
    });
  }

  return (
    <Modal title={`Rotate “${token.name}”`} onDismiss={() => !pending && onCancel()} initialFocus={first} describedBy={descId}>
      <p id={descId} className="mb-3 text-sm text-slate-600">
        A new {token.kind === "sdk" ? "token" : "key"} with the same name and {token.kind === "sdk" ? "scopes" : "access"} is created. The old one (
        <span className="font-mono">{token.hint}</span>) keeps working during the grace period, so you can update your apps first, then revoke it.
      </p>
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700">Grace period for the old {token.kind === "sdk" ? "token" : "key"}</legend>
        {GRACES.map(([value, label], i) => (
          <label key={value} className="flex items-center gap-2 text-sm">
            <input ref={i === 0 ? first : undefined} type="radio" name="grace" value={value} checked={grace === value} onChange={() => setGrace(value)} />
            {label}
          </label>
        ))}
      </fieldset>
      {error && <p className="mt-2 text-sm text-red-700">{error}</p>}
      <div className="mt-4 flex justify-end gap-2">
        <button type="button" onClick={onCancel} disabled={pending} className={buttonClass("secondary", "sm")}>
          Cancel
        </button>
        <button type="button" onClick={rotate} disabled={pending} className={buttonClass("primary", "sm")}>
          {pending ? "Rotating…" : "Rotate"}
        </button>
      </div>
    </Modal>
  );
}
