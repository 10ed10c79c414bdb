import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { can, canAssignRole, ROLES, type Role } from "@/lib/access";
import { requireUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { listMembers } from "@/lib/members";
import { getProjectForMember } from "@/lib/projects";
import { AddMemberForm, RemoveMemberButton, RoleForm } from "./member-forms";

export const metadata: Metadata = { title: "Members" };

type Props = { params: Promise<{ project: string }> };

const ROLE_HELP: Record<Role, string> = {
  owner: "everything, including managing owners",
  admin: "manage members (not owners), control tokens, rename",
  developer: "edit workloads, mint data keys",
  viewer: "read only",
};

export default async function MembersPage({ params }: Props) {
  const { project: slug } = await params;
  const user = await requireUser(`/projects/${slug}/members`);
  const { project, role } = await getProjectForMember(slug, user.id);
  const members = await listMembers(await prisma(), project.id);
  const manage = can(role, "member.manage");
  const grantable = ROLES.filter((r) => canAssignRole(role, null, r));
  return (
    <>
      <PageHeader title="Members" description={ROLES.map((r) => `${r}: ${ROLE_HELP[r]}`).join(" · ")} />
      {manage && (
        <Card className="mb-6">
          <CardHeader title="Add a member" />
          <AddMemberForm projectSlug={project.slug} roles={grantable} />
        </Card>
      )}
      <Card>
        <CardHeader title={`${members.length} member${members.length === 1 ? "" : "s"}`} />
        <Table caption="Project members">
          <THead>
            <TR>
              <TH>Member</TH>
              <TH>Role</TH>
              {manage && <TH className="text-right">Actions</TH>}
            </TR>
          </THead>
          <TBody>
            {members.map((m) => {
              const editable = manage && canAssignRole(role, m.role, "viewer");
              const choices = ROLES.filter((r) => r === m.role || canAssignRole(role, m.role, r));
              return (
                <TR key={m.userId} data-member={m.email}>
                  <TD>
                    <span className="font-medium">{m.email}</span>
                    {m.name && <span className="ml-2 text-slate-600">{m.name}</span>}
                    {m.userId === user.id && <span className="ml-2 text-xs text-slate-600">(you)</span>}
                  </TD>
                  <TD>
                    {editable ? (
                      <RoleForm projectSlug={project.slug} userId={m.userId} email={m.email} role={m.role} roles={choices} />
                    ) : (
                      <Badge tone={m.role === "owner" ? "info" : "neutral"}>{m.role}</Badge>
                    )}
                  </TD>
                  {manage && <TD className="text-right">{editable && <RemoveMemberButton projectSlug={project.slug} userId={m.userId} email={m.email} />}</TD>}
                </TR>
              );
            })}
          </TBody>
        </Table>
      </Card>
    </>
  );
}
