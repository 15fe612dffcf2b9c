"use client";
/**
 * What prepares a new sandbox, under the status banners: the project image build and the setup
 * script, while they run and when they failed (with their output, until dismissed).
 */
import Link from "next/link";
import { useState } from "react";
import { visibleSandboxSteps } from "@/lib/ide/sandbox-steps";
import { useStore } from "./model/use-store";
import { BANNER_TONES } from "./status-banners";
import { useWorkbench } from "./workbench-context";

export function SandboxSteps({ projectId }: { projectId: string }) {
  const workbench = useWorkbench();
  const steps = useStore(workbench.sandboxSteps);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(() => new Set());
  return visibleSandboxSteps(steps, dismissed).map((step) => (
    <section
      key={step.key}
      role={step.tone === "error" ? "alert" : "status"}
      aria-label={step.label}
      className={`flex flex-col gap-1 border-b px-3 py-1.5 text-sm ${BANNER_TONES[step.tone]}`}
    >
      <div className="flex items-start gap-3">
        <p className="min-w-0 flex-1">
          <strong className="font-medium">{step.label}:</strong> {step.text}
        </p>
        {step.fixInSettings && (
          <Link
            href={`/projects/${projectId}/settings#sandbox`}
            className="shrink-0 rounded-md border border-border bg-surface px-2.5 py-0.5 text-sm hover:bg-canvas"
          >
            Edit the Dockerfile
          </Link>
        )}
        {step.tone === "error" && (
          <button
            type="button"
            onClick={() => setDismissed((keys) => new Set(keys).add(step.key))}
            className="shrink-0 rounded-md border border-border bg-surface px-2.5 py-0.5 text-sm hover:bg-canvas"
          >
            Dismiss
          </button>
        )}
      </div>
      {step.output && (
        <details open>
          <summary className="cursor-pointer text-xs text-muted">Output (last lines)</summary>
          <pre className="mt-1 max-h-48 overflow-auto rounded bg-canvas p-2 font-mono text-xs whitespace-pre-wrap">
            {step.output}
          </pre>
        </details>
      )}
    </section>
  ));
}
