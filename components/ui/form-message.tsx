import { cn } from "./cn";

/**
 * The outcome of a form submission, announced politely to screen readers. (Next renders its own
 * role="alert" element, so this uses role="status" and a data attribute for tests.)
 */
export function FormMessage({ error, message, className }: { error?: string | null; message?: string | null; className?: string }) {
  if (!error && !message) return null;
  return (
    <p
      role="status"
      data-form-message={error ? "error" : "success"}
      className={cn(
        "rounded-md px-3 py-2 text-sm font-medium",
        error ? "border border-red-200 bg-red-50 text-red-800" : "border border-emerald-200 bg-emerald-50 text-emerald-800",
        className,
      )}
    >
      {error ?? message}
    </p>
  );
}
