import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, stopTestPostgres } from "../../test/support/db";
import type { Db } from "../db";
import { readThrottle } from "../throttle";
import { lockedMessage, signInWithPassword, WRONG_CREDENTIALS } from "./credentials";
import { EMAIL_TAKEN, registerUser, SignUpError } from "./users";

let db: Db;
beforeAll(async () => {
  db = await freshDb();
});
afterAll(async () => {
  await db?.close();
  await stopTestPostgres();
});

const PASSWORD = "correct horse battery";

describe("registerUser", () => {
  it("stores a lower-case address and an argon2id hash, never the password", async () => {
    const u = await registerUser(db.prisma, { email: "  Ann@Example.COM ", password: PASSWORD });
    expect(u.email).toBe("ann@example.com");
    const row = await db.prisma.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(PASSWORD);
    expect(u.id).toMatch(/^usr_/);
  });

  it("refuses a duplicate address in any case", async () => {
    await expect(registerUser(db.prisma, { email: "ANN@example.com", password: PASSWORD })).rejects.toThrow(EMAIL_TAKEN);
  });

  it("lets only one of two racing sign-ups for one address through", async () => {
    const r = await Promise.allSettled([
      registerUser(db.prisma, { email: "race@example.com", password: PASSWORD }),
      registerUser(db.prisma, { email: "Race@example.com", password: PASSWORD }),
    ]);
    expect(r.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    expect((r.find((x) => x.status === "rejected") as PromiseRejectedResult).reason.message).toBe(EMAIL_TAKEN);
  });

  it.each([
    [{ email: "not-an-email", password: PASSWORD }, "email"],
    [{ email: "x@example.com", password: "short" }, "password"],
    [{ email: "x@example.com", password: "p".repeat(201) }, "password"],
    [{ password: PASSWORD }, "email"],
  ])("names the bad field %#", async (input, field) => {
    const err = await registerUser(db.prisma, input).catch((e) => e);
    expect(err).toBeInstanceOf(SignUpError);
    expect(err.field).toBe(field);
  });

  it("accepts exactly 12 and 200 characters", async () => {
    await expect(registerUser(db.prisma, { email: "twelve@example.com", password: "p".repeat(12) })).resolves.toBeTruthy();
    await expect(registerUser(db.prisma, { email: "twohundred@example.com", password: "p".repeat(200) })).resolves.toBeTruthy();
  });
});

describe("signInWithPassword", () => {
  it("signs in with any case of the address", async () => {
    const r = await signInWithPassword(db.prisma, { email: "ANN@example.com", password: PASSWORD });
    expect(r.ok && r.user.email).toBe("ann@example.com");
  });

  it("gives one message for a wrong password and an unknown address", async () => {
    expect(await signInWithPassword(db.prisma, { email: "ann@example.com", password: "wrong password!" })).toEqual({ ok: false, message: WRONG_CREDENTIALS });
    expect(await signInWithPassword(db.prisma, { email: "nobody@example.com", password: PASSWORD })).toEqual({ ok: false, message: WRONG_CREDENTIALS });
    expect(await signInWithPassword(db.prisma, { email: "", password: "" })).toEqual({ ok: false, message: WRONG_CREDENTIALS });
  });

  it("resets the failure count on success", async () => {
    expect((await readThrottle(db.prisma, "ann@example.com"))?.failures).toBe(1);
    await signInWithPassword(db.prisma, { email: "ann@example.com", password: PASSWORD });
    expect(await readThrottle(db.prisma, "ann@example.com")).toBeNull();
  });

  it("locks after 5 failures, refuses even the right password, and opens again after 15 minutes", async () => {
    await registerUser(db.prisma, { email: "bob@example.com", password: PASSWORD });
    const t = new Date("2026-01-01T10:00:00Z");
    for (let i = 0; i < 4; i++) {
      expect((await signInWithPassword(db.prisma, { email: "bob@example.com", password: "nope nope nope" }, t)).ok).toBe(false);
    }
    expect(await signInWithPassword(db.prisma, { email: "bob@example.com", password: "nope nope nope" }, t)).toEqual({ ok: false, message: lockedMessage(15) });
    const fiveLater = new Date(t.getTime() + 5 * 60_000);
    expect(await signInWithPassword(db.prisma, { email: "bob@example.com", password: PASSWORD }, fiveLater)).toEqual({ ok: false, message: lockedMessage(10) });
    const after = new Date(t.getTime() + 15 * 60_000);
    expect((await signInWithPassword(db.prisma, { email: "bob@example.com", password: PASSWORD }, after)).ok).toBe(true);
  });

  it("checks at most 5 passwords of a burst of parallel guesses: the right one, sent last, is refused", async () => {
    await registerUser(db.prisma, { email: "cat@example.com", password: PASSWORD });
    const t = new Date("2026-01-01T10:00:00Z");
    const guesses = [...Array.from({ length: 20 }, (_, i) => `wrong guess number ${i}`), PASSWORD];
    const results = await Promise.all(guesses.map((password) => signInWithPassword(db.prisma, { email: "cat@example.com", password }, t)));
    expect(results.filter((r) => r.ok)).toEqual([]);
    expect(results.filter((r) => !r.ok && r.message === lockedMessage(15)).length).toBeGreaterThanOrEqual(16);
    expect((await readThrottle(db.prisma, "cat@example.com"))?.failures).toBe(5);
  });

  it("locks unknown addresses the same way", async () => {
    const t = new Date("2026-01-01T10:00:00Z");
    let last;
    for (let i = 0; i < 5; i++) last = await signInWithPassword(db.prisma, { email: "ghost@example.com", password: "whatever it is" }, t);
    expect(last).toEqual({ ok: false, message: lockedMessage(15) });
    expect(lockedMessage(1)).toBe("Email or password is wrong. Too many attempts, try again in 1 minute.");
  });
});
