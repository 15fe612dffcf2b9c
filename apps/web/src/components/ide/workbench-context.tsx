"use client";
import { createContext, useContext } from "react";
import type { Workbench } from "./model/workbench";

export const WorkbenchContext = createContext<Workbench | null>(null);

export function useWorkbench(): Workbench {
  const workbench = useContext(WorkbenchContext);
  if (!workbench) throw new Error("useWorkbench must be used inside <IdeScreen>.");
  return workbench;
}
