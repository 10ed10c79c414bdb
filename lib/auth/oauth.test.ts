import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, stopTestPostgres } from "../../test/support/db";
import type { Db } from "../db";
import { OAuthSignInError, resolveOAuthUser } from "./oauth";
import { registerUser } from "./users";

let db: Db;
beforeAll(async () => {
  db = await freshDb();
});
afterAll(async () => {
  await db?.close();
  await stopTestPostgres();
});

describe("resolveOAuthUser", () => {
  it("creates a user for a new verified identity and finds it again by account", async () => {
    const a = await resolveOAuthUser(db.prisma, { provider: "github", providerAccountId: "42", email: "Dev@Example.com", emailVerified: true, name: "Dev" });
    expect(a.email).toBe("dev@example.com");
    const again = await resolveOAuthUser(db.prisma, { provider: "github", providerAccountId: "42", email: "changed@example.com", emailVerified: false });
    expect(again.id).toBe(a.id);
    expect(await db.prisma.account.count({ where: { userId: a.id } })).toBe(1);
  });

  it("links a second provider to the existing user with the same verified address", async () => {
    const pw = await registerUser(db.prisma, { email: "pat@example.com", password: "twelve chars!!" });
    const g = await resolveOAuthUser(db.prisma, { provider: "google", providerAccountId: "g-1", email: "pat@example.com", emailVerified: true });
    expect(g.id).toBe(pw.id);
    const row = await db.prisma.user.findUniqueOrThrow({ where: { id: pw.id } });
    expect(row.passwordHash).toBeTruthy(); // linking keeps the password
  });

  it("refuses an unverified or missing address (no account takeover by e-mail claim)", async () => {
    await expect(resolveOAuthUser(db.prisma, { provider: "oidc", providerAccountId: "x", email: "pat@example.com", emailVerified: false })).rejects.toBeInstanceOf(OAuthSignInError);
    await expect(resolveOAuthUser(db.prisma, { provider: "oidc", providerAccountId: "y", email: null, emailVerified: true })).rejects.toBeInstanceOf(OAuthSignInError);
    expect(await db.prisma.account.count({ where: { provider: "oidc" } })).toBe(0);
  });
});
