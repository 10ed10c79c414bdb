import { TopBar } from "@/components/layout/top-bar";
import { requireUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

// Pages and server actions each check the session themselves; this check only keeps the chrome
// from rendering for nobody.
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-sm">
        Skip to content
      </a>
      <TopBar email={user.email} />
      <main id="main" className="mx-auto max-w-7xl px-4 py-8">
        {children}
      </main>
    </>
  );
}
