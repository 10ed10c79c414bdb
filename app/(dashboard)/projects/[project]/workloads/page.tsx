import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { can } from "@/lib/access";
import { requireUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { getProjectForMember } from "@/lib/projects";
import { listWorkloads } from "@/lib/workloads/service";

export const metadata: Metadata = { title: "Workloads" };

type Props = { params: Promise<{ project: string }> };

export default async function WorkloadsPage({ params }: Props) {
  const { project: slug } = await params;
  const user = await requireUser(`/projects/${slug}/workloads`);
  const { project, role } = await getProjectForMember(slug, user.id);
  const workloads = await listWorkloads(await prisma(), project.id);
  const write = can(role, "workload.write");
  return (
    <>
      <PageHeader
        title="Workloads"
        description="Models this project serves. The SDK's ManagementClient.ensure() creates and updates them too; a data key reaches them through the gateway."
        actions={write ? <ButtonLink href={`/projects/${project.slug}/workloads/new`}>New workload</ButtonLink> : undefined}
      />
      {workloads.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-700">No workloads yet.{write ? " Create one here, or run ensure() from the SDK with a control token." : ""}</p>
        </Card>
      ) : (
        <Card className="p-0">
          <Table caption="Workloads">
            <THead>
              <TR>
                <TH>Name</TH>
                <TH>Slug</TH>
                <TH>Task</TH>
                <TH>Backend</TH>
                <TH>Model</TH>
                <TH>Serving URL</TH>
              </TR>
            </THead>
            <TBody>
              {workloads.map((w) => (
                <TR key={w.id} data-workload={w.slug}>
                  <TD>
                    <Link href={`/projects/${project.slug}/workloads/${w.id}`} className="font-medium text-indigo-800 underline-offset-2 hover:underline">
                      {w.name}
                    </Link>
                  </TD>
                  <TD className="font-mono text-xs">{w.slug}</TD>
                  <TD>{w.taskType}</TD>
                  <TD>{w.backend}</TD>
                  <TD className="max-w-xs truncate font-mono text-xs" title={w.modelName}>
                    {w.modelName}
                  </TD>
                  <TD className="max-w-xs truncate font-mono text-xs">{w.servingUrl ?? <span className="text-slate-600">not set</span>}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </Card>
      )}
    </>
  );
}
