"use server";
// Token writes for the dashboard (control tokens and data keys). Each action checks the session and
// the member's role on the server, validates with the schemas in lib/tokens, and calls one service
// function. The plaintext leaves only in mint/rotate's return value: it is never logged, stored,
// revalidated into page data, or put in a URL.
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { z } from "zod";
import { clientIp } from "@/lib/auth/request-ip";
import { currentUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { findProjectForMember } from "@/lib/projects";
import { graceSchema, parseExpiryForm, parseMintForm } from "@/lib/tokens/schemas";
import { mintToken, revokeToken, rotateToken, TokenError, updateExpiry, type ProjectRef, type TokenActor } from "@/lib/tokens/service";

export type ActionFailure = { ok: false; message: string; fieldErrors?: Record<string, string> };
export type RevealResult = { ok: true; plaintext: string; name: string; hint: string } | ActionFailure;
export type RevokeResult = { ok: true; changed: boolean } | ActionFailure;
export type ExpiryResult = { ok: true } | ActionFailure;

const argsSchema = z.object({ projectSlug: z.string().min(1).max(200), kind: z.enum(["sdk", "live"]) });

type Context = { project: ProjectRef; actor: TokenActor; ip: string | null };

async function context(projectSlug: unknown): Promise<Context | ActionFailure> {
  const user = await currentUser();
  if (!user) return { ok: false, message: "Your session has ended. Sign in again." };
  const slug = z.string().min(1).max(200).safeParse(projectSlug);
  const found = slug.success ? await findProjectForMember(await prisma(), slug.data, user.id) : null;
  // Not a member looks exactly like no such project: a 404, as the pages answer.
  if (!found) notFound();
  return {
    project: { id: found.project.id, slug: found.project.slug },
    actor: { userId: user.id, email: user.email, role: found.role },
    ip: clientIp(await headers()),
  };
}

function failure(e: unknown): ActionFailure {
  if (e instanceof TokenError) return { ok: false, message: e.message, fieldErrors: e.fieldErrors };
  // Unexpected: log the error (it never holds a plaintext: only hashes reach the database).
  console.error("token action failed:", e instanceof Error ? e.message : e);
  return { ok: false, message: "Something went wrong. Nothing was changed; try again." };
}

function formFields(fd: unknown): Record<string, unknown> {
  if (!(fd instanceof FormData)) return {};
  return {
    name: fd.get("name"),
    scopes: fd.getAll("scopes"),
    access: fd.get("access"),
    workloadIds: fd.getAll("workloadIds"),
    expiry: fd.get("expiry"),
    expiryDate: fd.get("expiryDate"),
  };
}

export async function mintTokenAction(projectSlug: string, kind: "sdk" | "live", form: FormData): Promise<RevealResult> {
  const args = argsSchema.safeParse({ projectSlug, kind });
  if (!args.success) return { ok: false, message: "Bad request." };
  const ctx = await context(args.data.projectSlug);
  if ("ok" in ctx) return ctx;
  const parsed = parseMintForm(args.data.kind, formFields(form));
  if (!parsed.ok) return { ok: false, message: "Check the highlighted fields.", fieldErrors: parsed.fieldErrors };
  try {
    const { token, plaintext } = await mintToken(await prisma(), { project: ctx.project, input: parsed.input, actor: ctx.actor, ip: ctx.ip });
    return { ok: true, plaintext, name: token.name, hint: token.hint };
  } catch (e) {
    return failure(e);
  }
}

export async function rotateTokenAction(projectSlug: string, tokenId: string, grace: string): Promise<RevealResult> {
  const ctx = await context(projectSlug);
  if ("ok" in ctx) return ctx;
  const g = graceSchema.safeParse(grace);
  if (!g.success || typeof tokenId !== "string") return { ok: false, message: "Choose a grace period." };
  try {
    const { token, plaintext } = await rotateToken(await prisma(), { project: ctx.project, tokenId, grace: g.data, actor: ctx.actor, ip: ctx.ip });
    return { ok: true, plaintext, name: token.name, hint: token.hint };
  } catch (e) {
    return failure(e);
  }
}

export async function revokeTokenAction(projectSlug: string, tokenId: string): Promise<RevokeResult> {
  const ctx = await context(projectSlug);
  if ("ok" in ctx) return ctx;
  if (typeof tokenId !== "string") return { ok: false, message: "Bad request." };
  try {
    const r = await revokeToken(await prisma(), { project: ctx.project, tokenId, actor: ctx.actor, ip: ctx.ip });
    return { ok: true, changed: r.changed };
  } catch (e) {
    return failure(e);
  }
}

export async function changeExpiryAction(projectSlug: string, tokenId: string, form: FormData): Promise<ExpiryResult> {
  const ctx = await context(projectSlug);
  if ("ok" in ctx) return ctx;
  if (typeof tokenId !== "string") return { ok: false, message: "Bad request." };
  const parsed = parseExpiryForm(formFields(form));
  if (!parsed.ok) return { ok: false, message: "Check the highlighted fields.", fieldErrors: parsed.fieldErrors };
  try {
    await updateExpiry(await prisma(), { project: ctx.project, tokenId, expiresAt: parsed.expiresAt, actor: ctx.actor, ip: ctx.ip });
    return { ok: true };
  } catch (e) {
    return failure(e);
  }
}
