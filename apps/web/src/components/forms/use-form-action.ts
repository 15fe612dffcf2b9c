"use client";
import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import { idleState, type FormState } from "./form-state";

/**
 * Runs a server action from a form and keeps what the user typed. React resets a form after its
 * `action` runs, which would wipe a half-corrected form (and snap selects back); with JavaScript
 * the submit is dispatched by hand, so nothing is cleared except the `clearOnSuccess` fields.
 * Without JavaScript the plain `action` still works, and the returned values refill the fields.
 * After a failed submit, focus moves to the first invalid field.
 */
export function useFormAction(action: (state: FormState, formData: FormData) => Promise<FormState>, options: { clearOnSuccess?: string[] } = {}) {
  const [state, dispatch, pending] = useActionState(action, idleState);
  const ref = useRef<HTMLFormElement>(null);
  const clear = options.clearOnSuccess?.join(",") ?? "";

  useEffect(() => {
    const form = ref.current;
    if (!form) return;
    if (state.status === "error") form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    if (state.status !== "success" || !clear) return;
    for (const name of clear.split(",")) {
      const field = form.elements.namedItem(name);
      if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) field.value = "";
    }
  }, [state, clear]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => dispatch(data));
  };

  return { state, pending, form: { ref, action: dispatch, onSubmit, noValidate: true } };
}
