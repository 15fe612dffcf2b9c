"use client";
import { useState } from "react";
import { TextareaField, TextField } from "@/components/forms/field";
import { FormAlert } from "@/components/forms/form-alert";
import { cardStyles } from "@/components/forms/styles";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction } from "@/components/forms/use-form-action";
import { saveSandboxSettingsAction } from "@/lib/projects/settings-actions";

const NETWORK_MODES = [
  { value: "full", label: "Full internet", description: "Any host, like a normal machine." },
  { value: "allowlist", label: "Allowlist", description: "Only the hosts listed below, over HTTP(S) through Codeyard's egress proxy." },
  { value: "none", label: "No network", description: "Loopback only." },
] as const;

interface SandboxSettings {
  networkMode: string;
  allowlist: string;
  dockerfile: string;
  setupScript: string;
  verifyCommand: string;
}

export function SandboxForm({ projectId, ...saved }: { projectId: string } & SandboxSettings) {
  const { state, pending, form } = useFormAction(saveSandboxSettingsAction.bind(null, projectId));
  const values = { ...saved, ...state.values };
  return (
    <form {...form} className="flex flex-col gap-5">
      <FormAlert state={state} />
      <SandboxFields values={values} errors={state.fieldErrors ?? {}} />
      <div>
        <SubmitButton pending={pending} pendingLabel="Saving…">Save sandbox settings</SubmitButton>
      </div>
    </form>
  );
}

function SandboxFields({ values, errors }: { values: SandboxSettings; errors: Record<string, string> }) {
  const [mode, setMode] = useState(values.networkMode);
  return (
    <>
      <fieldset className="flex flex-col gap-2" aria-describedby={errors.networkMode ? "network-error" : undefined}>
        <legend className="mb-1 text-sm font-medium">Network</legend>
        <div className="grid gap-2 sm:grid-cols-3">
          {NETWORK_MODES.map((option) => (
            <label key={option.value} className={`${cardStyles} flex cursor-pointer gap-2.5 p-3 has-[:checked]:border-fg has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-fg`}>
              <input type="radio" name="networkMode" value={option.value} checked={mode === option.value} onChange={() => setMode(option.value)} className="mt-0.5 accent-current" />
              <span className="flex flex-col">
                <span className="text-sm font-medium">{option.label}</span>
                <span className="text-xs text-muted">{option.description}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.networkMode && (
          <p id="network-error" className="text-xs text-danger">
            {errors.networkMode}
          </p>
        )}
      </fieldset>
      <TextareaField
        name="allowlist"
        label="Allowed hosts"
        rows={4}
        placeholder={"packages.example.com\n*.mirror.example.org"}
        defaultValue={values.allowlist}
        error={errors.allowlist}
        hint={mode === "allowlist" ? "One host per line; *.example.com allows its subdomains." : "Used only in Allowlist mode."}
      />
      <TextareaField
        name="setupScript"
        label="Setup script"
        rows={6}
        defaultValue={values.setupScript}
        error={errors.setupScript}
        hint="Runs in /workspace when a sandbox for this project starts for the first time (bash)."
      />
      <TextareaField
        name="dockerfile"
        label="Dockerfile (optional)"
        rows={6}
        placeholder={"FROM codeyard/sandbox\nRUN pip install --user poetry"}
        defaultValue={values.dockerfile}
        error={errors.dockerfile}
        hint={
          <>
            Builds this project&apos;s image on the Codeyard sandbox image: start with <code>FROM codeyard/sandbox</code> (builds are offline; nothing is pulled). It is built when the next new sandbox of the project starts after a change, and
            the session shows the build and its errors; sandboxes that already exist keep their image. Sandboxes always run as <code>coder</code> in /workspace (use <code>USER root</code> for installs). Empty: the default image.
          </>
        }
      />
      <TextField
        name="verifyCommand"
        label="Verify command (optional)"
        spellCheck={false}
        autoComplete="off"
        placeholder="npm test"
        defaultValue={values.verifyCommand}
        error={errors.verifyCommand}
        hint="Tells whether the agent's work is right, e.g. the tests. Used to compare attempts."
        className="[&_input]:font-mono"
      />
    </>
  );
}
