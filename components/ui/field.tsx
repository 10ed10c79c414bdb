import { cloneElement, isValidElement, type ReactElement } from "react";

type ControlProps = { id?: string; "aria-invalid"?: boolean; "aria-describedby"?: string; required?: boolean };

/**
 * A label, one form control, an optional hint and an error. The control gets its id and the
 * aria-invalid / aria-describedby wiring, so screen readers read the error with the field.
 */
export function Field({ id, label, hint, error, children, optional }: {
  id: string;
  label: React.ReactNode;
  hint?: React.ReactNode;
  error?: string | string[] | null;
  optional?: boolean;
  children: ReactElement<ControlProps>;
}) {
  const message = Array.isArray(error) ? error[0] : error;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = message ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const control = isValidElement(children)
    ? cloneElement(children, { id, "aria-invalid": message ? true : undefined, "aria-describedby": describedBy })
    : children;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
        {optional && <span className="ml-1 font-normal text-slate-600">(optional)</span>}
      </label>
      {control}
      {hint && (
        <p id={hintId} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      {message && (
        <p id={errorId} className="text-sm font-medium text-red-700" data-field-error={id}>
          {message}
        </p>
      )}
    </div>
  );
}
