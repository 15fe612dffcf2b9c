import Link from "next/link";
import type { ReactNode } from "react";
import { LogoMark } from "@/components/shell/logo";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="mx-auto flex min-h-dvh w-full max-w-sm flex-col justify-center gap-6 px-4 py-10">
      <Link href="/" className="flex items-center gap-2 self-start rounded-md font-semibold tracking-tight focus-visible:outline-2 focus-visible:outline-fg">
        <LogoMark className="size-6" />
        Codeyard
      </Link>
      {children}
    </main>
  );
}
