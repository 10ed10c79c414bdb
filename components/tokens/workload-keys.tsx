// Server component for a workload's page: every data key that reaches the workload, granted directly
// or project-wide (project/*). The caller has already checked the viewer is a member of the project.
import Link from "next/link";
import { prisma } from "@/lib/db";
import { keysForWorkload } from "@/lib/tokens/service";
import { formatUtc } from "./format-time";
import { StatusBadge } from "./status-badge";

const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600";
const td = "px-3 py-2 align-top text-sm";

export async function WorkloadKeys({ projectSlug, workloadId }: { projectSlug: string; workloadId: string }) {
  const db = await prisma();
  // Only a workload of this project: a mismatched pair shows nothing rather than another project's keys.
  const workload = await db.workload.findFirst({ where: { id: workloadId, project: { slug: projectSlug } }, select: { id: true } });
  const keys = workload ? await keysForWorkload(db, workload.id) : [];
  const reaching = keys.filter((k) => k.status.usable);
  const stopped = keys.length - reaching.length;

  return (
    <section aria-labelledby="workload-keys-heading" className="space-y-2">
      <div className="flex items-baseline justify-between">
        <h2 id="workload-keys-heading" className="text-lg font-medium">
          Data keys that reach this workload
        </h2>
        <Link href={`/projects/${projectSlug}/api-keys`} className="text-sm text-indigo-700 hover:underline">
          Manage data keys
        </Link>
      </div>
      {reaching.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-600">No working data key reaches this workload.</p>
      ) : (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200">
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className={th}>Name</th>
                <th scope="col" className={th}>Key</th>
                <th scope="col" className={th}>Through</th>
                <th scope="col" className={th}>Last used</th>
                <th scope="col" className={th}>Requests</th>
                <th scope="col" className={th}>Status</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {reaching.map((k) => (
                <tr key={k.id}>
                  <td className={`${td} font-medium`}>{k.name}</td>
                  <td className={`${td} whitespace-nowrap font-mono`}>{k.hint}</td>
                  <td className={`${td} font-mono text-xs`}>{k.access.all ? `${projectSlug}/*` : "this workload"}</td>
                  <td className={`${td} whitespace-nowrap text-xs`}>{k.lastUsedAt ? formatUtc(k.lastUsedAt, true) : "never"}</td>
                  <td className={`${td} tabular-nums`}>{k.requestCount.toLocaleString("en-US")}</td>
                  <td className={td}>
                    <StatusBadge status={k.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {stopped > 0 && (
        <p className="text-xs text-slate-500">
          {stopped} revoked, expired or replaced key{stopped === 1 ? "" : "s"} not shown.
        </p>
      )}
    </section>
  );
}
