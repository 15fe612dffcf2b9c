"use client";
import { useState } from "react";
import { SelectField, TextField } from "@/components/forms/field";
import { FormAlert } from "@/components/forms/form-alert";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction } from "@/components/forms/use-form-action";
import { providerLabel } from "@/lib/projects/providers";
import { saveProviderKeyAction } from "@/lib/projects/settings-actions";
import { PROVIDER_OPTIONS } from "./provider-options";

interface StoredKey {
  id: string;
  provider: string;
  updated: string;
}

export function ProviderKeyForm({
  projectId,
  canManage,
  defaultProvider,
  baseUrlSupported,
  keys,
}: {
  projectId: string;
  canManage: boolean;
  defaultProvider: string;
  baseUrlSupported: boolean;
  keys: StoredKey[];
}) {
  return (
    <div className="flex flex-col gap-4">
      <KeyList keys={keys} />
      {canManage ? (
        <KeyForm projectId={projectId} defaultProvider={defaultProvider} baseUrlSupported={baseUrlSupported} />
      ) : (
        <p className="text-sm text-muted">Only owners and admins of the organization can add or replace API keys.</p>
      )}
    </div>
  );
}

function KeyList({ keys }: { keys: StoredKey[] }) {
  if (keys.length === 0) return <p className="text-sm text-muted">No API key stored yet.</p>;
  return (
    <ul className="divide-y divide-border rounded-md border border-border text-sm" aria-label="Stored API keys">
      {keys.map((key) => (
        <li key={key.id} className="flex items-center justify-between gap-3 px-3 py-2">
          <span className="font-medium">{providerLabel(key.provider)}</span>
          <span className="text-xs text-muted">
            <span className="font-mono">••••••••</span> saved {key.updated}
          </span>
        </li>
      ))}
    </ul>
  );
}

function KeyForm({ projectId, defaultProvider, baseUrlSupported }: { projectId: string; defaultProvider: string; baseUrlSupported: boolean }) {
  const { state, pending, form } = useFormAction(saveProviderKeyAction.bind(null, projectId), { clearOnSuccess: ["apiKey"] });
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  return (
    <form {...form} className="flex flex-col gap-4">
      <FormAlert state={state} />
      <KeyFields defaultProvider={values.provider || defaultProvider} baseUrl={values.baseUrl} baseUrlSupported={baseUrlSupported} errors={errors} />
      <div>
        <SubmitButton pending={pending} variant="secondary" pendingLabel="Saving…">
          Save API key
        </SubmitButton>
      </div>
    </form>
  );
}

function KeyFields({
  defaultProvider,
  baseUrl,
  baseUrlSupported,
  errors,
}: {
  defaultProvider: string;
  baseUrl: string | undefined;
  baseUrlSupported: boolean;
  errors: Record<string, string>;
}) {
  const [provider, setProvider] = useState(defaultProvider);
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField name="provider" label="Provider" options={PROVIDER_OPTIONS} defaultValue={defaultProvider} onChange={(event) => setProvider(event.target.value)} error={errors.provider} />
        <TextField
          name="apiKey"
          label="API key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          required
          error={errors.apiKey}
          hint="Replaces the organization's stored key for this provider."
        />
      </div>
      {provider === "openai-compatible" && baseUrlSupported && (
        <TextField
          name="baseUrl"
          label="Base URL"
          inputMode="url"
          spellCheck={false}
          autoComplete="off"
          placeholder="http://vllm.internal:8000/v1"
          defaultValue={baseUrl}
          error={errors.baseUrl}
          hint="The server's OpenAI-compatible API root, usually ending in /v1."
        />
      )}
      {provider === "openai-compatible" && !baseUrlSupported && (
        <p className="text-xs text-warn">This version cannot store a base URL with the key yet; the broker uses its default for OpenAI-compatible servers.</p>
      )}
    </>
  );
}
