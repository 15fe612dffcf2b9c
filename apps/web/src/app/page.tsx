import Link from "next/link";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { BrokerStatusPanel, BrokerStatusPlaceholder } from "@/components/broker-status-panel";
import { buttonStyles } from "@/components/forms/styles";
import { LogoMark } from "@/components/shell/logo";
import { getCurrentUser } from "@/lib/auth/current-user";

export default async function HomePage() {
  // The landing must render even when the database is down: it shows what is wrong.
  if (await getCurrentUser().catch(() => null)) redirect("/projects");
  return (
    <main className="mx-auto flex max-w-2xl flex-col gap-8 px-6 py-16">
      <header className="flex flex-col gap-3">
        <h1 className="flex items-center gap-2.5 text-3xl font-semibold tracking-tight">
          <LogoMark className="size-8" />
          Codeyard
        </h1>
        <p className="text-muted">A self-hosted IDE where coding agents work in Docker sandboxes.</p>
        <div className="flex flex-wrap gap-2 pt-2">
          <Link href="/sign-in" className={buttonStyles.primary}>
            Sign in
          </Link>
          <Link href="/sign-up" className={buttonStyles.secondary}>
            Create an account
          </Link>
        </div>
      </header>
      <Suspense fallback={<BrokerStatusPlaceholder />}>
        <BrokerStatusPanel />
      </Suspense>
    </main>
  );
}
