"use client";
import { SelectField, TextField } from "@/components/forms/field";
import { FormAlert } from "@/components/forms/form-alert";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction } from "@/components/forms/use-form-action";
import { saveModelSettingsAction } from "@/lib/projects/settings-actions";
import { PROVIDER_OPTIONS } from "./provider-options";

export function ModelForm({ projectId, provider, model, fallbackModel }: { projectId: string; provider: string; model: string; fallbackModel: string }) {
  const { state, pending, form } = useFormAction(saveModelSettingsAction.bind(null, projectId));
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  return (
    <form {...form} className="flex flex-col gap-4">
      <FormAlert state={state} />
      <SelectField
        name="modelProvider"
        label="Provider"
        options={[{ value: "", label: "Not set" }, ...PROVIDER_OPTIONS]}
        defaultValue={values.modelProvider ?? provider}
        error={errors.modelProvider}
        hint="OpenAI-compatible covers self-hosted servers such as vLLM or Ollama."
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="model" label="Model" spellCheck={false} autoComplete="off" placeholder="claude-sonnet-4-5" defaultValue={values.model ?? model} error={errors.model} />
        <TextField
          name="fallbackModel"
          label="Fallback model (optional)"
          spellCheck={false}
          autoComplete="off"
          placeholder="claude-haiku-4-5"
          defaultValue={values.fallbackModel ?? fallbackModel}
          error={errors.fallbackModel}
        />
      </div>
      <div>
        <SubmitButton pending={pending} pendingLabel="Saving…">Save model settings</SubmitButton>
      </div>
    </form>
  );
}
