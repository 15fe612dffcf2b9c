"use client";
import { useActionState, useState } from "react";
import { TextField } from "@/components/forms/field";
import { FormAlert } from "@/components/forms/form-alert";
import { idleState } from "@/components/forms/form-state";
import { SubmitButton } from "@/components/forms/submit-button";
import { deleteProjectAction } from "@/lib/projects/project-actions";

export function DeleteProjectForm({ projectId, name }: { projectId: string; name: string }) {
  const [state, action] = useActionState(deleteProjectAction.bind(null, projectId), idleState);
  const [typed, setTyped] = useState("");
  return (
    <form action={action} className="flex flex-col gap-3">
      <FormAlert state={state} />
      <TextField
        name="confirmation"
        label={
          <>
            Type <span className="font-mono">{name}</span> to confirm
          </>
        }
        autoComplete="off"
        spellCheck={false}
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
      />
      <div>
        <SubmitButton variant="danger" disabled={typed !== name} pendingLabel="Deleting…">
          Delete this project
        </SubmitButton>
      </div>
    </form>
  );
}
