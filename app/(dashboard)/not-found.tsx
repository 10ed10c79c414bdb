import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";

// A project you are not a member of is "not found" too, on purpose: nothing says whether it exists.
export default function NotFound() {
  return (
    <div>
      <PageHeader title="Not found" description="There is no such page, or it belongs to a project you are not a member of." />
      <Link href="/projects" className={buttonClass("secondary", "md")}>
        Back to your projects
      </Link>
    </div>
  );
}
