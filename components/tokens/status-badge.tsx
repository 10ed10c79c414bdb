import type { TokenView } from "@/lib/tokens/schemas";
import { formatUtc } from "./format-time";

const STYLE: Record<TokenView["status"]["code"], string> = {
  active: "bg-emerald-50 text-emerald-800 ring-emerald-600/30",
  expiring_soon: "bg-amber-50 text-amber-900 ring-amber-600/30",
  expired: "bg-slate-100 text-slate-700 ring-slate-500/30",
  revoked: "bg-red-50 text-red-800 ring-red-600/30",
  rotated: "bg-sky-50 text-sky-900 ring-sky-600/30",
  rotated_ended: "bg-slate-100 text-slate-700 ring-slate-500/30",
};

export function statusText(s: TokenView["status"]): string {
  switch (s.code) {
    case "active":
      return "active";
    case "expiring_soon":
      return "expiring soon"; // the Expires column has the date
    case "expired":
      return "expired";
    case "revoked":
      return "revoked";
    case "rotated":
      return s.until ? `rotated — valid until ${formatUtc(s.until)}` : "rotated — valid until revoked";
    case "rotated_ended":
      return "rotated — ended";
  }
}

export function StatusBadge({ status }: { status: TokenView["status"] }) {
  return (
    <span data-status={status.code} className={`inline-block max-w-[12rem] rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLE[status.code]}`}>
      {statusText(status)}
    </span>
  );
}
