import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { getProjectForMember } from "@/lib/projects";
import { consoleOrigin } from "@/components/layout/console-origin";

type Props = { params: Promise<{ project: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).project };
}

export default async function ProjectOverview({ params }: Props) {
  const { project: slug } = await params;
  const user = await requireUser(`/projects/${slug}`);
  const { project } = await getProjectForMember(slug, user.id);
  const db = await prisma();
  const now = new Date();
  const active = { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
  const [workloads, members, sdkTokens, liveKeys] = await Promise.all([
    db.workload.count({ where: { projectId: project.id } }),
    db.membership.count({ where: { projectId: project.id } }),
    db.token.count({ where: { projectId: project.id, kind: "sdk", ...active } }),
    db.token.count({ where: { projectId: project.id, kind: "live", ...active } }),
  ]);
  const origin = await consoleOrigin();
  const base = `/projects/${project.slug}`;
  const stats = [
    { label: "Workloads", value: workloads, href: `${base}/workloads` },
    { label: "Control tokens", value: sdkTokens, href: `${base}/tokens` },
    { label: "Data keys", value: liveKeys, href: `${base}/api-keys` },
    { label: "Members", value: members, href: `${base}/members` },
  ];
  return (
    <>
      <PageHeader title="Overview" />
      <ul className="mb-8 grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label="Project counts">
        {stats.map((s) => (
          <li key={s.label}>
            <Link
              href={s.href}
              className="block rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-indigo-300 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
            >
              <span className="block text-sm text-slate-600">{s.label}</span>
              <span className="mt-1 block text-2xl font-semibold text-slate-900" data-testid={`count-${s.label.toLowerCase().replace(/ /g, "-")}`}>
                {s.value}
              </span>
            </Link>
          </li>
        ))}
      </ul>
      <Card>
        <CardHeader
          title="Point the SDK at this project"
          description="Both SDK clients read these variables. The control token (ik_sdk_) provisions workloads; a data key (ik_live_) calls them."
        />
        <pre className="overflow-x-auto rounded-md bg-slate-900 p-4 font-mono text-sm text-slate-100" aria-label="Environment variables">
          {`export INFERENCEKEY_BASE_URL="${origin}"
export INFERENCEKEY_PROJECT="${project.slug}"
export INFERENCEKEY_SDK_TOKEN="ik_sdk_…"   # from Tokens
export INFERENCEKEY_API_KEY="ik_live_…"    # from API keys`}
        </pre>
        <p className="mt-3 text-sm text-slate-700">
          Mint a control token under{" "}
          <Link className="font-medium text-indigo-800 underline" href={`${base}/tokens`}>
            Tokens
          </Link>{" "}
          and a data key under{" "}
          <Link className="font-medium text-indigo-800 underline" href={`${base}/api-keys`}>
            API keys
          </Link>
          . Each workload answers OpenAI-compatible requests at <code className="font-mono">{`${origin}/endpoint/${project.slug}/<workload>/v1`}</code>.
        </p>
      </Card>
    </>
  );
}
