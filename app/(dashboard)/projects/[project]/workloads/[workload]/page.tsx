import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { consoleOrigin } from "@/components/layout/console-origin";
import { WorkloadKeys } from "@/components/tokens/workload-keys";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { PageHeader } from "@/components/ui/page-header";
import { workloadToFormValues } from "@/components/workloads/form-values";
import { WorkloadDetails } from "@/components/workloads/workload-details";
import { WorkloadForm } from "@/components/workloads/workload-form";
import { can } from "@/lib/access";
import { requireUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { getProjectForMember } from "@/lib/projects";
import { getWorkload } from "@/lib/workloads/service";
import { deleteWorkloadAction, updateWorkloadAction } from "../actions";

type Props = { params: Promise<{ project: string; workload: string }> };

export const metadata: Metadata = { title: "Workload" };

export default async function WorkloadPage({ params }: Props) {
  const { project: slug, workload: workloadId } = await params;
  const user = await requireUser(`/projects/${slug}/workloads/${workloadId}`);
  const { project, role } = await getProjectForMember(slug, user.id);
  const workload = await getWorkload(await prisma(), workloadId);
  if (!workload || workload.projectId !== project.id) notFound();
  const write = can(role, "workload.write");
  const endpoint = `${await consoleOrigin()}/endpoint/${project.slug}/${workload.slug}/v1`;

  return (
    <>
      <PageHeader title={workload.name} description={<code className="font-mono">{workload.slug}</code>} />
      <div className="grid gap-6 *:min-w-0">
        <Card>
          <CardHeader title="Definition" />
          <WorkloadDetails workload={workload} />
        </Card>

        <Card>
          <CardHeader title="Call it" description="OpenAI-compatible, with a data key (ik_live_) that reaches this workload. The model field is the workload slug." />
          <pre className="overflow-x-auto rounded-md bg-slate-900 p-4 font-mono text-sm text-slate-100">
            {`curl ${endpoint}/chat/completions \\
  -H "Authorization: Bearer $INFERENCEKEY_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"model": "${workload.slug}", "messages": [{"role": "user", "content": "Hello"}]}'`}
          </pre>
        </Card>

        {/* Keys that reach this workload */}
        <Card>
          <WorkloadKeys projectSlug={project.slug} workloadId={workload.id} />
        </Card>

        {write && (
          <Card>
            <CardHeader title="Edit" description="The slug never changes. Changes reach the gateway at once." />
            <WorkloadForm
              mode="edit"
              action={updateWorkloadAction.bind(null, project.slug, workload.id)}
              initial={workloadToFormValues(workload)}
              upstreamKeySet={workload.upstreamKeySealed !== null}
              submitLabel="Save changes"
            />
          </Card>
        )}

        {write && (
          <Card className="border-red-200">
            <CardHeader title="Delete workload" description="The gateway stops answering for it at once; keys granted only to it stop reaching anything." />
            <ConfirmDialog
              triggerLabel="Delete workload"
              title={`Delete ${workload.name}?`}
              description={<>This removes <code className="font-mono">{workload.slug}</code> and its key grants. It cannot be undone.</>}
              confirmLabel="Delete"
              action={deleteWorkloadAction.bind(null, project.slug, workload.id)}
            />
          </Card>
        )}
      </div>
    </>
  );
}
