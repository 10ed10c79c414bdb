// Shared plumbing for dashboard server actions used with useActionState.
import { headers } from "next/headers";
import type { z } from "zod";
import type { FormState } from "@/components/ui/form-state";
import { ApiError } from "../http/errors";
import { clientIp } from "./request-ip";

export type { FormState };

/** The caller's address for audit events (as server.ts resolved it). */
export async function actionIp(): Promise<string | null> {
  return clientIp(await headers());
}

/** The text fields of a form, for zod and for re-filling the form after an error. Files are ignored. */
export function formFields(fd: FormData, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) {
    const v = fd.get(n);
    if (typeof v === "string") out[n] = v;
  }
  return out;
}

export function zodFormState(err: z.ZodError, values?: Record<string, string>): FormState {
  const fieldErrors: Record<string, string[]> = {};
  for (const i of err.issues) {
    const key = String(i.path[0] ?? "form");
    (fieldErrors[key] ??= []).push(i.message);
  }
  return { error: "Please correct the fields marked below.", fieldErrors, values };
}

/**
 * Turns a domain error into form state. Anything else (including Next's redirect and notFound
 * signals) is re-thrown, so navigation still works and real bugs are not hidden.
 */
export function errorFormState(e: unknown, values?: Record<string, string>): FormState {
  if (e instanceof ApiError) {
    const fieldErrors: Record<string, string[]> = {};
    for (const i of e.issues ?? []) (fieldErrors[i.path || "form"] ??= []).push(i.message);
    return { error: e.message, fieldErrors: Object.keys(fieldErrors).length ? fieldErrors : undefined, values };
  }
  throw e;
}

export const FORBIDDEN_STATE: FormState = { error: "Your role in this project does not allow this." };
