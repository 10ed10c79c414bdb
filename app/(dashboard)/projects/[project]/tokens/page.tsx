import type { Metadata } from "next";
import { AutoRefresh } from "@/components/tokens/auto-refresh";
import { MintForm } from "@/components/tokens/mint-form";
import { TokenTable } from "@/components/tokens/token-table";
import { requireUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { getProjectForMember } from "@/lib/projects";
import { canManage, listTokens } from "@/lib/tokens/service";

export const metadata: Metadata = { title: "Control tokens" };
// Per request, never cached: the list reflects revocations at once.
export const dynamic = "force-dynamic";

export default async function TokensPage({ params }: { params: Promise<{ project: string }> }) {
  const { project: slug } = await params;
  const user = await requireUser(`/projects/${slug}/tokens`);
  const { project, role } = await getProjectForMember(slug, user.id);
  const tokens = await listTokens(await prisma(), project.id, "sdk");
  const manage = canManage(role, "sdk");

  return (
    <div className="space-y-6">
      <AutoRefresh />
      <header>
        <h1 className="text-2xl font-semibold">Control tokens</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          <span className="font-mono">ik_sdk_</span> tokens let the SDK&apos;s ManagementClient provision and reconcile workloads in{" "}
          <span className="font-mono">{project.slug}</span>. They cannot call inference. Put one in <span className="font-mono">INFERENCEKEY_SDK_TOKEN</span>.
        </p>
      </header>
      {manage ? (
        <section aria-labelledby="mint-heading" className="space-y-2">
          <h2 id="mint-heading" className="text-lg font-medium">Create a control token</h2>
          <MintForm projectSlug={project.slug} kind="sdk" />
        </section>
      ) : (
        <p className="rounded border border-slate-200 bg-white px-3 py-2 text-sm text-slate-600">Only owners and admins can create, rotate or revoke control tokens.</p>
      )}
      <section aria-labelledby="list-heading" className="space-y-2">
        <h2 id="list-heading" className="text-lg font-medium">Tokens</h2>
        <TokenTable projectSlug={project.slug} kind="sdk" tokens={tokens} canManage={manage} />
      </section>
    </div>
  );
}
