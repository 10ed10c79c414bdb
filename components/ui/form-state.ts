/** What a server action used with useActionState answers: field errors, a form error, or a success message. */
export interface FormState {
  ok?: boolean;
  error?: string;
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  /** The submitted text values, so a failed form keeps what was typed (never secrets). */
  values?: Record<string, string>;
}

export const EMPTY_FORM_STATE: FormState = {};

export type FormAction = (prev: FormState, formData: FormData) => Promise<FormState>;
