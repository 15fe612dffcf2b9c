"use client";
import { useState } from "react";
import { SelectField, TextField } from "@/components/forms/field";
import { FormAlert } from "@/components/forms/form-alert";
import { cardStyles } from "@/components/forms/styles";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction } from "@/components/forms/use-form-action";
import { createProjectAction } from "@/lib/projects/project-actions";

type Source = "empty" | "template" | "git";
const SOURCES: Array<{ value: Source; label: string; description: string }> = [
  { value: "empty", label: "Empty", description: "An empty workspace." },
  { value: "template", label: "Template", description: "Starter files for a language." },
  { value: "git", label: "Git repository", description: "Cloned when the sandbox first starts." },
];

export function NewProjectForm({
  orgs,
  defaultOrgId,
  templates,
}: {
  orgs: Array<{ value: string; label: string }>;
  defaultOrgId: string;
  templates: Array<{ id: string; label: string; description: string }>;
}) {
  const { state, pending, form } = useFormAction(createProjectAction);
  const errors = state.fieldErrors ?? {};
  return (
    <form {...form} className="flex flex-col gap-5">
      <FormAlert state={state} />
      <Fields orgs={orgs} defaultOrgId={defaultOrgId} templates={templates} values={state.values ?? {}} errors={errors} />
      <div className="flex justify-end">
        <SubmitButton pending={pending} pendingLabel="Creating…">Create project</SubmitButton>
      </div>
    </form>
  );
}

function Fields({
  orgs,
  defaultOrgId,
  templates,
  values,
  errors,
}: {
  orgs: Array<{ value: string; label: string }>;
  defaultOrgId: string;
  templates: Array<{ id: string; label: string; description: string }>;
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  const [source, setSource] = useState<Source>((values.source as Source) || "empty");
  return (
    <>
      {orgs.length > 1 ? (
        <SelectField name="orgId" label="Organization" options={orgs} defaultValue={values.orgId ?? defaultOrgId} error={errors.orgId} />
      ) : (
        <input type="hidden" name="orgId" value={defaultOrgId} />
      )}
      <TextField name="name" label="Name" required autoFocus maxLength={100} placeholder="my-service" defaultValue={values.name} error={errors.name} />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Start from</legend>
        <div className="grid gap-2 sm:grid-cols-3">
          {SOURCES.map((option) => (
            <label key={option.value} className={`${cardStyles} flex cursor-pointer gap-2.5 p-3 has-[:checked]:border-fg has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-fg`}>
              <input type="radio" name="source" value={option.value} checked={source === option.value} onChange={() => setSource(option.value)} className="mt-0.5 accent-current" />
              <span className="flex flex-col">
                <span className="text-sm font-medium">{option.label}</span>
                <span className="text-xs text-muted">{option.description}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {source === "template" && (
        <fieldset className="flex flex-col gap-2" aria-describedby={errors.template ? "template-error" : undefined}>
          <legend className="mb-1 text-sm font-medium">Template</legend>
          {templates.map((template, index) => (
            <label key={template.id} className="flex cursor-pointer items-start gap-2.5 text-sm">
              <input type="radio" name="template" value={template.id} defaultChecked={values.template ? values.template === template.id : index === 0} className="mt-0.5 accent-current" />
              <span>
                <span className="font-medium">{template.label}</span> <span className="text-muted">— {template.description}</span>
              </span>
            </label>
          ))}
          {errors.template && (
            <p id="template-error" className="text-xs text-danger">
              {errors.template}
            </p>
          )}
        </fieldset>
      )}
      {source === "git" && (
        <TextField
          name="gitUrl"
          label="Repository URL"
          required
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://github.com/owner/repo.git"
          defaultValue={values.gitUrl}
          error={errors.gitUrl}
          hint="https:// or ssh:// (or git@host:owner/repo.git). For a private repository, add a token as a project secret after creating it."
        />
      )}
    </>
  );
}
