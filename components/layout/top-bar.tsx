import Link from "next/link";
import { SignOutButton } from "./sign-out-button";

export function TopBar({ email }: { email: string }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl items-center justify-between gap-4 px-4 py-3">
        <Link href="/projects" className="shrink-0 rounded-sm text-sm font-semibold tracking-wide text-indigo-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
          InferenceKey Console
        </Link>
        <div className="flex min-w-0 items-center gap-3">
          <span className="min-w-0 truncate text-sm text-slate-700" title={email} data-testid="current-user">
            {email}
          </span>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
