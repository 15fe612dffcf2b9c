import Link from "next/link";
import type { AppContext } from "@/lib/orgs/app-context";
import { LogoMark } from "./logo";
import { OrgMenu } from "./org-menu";
import { UserMenu } from "./user-menu";

export function TopBar({ context }: { context: AppContext }) {
  return (
    <header className="sticky top-0 z-20 flex h-11 shrink-0 items-center gap-1 border-b border-border bg-surface px-2 sm:px-3">
      <Link href="/projects" className="flex items-center gap-2 rounded-md px-1.5 py-1 font-semibold tracking-tight focus-visible:outline-2 focus-visible:outline-fg">
        <LogoMark className="size-5" />
        <span className="hidden sm:inline">Codeyard</span>
      </Link>
      <span aria-hidden className="text-border select-none">
        /
      </span>
      <nav aria-label="Organization" className="flex min-w-0 items-center">
        <OrgMenu memberships={context.memberships} current={context.currentOrg} />
      </nav>
      <div className="flex-1" />
      <Link href="/m" className="rounded-md px-2 py-1 text-sm text-muted hover:bg-canvas hover:text-fg" title="Background tasks (the phone app)">
        Tasks
      </Link>
      <UserMenu user={context.user} />
    </header>
  );
}
