import { env } from "@codeyard/env";
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { PhoneClientProvider } from "@/components/phone/phone-client";
import { requireUser } from "@/lib/auth/current-user";

export const metadata: Metadata = {
  title: "Tasks · Codeyard",
  appleWebApp: { capable: true, title: "Codeyard", statusBarStyle: "default" },
  icons: { apple: "/icons/apple-touch-icon.png" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, viewportFit: "cover" };

/**
 * The phone app (installable, designed for screens up to 430 px): background tasks, their
 * transcripts, reviews and terminals, and notifications. No Monaco here: code and diffs are
 * read-only views.
 */
export default async function PhoneLayout({ children }: { children: ReactNode }) {
  await requireUser();
  return (
    <PhoneClientProvider brokerUrl={env().CODEYARD_BROKER_PUBLIC_URL}>
      <div className="mx-auto flex min-h-dvh w-full max-w-[430px] flex-col bg-canvas">{children}</div>
    </PhoneClientProvider>
  );
}
