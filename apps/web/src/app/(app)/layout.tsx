import type { ReactNode } from "react";
import { HideInIde } from "@/components/shell/hide-in-ide";
import { TopBar } from "@/components/shell/top-bar";
import { loadAppContext } from "@/lib/orgs/app-context";

/**
 * Every signed-in page: a sticky top bar above the page, which scrolls with the document. The IDE
 * has its own header and sizes itself to the viewport, so there the bar is left out.
 */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const context = await loadAppContext();
  return (
    <div className="flex min-h-dvh flex-col">
      <HideInIde>
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-surface focus:px-3 focus:py-2 focus:shadow"
        >
          Skip to content
        </a>
        <TopBar context={context} />
      </HideInIde>
      <div id="main" className="flex flex-1 flex-col">
        {children}
      </div>
    </div>
  );
}
