import type { Metadata } from "next";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/access";
import { requireUser } from "@/lib/auth/session";
import { getProjectForMember } from "@/lib/projects";
import { RenameForm } from "./rename-form";

export const metadata: Metadata = { title: "Settings" };

type Props = { params: Promise<{ project: string }> };

export default async function SettingsPage({ params }: Props) {
  const { project: slug } = await params;
  const user = await requireUser(`/projects/${slug}/settings`);
  const { project, role } = await getProjectForMember(slug, user.id);
  const mayRename = can(role, "project.rename");
  return (
    <>
      <PageHeader title="Settings" />
      <div className="grid max-w-2xl gap-6">
        <Card>
          <CardHeader title="Name" description={mayRename ? "The name is for people; renaming changes nothing for the SDK." : "Only owners and admins can rename the project."} />
          {mayRename ? <RenameForm projectSlug={project.slug} name={project.name} /> : <p className="text-sm text-slate-900">{project.name}</p>}
        </Card>
        <Card>
          <CardHeader title="Slug" description="The SDK's INFERENCEKEY_PROJECT and the first part of every gateway URL. It never changes, so tokens and deployed apps keep working." />
          <code className="font-mono text-sm text-slate-900">{project.slug}</code>
        </Card>
      </div>
    </>
  );
}
