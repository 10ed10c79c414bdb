"use client";

import { useActionState, useEffect, useId, useRef } from "react";
import { Button, type ButtonVariant } from "./button";
import { FormMessage } from "./form-message";
import { EMPTY_FORM_STATE, type FormAction } from "./form-state";
import { SubmitButton } from "./submit-button";

/**
 * A button that opens a modal <dialog> asking to confirm, whose form runs a server action.
 * The dialog closes when the action answers ok; errors stay visible inside it.
 */
export function ConfirmDialog({
  triggerLabel,
  title,
  description,
  confirmLabel,
  action,
  fields = {},
  variant = "danger",
  triggerVariant,
  triggerSize = "md",
}: {
  triggerLabel: React.ReactNode;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  action: FormAction;
  fields?: Record<string, string>;
  variant?: ButtonVariant;
  triggerVariant?: ButtonVariant;
  triggerSize?: "sm" | "md";
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descId = useId();
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);

  useEffect(() => {
    if (state.ok) ref.current?.close();
  }, [state]);

  return (
    <>
      <Button variant={triggerVariant ?? variant} size={triggerSize} onClick={() => ref.current?.showModal()} aria-haspopup="dialog">
        {triggerLabel}
      </Button>
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        aria-describedby={descId}
        className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg border border-slate-200 bg-white p-0 text-left shadow-xl backdrop:bg-slate-900/50"
      >
        <form action={formAction} className="space-y-4 p-6">
          <h2 id={titleId} className="text-lg font-semibold text-slate-900">
            {title}
          </h2>
          <div id={descId} className="text-sm text-slate-700">
            {description}
          </div>
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <FormMessage error={state.error} />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => ref.current?.close()}>
              Cancel
            </Button>
            <SubmitButton variant={variant} pendingLabel="Working…">
              {confirmLabel}
            </SubmitButton>
          </div>
        </form>
      </dialog>
    </>
  );
}
