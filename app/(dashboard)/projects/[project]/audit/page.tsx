import type { Metadata } from "next";
import Link from "next/link";
import { formatUtc } from "@/components/tokens/format-time";
import { listAuditEvents } from "@/lib/audit-query";
import { can } from "@/lib/access";
import { requireUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { getProjectForMember } from "@/lib/projects";
import { notFound } from "next/navigation";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600";
const td = "px-3 py-2 align-top text-sm";

export default async function AuditPage({ params, searchParams }: { params: Promise<{ project: string }>; searchParams: Promise<{ page?: string | string[] }> }) {
  const { project: slug } = await params;
  const { page: rawPage } = await searchParams;
  const user = await requireUser(`/projects/${slug}/audit`);
  const { project, role } = await getProjectForMember(slug, user.id);
  if (!can(role, "audit.read")) notFound();
  const { events, page, pageCount, total } = await listAuditEvents(await prisma(), project.id, Array.isArray(rawPage) ? rawPage[0] : rawPage);
  const href = (p: number) => `/projects/${project.slug}/audit${p > 1 ? `?page=${p}` : ""}`;

  return (
    <div className="space-y-4">
      <header>
        <h1 className="text-2xl font-semibold">Audit log</h1>
        <p className="mt-1 text-sm text-slate-600">
          Everything done in <span className="font-mono">{project.slug}</span>, and the sign-ins of its members. Newest first.
        </p>
      </header>
      {events.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">No events yet.</p>
      ) : (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200">
            <caption className="sr-only">Audit events, page {page} of {pageCount}</caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className={th}>Time</th>
                <th scope="col" className={th}>Actor</th>
                <th scope="col" className={th}>Action</th>
                <th scope="col" className={th}>Target</th>
                <th scope="col" className={th}>Details</th>
                <th scope="col" className={th}>IP</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {events.map((e) => (
                <tr key={e.id}>
                  <td className={`${td} whitespace-nowrap text-xs`}>
                    <time dateTime={e.createdAt.toISOString()}>{formatUtc(e.createdAt, true)}</time>
                  </td>
                  <td className={`${td} min-w-[9rem] text-xs [overflow-wrap:anywhere]`}>
                    {e.actorLabel}
                    {e.actorType !== "user" && <span className="ml-1 text-xs text-slate-500">({e.actorType})</span>}
                  </td>
                  <td className={`${td} font-mono text-xs`}>{e.action}</td>
                  <td className={`${td} min-w-[12rem] text-xs [overflow-wrap:anywhere]`}>
                    {e.targetId ? (
                      <>
                        {e.targetType && <span className="text-slate-500">{e.targetType.replace("_", " ")} </span>}
                        <span className="font-mono">{e.targetId}</span>
                        {e.targetLabel && e.targetLabel !== e.targetId && <span className="ml-1 text-slate-600">“{e.targetLabel}”</span>}
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className={`${td} min-w-[14rem] text-xs [overflow-wrap:anywhere] text-slate-700`}>{details(e.metadata)}</td>
                  <td className={`${td} font-mono text-xs`}>{e.ip ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Audit pages" className="flex items-center justify-between text-sm">
        <span className="text-slate-600">
          {total} event{total === 1 ? "" : "s"} · page {page} of {pageCount}
        </span>
        <span className="flex gap-2">
          {page > 1 && (
            <Link href={href(page - 1)} className="rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50" rel="prev">
              Newer
            </Link>
          )}
          {page < pageCount && (
            <Link href={href(page + 1)} className="rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50" rel="next">
              Older
            </Link>
          )}
        </span>
      </nav>
    </div>
  );
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** An event's metadata as "key: value" pairs for people (audit writers only ever put public facts in
 * it): "graceEndsAt" reads "grace ends at", timestamps as the rest of the console shows them. */
function details(metadata: unknown): string {
  if (!metadata || typeof metadata !== "object") return "—";
  const label = (k: string) => k.replace(/_/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  const show = (v: unknown): string =>
    v === null || v === undefined
      ? "—"
      : Array.isArray(v)
        ? v.map(show).join(", ")
        : typeof v === "string" && ISO_TIME.test(v)
          ? formatUtc(new Date(v))
          : typeof v === "object"
            ? JSON.stringify(v)
            : String(v);
  const parts = Object.entries(metadata as Record<string, unknown>).map(([k, v]) => `${label(k)}: ${show(v)}`);
  return parts.length ? parts.join(" · ") : "—";
}
