import type { Metadata } from "next";
import { AutoRefresh } from "@/components/tokens/auto-refresh";
import { MintForm } from "@/components/tokens/mint-form";
import { TokenTable } from "@/components/tokens/token-table";
import { requireUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { getProjectForMember } from "@/lib/projects";
import { canManage, listTokens } from "@/lib/tokens/service";

export const metadata: Metadata = { title: "Data keys" };
export const dynamic = "force-dynamic";

export default async function ApiKeysPage({ params }: { params: Promise<{ project: string }> }) {
  const { project: slug } = await params;
  const user = await requireUser(`/projects/${slug}/api-keys`);
  const { project, role } = await getProjectForMember(slug, user.id);
  const db = await prisma();
  const [tokens, workloads] = await Promise.all([
    listTokens(db, project.id, "live"),
    db.workload.findMany({ where: { projectId: project.id }, select: { id: true, slug: true, name: true }, orderBy: { slug: "asc" } }),
  ]);
  const manage = canManage(role, "live");

  return (
    <div className="space-y-6">
      <AutoRefresh />
      <header>
        <h1 className="text-2xl font-semibold">Data keys</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          <span className="font-mono">ik_live_</span> keys call inference on the gateway at{" "}
          <span className="font-mono">/endpoint/{project.slug}/&lt;workload&gt;/v1/…</span>. They cannot provision. Pass one to{" "}
          <span className="font-mono">data.endpoint(slug, api_key=…)</span> or set <span className="font-mono">INFERENCEKEY_API_KEY</span>.
        </p>
      </header>
      {manage ? (
        <section aria-labelledby="mint-heading" className="space-y-2">
          <h2 id="mint-heading" className="text-lg font-medium">Create a data key</h2>
          <MintForm projectSlug={project.slug} kind="live" workloads={workloads} />
        </section>
      ) : (
        <p className="rounded border border-slate-200 bg-white px-3 py-2 text-sm text-slate-600">Viewers can see data keys but not create, rotate or revoke them.</p>
      )}
      <section aria-labelledby="list-heading" className="space-y-2">
        <h2 id="list-heading" className="text-lg font-medium">Keys</h2>
        <TokenTable projectSlug={project.slug} kind="live" tokens={tokens} canManage={manage} />
      </section>
    </div>
  );
}
