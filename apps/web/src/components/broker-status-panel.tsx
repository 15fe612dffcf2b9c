import { connection } from "next/server";
import { env } from "@codeyard/env";
import { brokerBaseUrl, fetchBrokerHealth, type BrokerStatusView, type BrokerTone } from "@/lib/broker-health";
import { InlineCode } from "./inline-code";

const TONE_DOT: Record<BrokerTone, string> = { ok: "bg-ok", warn: "bg-warn", error: "bg-danger" };

/** Server-rendered on every request: the broker's state is live, never prerendered or cached. */
export async function BrokerStatusPanel() {
  await connection();
  const view = await fetchBrokerHealth(brokerBaseUrl(env()));
  return <StatusCard view={view} />;
}

export function BrokerStatusPlaceholder() {
  return (
    <section aria-busy="true" className="rounded-xl border border-border bg-surface p-5 text-muted">
      Checking the session broker…
    </section>
  );
}

function StatusCard({ view }: { view: BrokerStatusView }) {
  return (
    <section aria-labelledby="broker-status" className="flex flex-col gap-4 rounded-xl border border-border bg-surface p-5">
      <h2 id="broker-status" className="flex items-center gap-2 font-medium">
        <span aria-hidden className={`size-2.5 rounded-full ${TONE_DOT[view.tone]}`} />
        {view.title}
      </h2>
      <p role={view.tone === "ok" ? undefined : "alert"}>
        <InlineCode text={view.message} />
      </p>
      {view.facts.length > 0 && (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
          {view.facts.map((fact) => (
            <div key={fact.label} className="contents">
              <dt className="text-muted">{fact.label}</dt>
              <dd className="font-mono break-all">{fact.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
