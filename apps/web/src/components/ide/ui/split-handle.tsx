"use client";
/** A draggable divider between panels; reports the new size of the panel it belongs to. */
import { useRef } from "react";

export interface SplitHandleProps {
  /** "x": a vertical bar resizing widths; "y": a horizontal bar resizing heights. */
  axis: "x" | "y";
  size: number;
  onResize: (size: number) => void;
  /** +1 when dragging right/down grows the panel, -1 when it shrinks it. */
  direction: 1 | -1;
  min: number;
  max: number;
  label: string;
}

export function SplitHandle({
  axis,
  size,
  onResize,
  direction,
  min,
  max,
  label,
}: SplitHandleProps) {
  const start = useRef<{ pointer: number; size: number } | null>(null);
  const clamp = (value: number) => Math.max(min, Math.min(max, value));
  return (
    <div
      role="separator"
      aria-orientation={axis === "x" ? "vertical" : "horizontal"}
      aria-label={label}
      aria-valuenow={Math.round(size)}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      className={`shrink-0 bg-border transition-colors hover:bg-sky-500/60 focus-visible:bg-sky-500/60 focus-visible:outline-none ${axis === "x" ? "w-px cursor-col-resize px-[2px] bg-clip-content" : "h-px cursor-row-resize py-[2px] bg-clip-content"}`}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        start.current = { pointer: axis === "x" ? event.clientX : event.clientY, size };
      }}
      onPointerMove={(event) => {
        if (!start.current) return;
        const delta = (axis === "x" ? event.clientX : event.clientY) - start.current.pointer;
        onResize(clamp(start.current.size + direction * delta));
      }}
      onPointerUp={() => (start.current = null)}
      onKeyDown={(event) => {
        const step = event.shiftKey ? 50 : 10;
        const grow = axis === "x" ? ["ArrowRight", "ArrowLeft"] : ["ArrowDown", "ArrowUp"];
        if (event.key === grow[0]) onResize(clamp(size + direction * step));
        else if (event.key === grow[1]) onResize(clamp(size - direction * step));
      }}
    />
  );
}
