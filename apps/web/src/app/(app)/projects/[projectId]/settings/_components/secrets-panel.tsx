"use client";
import { useActionState } from "react";
import { TextField } from "@/components/forms/field";
import { FormAlert } from "@/components/forms/form-alert";
import { idleState } from "@/components/forms/form-state";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction } from "@/components/forms/use-form-action";
import { deleteSecretAction, setSecretAction } from "@/lib/projects/settings-actions";

interface SecretItem {
  name: string;
  updated: string;
}

export function SecretsPanel({ projectId, secrets }: { projectId: string; secrets: SecretItem[] }) {
  const [deleted, deleteAction] = useActionState(deleteSecretAction.bind(null, projectId), idleState);
  return (
    <div className="flex flex-col gap-4">
      <FormAlert state={deleted} />
      {secrets.length === 0 ? (
        <p className="text-sm text-muted">No secrets yet.</p>
      ) : (
        <ul className="divide-y divide-border rounded-md border border-border text-sm" aria-label="Secrets">
          {secrets.map((secret) => (
            <li key={secret.name} className="flex items-center gap-3 px-3 py-1.5">
              <span className="min-w-0 flex-1 truncate font-mono">{secret.name}</span>
              <span className="hidden text-xs text-muted sm:inline">saved {secret.updated}</span>
              <form action={deleteAction}>
                <input type="hidden" name="name" value={secret.name} />
                <SubmitButton variant="ghost" className="px-2 py-1 text-xs" aria-label={`Delete secret ${secret.name}`} pendingLabel="Deleting…">
                  Delete
                </SubmitButton>
              </form>
            </li>
          ))}
        </ul>
      )}
      <AddSecretForm projectId={projectId} />
    </div>
  );
}

function AddSecretForm({ projectId }: { projectId: string }) {
  const { state, pending, form } = useFormAction(setSecretAction.bind(null, projectId), { clearOnSuccess: ["name", "value"] });
  const errors = state.fieldErrors ?? {};
  return (
    <form {...form} className="flex flex-col gap-3" aria-label="Add or replace a secret">
      <FormAlert state={state} />
      <div className="grid gap-3 sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)_auto] sm:items-start">
        <TextField
          name="name"
          label="Name"
          autoComplete="off"
          spellCheck={false}
          placeholder="NPM_TOKEN"
          defaultValue={state.values?.name}
          error={errors.name}
          className="[&_input]:font-mono"
        />
        <TextField name="value" label="Value" type="password" autoComplete="off" spellCheck={false} error={errors.value} />
        <SubmitButton pending={pending} variant="secondary" className="sm:mt-6" pendingLabel="Saving…">
          Add secret
        </SubmitButton>
      </div>
      <p className="text-xs text-muted">Saving a name that exists replaces its value.</p>
    </form>
  );
}
