import { Suspense } from "react";
import { BrokerStatusPanel, BrokerStatusPlaceholder } from "@/components/broker-status-panel";

export default function HomePage() {
  return (
    <main className="mx-auto flex max-w-2xl flex-col gap-8 px-6 py-16">
      <header className="flex flex-col gap-2">
        <h1 className="text-3xl font-semibold tracking-tight">Codeyard</h1>
        <p className="text-muted">A self-hosted IDE where coding agents work in Docker sandboxes.</p>
      </header>
      <Suspense fallback={<BrokerStatusPlaceholder />}>
        <BrokerStatusPanel />
      </Suspense>
    </main>
  );
}
