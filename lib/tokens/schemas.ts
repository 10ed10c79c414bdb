// Token schemas, defined once: service input, the dashboard forms (FormData → service input), and the
// list view that pages render. The view has no secretHash field, and zod strips unknown keys, so a
// hash can never reach a page even if a query selects it.
import { z } from "zod";
import { idSchema } from "../ids";

export const SDK_SCOPES = ["workload:write", "assignment:write", "workload:read"] as const;
export type SdkScope = (typeof SDK_SCOPES)[number];
export const DEFAULT_SDK_SCOPES: SdkScope[] = ["workload:write", "assignment:write"];
export const READ_ONLY_SCOPES: SdkScope[] = ["workload:read"];

/** How long the old token of a rotation keeps working: until someone revokes it (no deadline), not at
 * all ("none"), or for a fixed time. */
export const GRACE_PERIODS = ["until_revoked", "none", "1h", "24h", "7d"] as const;
export type GracePeriod = (typeof GRACE_PERIODS)[number];
export const GRACE_MS: Record<GracePeriod, number | null> = { until_revoked: null, none: 0, "1h": 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000 };

export const NAME_MAX = 64;
export const MAX_GRANTS = 200;
/** Expiry may be set at most this far ahead. */
export const MAX_LIFETIME_MS = 5 * 365 * 86_400_000;

export const tokenIdSchema = idSchema("tok", "not a token id");
export const workloadIdSchema = idSchema("wl", "not a workload id");

export const tokenNameSchema = z
  .string()
  .trim()
  .min(1, "Name is required")
  .max(NAME_MAX, `Name must be at most ${NAME_MAX} characters`)
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s) && s.isWellFormed(), "Name contains characters that cannot be stored");

/** Write scopes (any non-empty combination), or workload:read alone. */
export const sdkScopesSchema = z
  .array(z.enum(SDK_SCOPES, { error: "Unknown scope" }))
  .min(1, "Choose at least one scope")
  .transform((s) => SDK_SCOPES.filter((x) => s.includes(x)))
  .refine((s) => !s.includes("workload:read") || s.length === 1, "workload:read is for read-only tokens: choose it alone");

/** A data key reaches the whole project ({all: true}, incl. workloads created later) or listed workloads. */
export const accessSchema = z
  .object({
    all: z.boolean().default(false),
    workloadIds: z.array(workloadIdSchema).max(MAX_GRANTS, `At most ${MAX_GRANTS} workloads`).default([]),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.all && v.workloadIds.length) ctx.addIssue({ code: "custom", path: ["workloadIds"], message: "Choose the entire project or workloads, not both" });
    if (!v.all && !v.workloadIds.length) ctx.addIssue({ code: "custom", path: ["workloadIds"], message: "Choose at least one workload, or the entire project" });
  })
  .transform((v): { all: true } | { workloadIds: string[] } => (v.all ? { all: true } : { workloadIds: [...new Set(v.workloadIds)] }));
export type Access = z.infer<typeof accessSchema>;

export const expiresAtSchema = z
  .date()
  .nullable()
  .refine((d) => d === null || !Number.isNaN(d.getTime()), "Invalid date")
  .refine((d) => d === null || d.getTime() > Date.now(), "Expiry must be in the future")
  .refine((d) => d === null || d.getTime() <= Date.now() + MAX_LIFETIME_MS, "Expiry must be within 5 years");

export const mintInputSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("sdk"), name: tokenNameSchema, scopes: sdkScopesSchema.default(DEFAULT_SDK_SCOPES), expiresAt: expiresAtSchema }),
  z.object({ kind: z.literal("live"), name: tokenNameSchema, access: accessSchema, expiresAt: expiresAtSchema }),
]);
export type MintInput = z.input<typeof mintInputSchema>;
export type MintParsed = z.output<typeof mintInputSchema>;

export const graceSchema = z.enum(GRACE_PERIODS, { error: "Choose a grace period" });

// ---- Dashboard forms (FormData → plain object → these) ----

export const EXPIRY_CHOICES = ["never", "7", "30", "90", "date"] as const;

/** The expiry part of a form: never / N days / a calendar date (valid through the end of that day, UTC). */
export const expiryFormSchema = z
  .object({
    expiry: z.enum(EXPIRY_CHOICES, { error: "Choose an expiry" }),
    expiryDate: z.string().optional(),
  })
  .transform((v, ctx) => {
    if (v.expiry === "never") return null;
    if (v.expiry !== "date") return new Date(Date.now() + Number(v.expiry) * 86_400_000);
    const d = z.iso.date().safeParse(v.expiryDate ?? "");
    if (!d.success) {
      ctx.addIssue({ code: "custom", path: ["expiryDate"], message: "Pick a date" });
      return z.NEVER;
    }
    return new Date(`${d.data}T23:59:59.999Z`);
  })
  .pipe(expiresAtSchema);

const str = (v: unknown) => (typeof v === "string" ? v : undefined);
const strs = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : []);

/** The expiry fields of a dashboard form (mint, or "change expiry"); errors keyed by field. */
export function parseExpiryForm(raw: Record<string, unknown>): { ok: true; expiresAt: Date | null } | { ok: false; fieldErrors: Record<string, string> } {
  const expiry = expiryFormSchema.safeParse({ expiry: str(raw.expiry), expiryDate: str(raw.expiryDate) || undefined });
  if (expiry.success) return { ok: true, expiresAt: expiry.data };
  const fieldErrors: Record<string, string> = {};
  for (const i of expiry.error.issues) fieldErrors[i.path[0] === "expiryDate" ? "expiryDate" : "expiry"] ??= i.message;
  return { ok: false, fieldErrors };
}

/** Turns a dashboard mint form (FormData as a plain object) into service input; errors keyed by field. */
export function parseMintForm(
  kind: "sdk" | "live",
  raw: Record<string, unknown>,
): { ok: true; input: MintParsed } | { ok: false; fieldErrors: Record<string, string> } {
  const expiry = parseExpiryForm(raw);
  const errors: Record<string, string> = expiry.ok ? {} : { ...expiry.fieldErrors };
  const candidate =
    kind === "sdk"
      ? { kind, name: str(raw.name) ?? "", scopes: strs(raw.scopes), expiresAt: null }
      : {
          kind,
          name: str(raw.name) ?? "",
          access: str(raw.access) === "all" ? { all: true } : { workloadIds: strs(raw.workloadIds) },
          expiresAt: null,
        };
  const parsed = mintInputSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const key = i.path[0] === "access" ? "workloadIds" : String(i.path[0] ?? "form");
      errors[key] ??= i.message;
    }
  }
  if (!parsed.success || !expiry.ok) return { ok: false, fieldErrors: errors };
  return { ok: true, input: { ...parsed.data, expiresAt: expiry.expiresAt } };
}

// ---- Output: what lists show ----

const tokenLink = z.object({ id: z.string(), publicId: z.string(), hint: z.string() }).nullable();

export const tokenViewSchema = z.object({
  id: z.string(),
  publicId: z.string(),
  kind: z.enum(["sdk", "live"]),
  name: z.string(),
  hint: z.string(),
  scopes: z.array(z.string()),
  access: z.object({ all: z.boolean(), workloads: z.array(z.object({ id: z.string(), slug: z.string() })) }),
  /** "<project slug>/*" or the granted workload slugs, comma-separated (data keys); scopes (control tokens). */
  accessLabel: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  requestCount: z.number().int().nonnegative(),
  expiresAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  rotatedAt: z.date().nullable(),
  graceEndsAt: z.date().nullable(),
  status: z.object({
    code: z.enum(["active", "expiring_soon", "expired", "revoked", "rotated", "rotated_ended"]),
    usable: z.boolean(),
    until: z.date().nullable(),
  }),
  replaces: tokenLink,
  replacedBy: tokenLink,
});
export type TokenView = z.output<typeof tokenViewSchema>;
