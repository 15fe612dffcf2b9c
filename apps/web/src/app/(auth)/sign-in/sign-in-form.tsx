"use client";
import { TextField } from "@/components/forms/field";
import { FormAlert } from "@/components/forms/form-alert";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction } from "@/components/forms/use-form-action";
import { signInAction } from "@/lib/auth/actions";

export function SignInForm({ next }: { next: string }) {
  const { state, pending, form } = useFormAction(signInAction);
  const errors = state.fieldErrors ?? {};
  return (
    <form {...form} className="flex flex-col gap-4">
      <FormAlert state={state} />
      <input type="hidden" name="next" value={next} />
      <TextField name="email" label="Email" type="email" autoComplete="email" required autoFocus defaultValue={state.values?.email} error={errors.email} />
      <TextField name="password" label="Password" type="password" autoComplete="current-password" required error={errors.password} />
      <SubmitButton pending={pending} pendingLabel="Signing in…">Sign in</SubmitButton>
    </form>
  );
}
