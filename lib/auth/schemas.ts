import { z } from "zod";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

/** E-mail addresses are stored trimmed and lower-case, so "Ann@X.io" and "ann@x.io" are one account. */
export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address, like ann@example.com."));

export const signUpSchema = z.object({
  email: emailSchema,
  name: z.string().trim().max(100, "Use at most 100 characters.").optional().transform((v) => v || undefined),
  password: z
    .string({ error: "Choose a password." })
    .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
    .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

// Sign-in only caps the length (hashing a megabyte is a cheap denial of service); the rules for a
// good password belong to sign-up.
export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(PASSWORD_MAX),
});
