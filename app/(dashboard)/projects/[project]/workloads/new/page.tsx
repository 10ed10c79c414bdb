import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { WorkloadForm } from "@/components/workloads/workload-form";
import { can } from "@/lib/access";
import { requireUser } from "@/lib/auth/session";
import { getProjectForMember } from "@/lib/projects";
import { createWorkloadAction } from "../actions";

export const metadata: Metadata = { title: "New workload" };

type Props = { params: Promise<{ project: string }> };

export default async function NewWorkloadPage({ params }: Props) {
  const { project: slug } = await params;
  const user = await requireUser(`/projects/${slug}/workloads/new`);
  const { project, role } = await getProjectForMember(slug, user.id);
  if (!can(role, "workload.write")) {
    return (
      <>
        <PageHeader title="New workload" />
        <Card>
          <p className="text-sm text-slate-700">Your role ({role}) can read workloads but not create them. Ask a project owner or admin for the developer role.</p>
        </Card>
      </>
    );
  }
  return (
    <>
      <PageHeader title="New workload" description="The same fields the SDK's WorkloadSpec sends. Never put secrets in a spec." />
      <Card className="max-w-3xl">
        <WorkloadForm mode="create" action={createWorkloadAction.bind(null, project.slug)} submitLabel="Create workload" />
      </Card>
    </>
  );
}
