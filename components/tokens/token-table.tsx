"use client";
// The list of a project's tokens of one kind with Rotate / Revoke row actions. Rows come from the
// server (lib/tokens listTokens → TokenView, which has no hash); only the reveal state holds a
// plaintext, and it is cleared when the reveal dialog closes.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { TokenKind } from "@/lib/tokens/format";
import type { TokenView } from "@/lib/tokens/schemas";
import { buttonClass } from "@/components/ui/button";
import { formatUtc } from "./format-time";
import { ExpiryDialog } from "./expiry-dialog";
import { RevealDialog } from "./reveal-dialog";
import { RevokeDialog } from "./revoke-dialog";
import { RotateDialog } from "./rotate-dialog";
import { StatusBadge } from "./status-badge";

type Open = { type: "rotate" | "revoke" | "expiry"; token: TokenView } | null;

const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600";
const td = "px-3 py-2 align-top text-sm";

export function TokenTable({ projectSlug, kind, tokens, canManage }: { projectSlug: string; kind: TokenKind; tokens: TokenView[]; canManage: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState<Open>(null);
  const [revealed, setRevealed] = useState<string | null>(null);
  // After a rotate or revoke the row's buttons change: keyboard focus goes back to the table itself.
  const tableRef = useRef<HTMLDivElement>(null);
  const focusListOnClose = useRef(false);
  // Runs after the closing dialog's own cleanup, which returns focus to its opener (gone by now).
  useEffect(() => {
    if (open !== null || !focusListOnClose.current) return;
    focusListOnClose.current = false;
    tableRef.current?.focus();
  }, [open]);
  /** Closes a row dialog; a change re-reads the list, and a revoke (its row loses the buttons) moves focus to the list. */
  const closeAfter = (changed: boolean, focusList: boolean) => {
    setOpen(null);
    if (!changed) return;
    focusListOnClose.current = focusList;
    router.refresh();
  };
  const noun = kind === "sdk" ? "control tokens" : "data keys";

  if (!tokens.length) return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">No {noun} yet.</p>;

  return (
    <>
      <div ref={tableRef} tabIndex={-1} className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white focus:outline-2 focus:outline-indigo-600">
        <table className="min-w-full divide-y divide-slate-200">
          <caption className="sr-only">{kind === "sdk" ? "Control tokens" : "Data keys"}</caption>
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className={th}>Name</th>
              <th scope="col" className={th}>Token</th>
              <th scope="col" className={th}>{kind === "sdk" ? "Scopes" : "Access"}</th>
              <th scope="col" className={th}>Created</th>
              <th scope="col" className={th}>Last used</th>
              <th scope="col" className={th}>Requests</th>
              <th scope="col" className={th}>Expires</th>
              <th scope="col" className={th}>Status</th>
              {canManage && <th scope="col" className={th}><span className="sr-only">Actions</span></th>}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {tokens.map((t) => {
              const live = t.status.code !== "revoked" && t.status.code !== "expired" && t.status.code !== "rotated_ended";
              return (
                <tr key={t.id} data-token-id={t.publicId} className={live ? "" : "text-slate-500"}>
                  <td className={`${td} font-medium`}>
                    {t.name}
                    <div className="text-xs font-normal text-slate-500">{t.kind === "sdk" ? "control token" : "data key"}</div>
                  </td>
                  <td className={`${td} whitespace-nowrap font-mono`}>
                    {t.hint}
                    {/* may wrap after "replaces": the hint alone sets the column's width */}
                    {t.replaces && <div className="whitespace-normal text-xs text-slate-500">replaces {t.replaces.hint}</div>}
                    {t.replacedBy && <div className="whitespace-normal text-xs text-slate-500">replaced by {t.replacedBy.hint}</div>}
                  </td>
                  <td className={`${td} font-mono text-xs`}>{t.accessLabel}</td>
                  <td className={`${td} text-xs`}>
                    <div>{t.createdBy ?? "—"}</div>
                    <div className="whitespace-nowrap text-slate-500">{formatUtc(t.createdAt)}</div>
                  </td>
                  <td className={`${td} whitespace-nowrap text-xs`} data-col="last-used">{t.lastUsedAt ? formatUtc(t.lastUsedAt, true) : "never"}</td>
                  <td className={`${td} text-right tabular-nums`} data-col="requests">{t.requestCount.toLocaleString("en-US")}</td>
                  <td className={`${td} whitespace-nowrap text-xs`}>{t.expiresAt ? formatUtc(t.expiresAt) : "never"}</td>
                  <td className={td}>
                    <StatusBadge status={t.status} />
                  </td>
                  {canManage && (
                    <td className={td}>
                      <div className="flex flex-col items-stretch gap-1 whitespace-nowrap">
                        {(t.status.code === "active" || t.status.code === "expiring_soon") && (
                          <button type="button" onClick={() => setOpen({ type: "rotate", token: t })} aria-label={`Rotate ${t.name} (${t.hint})`} className={buttonClass("secondary", "sm")}>
                            Rotate
                          </button>
                        )}
                        {t.status.usable && (
                          <button type="button" onClick={() => setOpen({ type: "expiry", token: t })} aria-label={`Change expiry of ${t.name} (${t.hint})`} className={buttonClass("secondary", "sm")}>
                            Expiry
                          </button>
                        )}
                        {t.status.code !== "revoked" && (
                          <button type="button" onClick={() => setOpen({ type: "revoke", token: t })} aria-label={`${t.rotatedAt ? "Revoke old" : "Revoke"} ${t.name} (${t.hint})`} className={buttonClass("secondary", "sm", "text-red-800")}>
                            {t.rotatedAt ? "Revoke old" : "Revoke"}
                          </button>
                        )}
                      </div>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      {open?.type === "rotate" && (
        <RotateDialog
          projectSlug={projectSlug}
          token={open.token}
          onCancel={() => setOpen(null)}
          onRotated={(plaintext) => {
            setOpen(null);
            setRevealed(plaintext);
            router.refresh();
          }}
        />
      )}
      {open?.type === "revoke" && (
        <RevokeDialog
          projectSlug={projectSlug}
          token={open.token}
          onDone={(revoked) => closeAfter(revoked, true)}
        />
      )}
      {open?.type === "expiry" && (
        <ExpiryDialog
          projectSlug={projectSlug}
          token={open.token}
          onDone={(changed) => closeAfter(changed, false)}
        />
      )}
      {revealed && (
        <RevealDialog
          title={kind === "sdk" ? "Token rotated — copy the new token" : "Key rotated — copy the new key"}
          token={revealed}
          kind={kind}
          projectSlug={projectSlug}
          onClose={() => setRevealed(null)}
          returnFocus={tableRef}
        />
      )}
    </>
  );
}
