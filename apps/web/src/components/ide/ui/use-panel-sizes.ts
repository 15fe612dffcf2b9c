"use client";
/** Widths and heights of the IDE's panels, remembered in this browser. */
import { useEffect, useState } from "react";

export interface PanelSizes {
  side: number;
  agent: number;
  terminal: number;
}

const KEY = "codeyard:panel-sizes";
const DEFAULTS: PanelSizes = { side: 260, agent: 400, terminal: 260 };

export function usePanelSizes(): [PanelSizes, (update: Partial<PanelSizes>) => void] {
  const [sizes, setSizes] = useState<PanelSizes>(DEFAULTS);
  useEffect(() => {
    try {
      const stored = JSON.parse(localStorage.getItem(KEY) ?? "null") as Partial<PanelSizes> | null;
      if (stored) setSizes((current) => ({ ...current, ...pickNumbers(stored) }));
    } catch {
      // Defaults stay.
    }
  }, []);
  const update = (change: Partial<PanelSizes>) =>
    setSizes((current) => {
      const next = { ...current, ...change };
      try {
        localStorage.setItem(KEY, JSON.stringify(next));
      } catch {
        // Not remembered; harmless.
      }
      return next;
    });
  return [sizes, update];
}

function pickNumbers(value: Partial<PanelSizes>): Partial<PanelSizes> {
  return Object.fromEntries(
    Object.entries(value).filter(([, size]) => typeof size === "number" && Number.isFinite(size)),
  ) as Partial<PanelSizes>;
}
