"use client";
import { TextField } from "@/components/forms/field";
import { FormAlert } from "@/components/forms/form-alert";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction } from "@/components/forms/use-form-action";
import { renameProjectAction } from "@/lib/projects/project-actions";

export function RenameForm({ projectId, name }: { projectId: string; name: string }) {
  const { state, pending, form } = useFormAction(renameProjectAction.bind(null, projectId));
  return (
    <form {...form} className="flex flex-col gap-3">
      <FormAlert state={state} />
      <div className="flex flex-wrap items-end gap-2">
        <TextField name="name" label="Project name" required maxLength={100} defaultValue={state.values?.name ?? name} error={state.fieldErrors?.name} className="min-w-0 flex-1 basis-60" />
        <SubmitButton pending={pending} variant="secondary" pendingLabel="Saving…">
          Save
        </SubmitButton>
      </div>
    </form>
  );
}
