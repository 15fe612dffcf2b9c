"use client";
/**
 * The phone app's one broker connection, shared by its pages (the layout keeps it across client
 * navigations). It also registers the service worker, so pushes can be shown and opened.
 */
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { BrokerClient } from "@/lib/broker/broker-client";
import { registerServiceWorker } from "@/lib/tasks/push-subscription";
import { useStore } from "../ide/model/use-store";

const PhoneClientContext = createContext<BrokerClient | null>(null);

export function PhoneClientProvider({ brokerUrl, children }: { brokerUrl: string; children: ReactNode }) {
  const [client, setClient] = useState<BrokerClient | null>(null);
  useEffect(() => {
    // Created in the effect (not during render) so a development double mount gets a fresh one.
    const created = new BrokerClient(brokerUrl);
    created.connect();
    setClient(created);
    registerServiceWorker().catch(() => undefined);
    return () => created.close();
  }, [brokerUrl]);
  if (!client) return <p className="p-4 text-sm text-muted">Connecting…</p>;
  return <PhoneClientContext.Provider value={client}>{children}</PhoneClientContext.Provider>;
}

export function usePhoneClient(): BrokerClient {
  const client = useContext(PhoneClientContext);
  if (!client) throw new Error("usePhoneClient outside PhoneClientProvider");
  return client;
}

/** Runs `load` now (when connected) and after every reconnection; the latest `load` is used. */
export function useOnConnect(load: () => void): void {
  const client = usePhoneClient();
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => {
    if (client.connected) latest.current();
    return client.onConnect(() => latest.current());
  }, [client]);
}

export function useConnectionStatus(): ReturnType<BrokerClient["state"]["get"]> {
  return useStore(usePhoneClient().state);
}
