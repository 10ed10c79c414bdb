"use client";
// Shows a freshly minted token once. The plaintext is a prop held in the opener's state only; the
// opener sets that state to null when this closes, so nothing keeps it after "Done".
import { useId, useRef, useState, type RefObject } from "react";
import type { TokenKind } from "@/lib/tokens/format";
import { buttonClass } from "@/components/ui/button";
import { Modal } from "./modal";

export interface RevealDialogProps {
  title: string;
  token: string;
  kind: TokenKind;
  projectSlug: string;
  onClose: () => void;
  /** Where focus goes when the dialog closes (see Modal). */
  returnFocus?: RefObject<HTMLElement | null>;
}

const ENV_VAR: Record<TokenKind, string> = { sdk: "INFERENCEKEY_SDK_TOKEN", live: "INFERENCEKEY_API_KEY" };
const PLACEHOLDER: Record<TokenKind, string> = { sdk: "ik_sdk_…", live: "ik_live_…" };

export function RevealDialog({ title, token, kind, projectSlug, onClose, returnFocus }: RevealDialogProps) {
  const noun = kind === "sdk" ? "token" : "key";
  const [copied, setCopied] = useState(false);
  const [copyFailed, setCopyFailed] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const copyButton = useRef<HTMLButtonElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const warningId = useId();
  const fieldId = useId();

  async function copy() {
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
      setCopyFailed(false);
    } catch {
      // No clipboard access (permissions, insecure origin): select the text for a manual copy.
      field.current?.select();
      setCopyFailed(true);
    }
  }

  const requestClose = () => {
    if (copied) onClose();
    else setConfirming(true);
  };

  return (
    <Modal title={title} onDismiss={confirming ? () => setConfirming(false) : requestClose} initialFocus={copyButton} returnFocus={returnFocus} describedBy={warningId} wide>
      <p id={warningId} className="mb-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900">
        You will not see this {noun} again. Copy it now and store it as a secret.
      </p>
      <label htmlFor={fieldId} className="mb-1 block text-sm font-medium text-slate-700">
        Your new {kind === "sdk" ? "control token" : "data key"}
      </label>
      <div className="flex gap-2">
        <input
          id={fieldId}
          ref={field}
          readOnly
          value={token}
          spellCheck={false}
          autoComplete="off"
          data-testid="revealed-token"
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded border border-slate-300 bg-slate-50 px-2 py-1.5 font-mono text-sm text-slate-900"
        />
        <button
          ref={copyButton}
          type="button"
          onClick={copy}
          aria-label={`Copy ${noun}`}
          className={buttonClass("primary", "sm", "shrink-0")}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
      <p aria-live="polite" className="mt-1 h-5 text-sm text-slate-600">
        {copied ? "Copied to the clipboard." : copyFailed ? `Copying is not allowed here: the ${noun} is selected, press Ctrl+C (⌘C).` : ""}
      </p>

      <div className="mt-3">
        <p className="mb-1 text-sm font-medium text-slate-700">How to use</p>
        <pre className="overflow-x-auto rounded bg-slate-900 px-3 py-2 font-mono text-xs text-slate-100">
          {`export INFERENCEKEY_PROJECT="${projectSlug}"\nexport ${ENV_VAR[kind]}="${PLACEHOLDER[kind]}"   # paste the ${noun} here`}
        </pre>
      </div>

      {confirming ? (
        <div role="group" aria-label="Confirm close" className="mt-4 rounded border border-red-200 bg-red-50 p-3">
          <p className="text-sm font-medium text-red-900">You haven&apos;t copied this {noun}. Close anyway?</p>
          <div className="mt-2 flex justify-end gap-2">
            <button type="button" autoFocus onClick={() => setConfirming(false)} className={buttonClass("secondary", "sm")}>
              Go back
            </button>
            <button type="button" onClick={onClose} className={buttonClass("danger", "sm")}>
              Close anyway
            </button>
          </div>
        </div>
      ) : (
        <div className="mt-4 flex justify-end">
          <button type="button" onClick={requestClose} className={buttonClass("primary")}>
            Done
          </button>
        </div>
      )}
    </Modal>
  );
}
