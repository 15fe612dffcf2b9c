"use client";
/** Inline name field of the tree (new file, new folder, rename): Enter commits, Escape cancels. */
import { useRef, useState } from "react";
import { Icon, type IconName } from "../ui/icons";

export function NameInput({
  depth,
  icon,
  initial,
  validate,
  onCommit,
  onCancel,
}: {
  depth: number;
  icon: IconName;
  initial: string;
  validate: (name: string) => string | null;
  onCommit: (name: string) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(initial);
  const [touched, setTouched] = useState(false);
  const done = useRef(false);
  const problem = validate(value);
  const finish = (commitValue: string | null) => {
    if (done.current) return;
    done.current = true;
    if (commitValue === null) onCancel();
    else onCommit(commitValue);
  };
  const commit = () => {
    setTouched(true);
    if (value === initial && initial !== "") return finish(null);
    if (!problem) finish(value);
  };
  return (
    <div style={{ paddingLeft: 8 + depth * 12 }} className="py-0.5 pr-2">
      <div className="flex items-center gap-1">
        <span className="size-3.5" />
        <Icon name={icon} className="size-4 shrink-0 text-muted" />
        <input
          autoFocus
          aria-label="Name"
          aria-invalid={Boolean(touched && problem)}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          onFocus={(event) => {
            const dot = initial.lastIndexOf(".");
            event.target.setSelectionRange(0, dot > 0 ? dot : initial.length);
          }}
          onKeyDown={(event) => {
            if (event.key === "Enter") commit();
            if (event.key === "Escape") finish(null);
          }}
          onBlur={() => finish(value.trim() && !problem && value !== initial ? value : null)}
          className="min-w-0 flex-1 rounded border border-sky-500 bg-canvas px-1 py-0 text-sm outline-none"
        />
      </div>
      {touched && problem && <p className="mt-0.5 pl-9 text-xs text-danger">{problem}</p>}
    </div>
  );
}
