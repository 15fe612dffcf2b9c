import type { ReactNode } from "react";

/** The width and padding of ordinary (non-IDE) pages. */
export function PageContainer({ children, width = "wide" }: { children: ReactNode; width?: "wide" | "narrow" }) {
  return <main className={`mx-auto flex w-full flex-col gap-6 px-4 py-6 sm:px-6 ${width === "wide" ? "max-w-5xl" : "max-w-2xl"}`}>{children}</main>;
}
