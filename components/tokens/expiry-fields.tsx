"use client";
// The expiry choice shared by the mint form and the "change expiry" dialog: never, 7/30/90 days from
// now, or a last valid day (UTC). Field names match lib/tokens/schemas.ts expiryFormSchema.
import { useState } from "react";

export const fieldInput = "w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 aria-[invalid=true]:border-red-600 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-600";

export function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="mt-1 text-sm text-red-700">
      {message}
    </p>
  ) : null;
}

/** Controlled by the caller when it must reset the choice (the mint form after a mint); else by itself. */
/** `initial` "" starts with no choice made (changing an expiry must not default to "never"). */
export function ExpiryFields({ id, errors, value, onChange, label = "Expires", initial = "never" }: { id: string; errors: Record<string, string>; value?: string; onChange?: (v: string) => void; label?: string; initial?: "never" | "" }) {
  const [own, setOwn] = useState<string>(initial);
  const expiry = value ?? own;
  const set = onChange ?? setOwn;
  const describe = (field: string) => (errors[field] ? `${id}-${field}-error` : undefined);
  return (
    <>
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor={`${id}-expiry`} className="mb-1 block text-sm font-medium text-slate-700">
            {label}
          </label>
          <select id={`${id}-expiry`} name="expiry" value={expiry} onChange={(e) => set(e.target.value)} className={fieldInput} aria-invalid={!!errors.expiry} aria-describedby={describe("expiry")}>
            {initial === "" && (
              <option value="" disabled>
                Choose…
              </option>
            )}
            <option value="never">Never</option>
            <option value="7">In 7 days</option>
            <option value="30">In 30 days</option>
            <option value="90">In 90 days</option>
            <option value="date">On a date…</option>
          </select>
        </div>
        {expiry === "date" && (
          <div>
            <label htmlFor={`${id}-date`} className="mb-1 block text-sm font-medium text-slate-700">
              Last valid day (UTC)
            </label>
            <input id={`${id}-date`} type="date" name="expiryDate" className={fieldInput} aria-invalid={!!errors.expiryDate} aria-describedby={describe("expiryDate")} />
          </div>
        )}
      </div>
      <FieldError id={`${id}-expiry-error`} message={errors.expiry} />
      <FieldError id={`${id}-expiryDate-error`} message={errors.expiryDate} />
    </>
  );
}
