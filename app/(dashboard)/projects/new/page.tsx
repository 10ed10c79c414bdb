import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { NewProjectForm } from "./new-project-form";

export const metadata: Metadata = { title: "New project" };

export default async function NewProjectPage() {
  await requireUser("/projects/new");
  return (
    <>
      <PageHeader title="New project" description="You become the project's owner. The slug is what the SDK calls the project (INFERENCEKEY_PROJECT); it cannot change later." />
      <Card className="max-w-xl">
        <NewProjectForm />
      </Card>
    </>
  );
}
