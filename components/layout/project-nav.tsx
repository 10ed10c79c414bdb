"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

const ITEMS = [
  { href: "", label: "Overview" },
  { href: "/workloads", label: "Workloads" },
  { href: "/tokens", label: "Tokens" },
  { href: "/api-keys", label: "API keys" },
  { href: "/members", label: "Members" },
  { href: "/audit", label: "Audit" },
  { href: "/settings", label: "Settings" },
] as const;

export function ProjectNav({ slug }: { slug: string }) {
  const pathname = usePathname();
  const base = `/projects/${slug}`;
  return (
    <nav aria-label="Project" className="-mb-px flex flex-wrap gap-x-1">
      {ITEMS.map((item) => {
        const href = base + item.href;
        const active = item.href === "" ? pathname === base : pathname === href || pathname.startsWith(href + "/");
        return (
          <Link
            key={item.label}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-indigo-600",
              active ? "border-indigo-700 text-indigo-800" : "border-transparent text-slate-700 hover:border-slate-300 hover:text-slate-900",
            )}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
