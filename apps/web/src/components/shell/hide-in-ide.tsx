"use client";
import { useSelectedLayoutSegments } from "next/navigation";
import type { ReactNode } from "react";

/** The IDE (/projects/<id>/sessions/<id>) brings its own header and fills the viewport, so the shell's bar steps aside there. */
export function HideInIde({ children }: { children: ReactNode }) {
  const segments = useSelectedLayoutSegments();
  const inIde = segments[0] === "projects" && segments[2] === "sessions";
  return inIde ? null : children;
}
