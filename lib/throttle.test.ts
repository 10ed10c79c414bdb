import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, stopTestPostgres } from "../test/support/db";
import type { Db } from "./db";
import { afterFailure, clearThrottle, lockMinutesLeft, readThrottle, reserveAttempt, THROTTLE_RULE } from "./throttle";

const t0 = new Date("2026-01-01T10:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe("throttle rule (pure)", () => {
  it("locks on the 5th failure inside 15 minutes, for 15 minutes", () => {
    let row = null as ReturnType<typeof afterFailure> | null;
    for (let i = 1; i <= 4; i++) {
      row = afterFailure(row, at(i));
      expect(row.failures).toBe(i);
      expect(lockMinutesLeft(row, at(i))).toBe(0);
    }
    row = afterFailure(row, at(5));
    expect(row.failures).toBe(5);
    expect(row.lockedUntil).toEqual(at(20));
    expect(lockMinutesLeft(row, at(5))).toBe(15);
    expect(lockMinutesLeft(row, at(19.5))).toBe(1);
    expect(lockMinutesLeft(row, at(20))).toBe(0);
  });

  it("starts a new window when the old one is over", () => {
    let row = afterFailure(null, at(0));
    for (let i = 1; i < 4; i++) row = afterFailure(row, at(i));
    expect(row.failures).toBe(4);
    row = afterFailure(row, at(15));
    expect(row.failures).toBe(1);
    expect(row.windowStart).toEqual(at(15));
    expect(row.lockedUntil).toBeNull();
  });

  it("starts over after a lock has run out", () => {
    let row = afterFailure(null, at(0));
    for (let i = 1; i < 5; i++) row = afterFailure(row, at(i));
    expect(lockMinutesLeft(row, at(4))).toBe(15);
    row = afterFailure(row, at(20));
    expect(row).toEqual({ failures: 1, windowStart: at(20), lockedUntil: null });
  });

  it("rounds the minutes left up", () => {
    expect(lockMinutesLeft({ lockedUntil: new Date(t0.getTime() + 61_000) }, t0)).toBe(2);
    expect(lockMinutesLeft({ lockedUntil: new Date(t0.getTime() + 1_000) }, t0)).toBe(1);
    expect(lockMinutesLeft(null, t0)).toBe(0);
  });

  it("uses the documented numbers", () => {
    expect(THROTTLE_RULE).toEqual({ maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 });
  });
});

describe("throttle table", () => {
  let db: Db;
  let p: PrismaClient;
  beforeAll(async () => {
    db = await freshDb();
    p = db.prisma;
  });
  afterAll(async () => {
    await db?.close();
    // pg's pool.end() resolves before its sockets have closed; stopping the server first makes
    // those closing connections report "terminating connection" as unhandled errors.
    await new Promise((r) => setTimeout(r, 200));
    await stopTestPostgres();
  });

  it("counts failures and locks in the database, and a clear resets", async () => {
    const email = "who@example.com";
    for (let i = 1; i <= 4; i++) expect(await reserveAttempt(p, email, at(i))).toMatchObject({ locked: false, row: { failures: i } });
    const fifth = await reserveAttempt(p, email, at(5));
    expect(fifth.locked === false && fifth.row.lockedUntil).toEqual(at(20));
    expect(lockMinutesLeft(await readThrottle(p, email), at(6))).toBe(14);
    // While locked, an attempt is refused and not counted.
    expect(await reserveAttempt(p, email, at(6))).toEqual({ locked: true, minutes: 14 });
    expect((await readThrottle(p, email))?.failures).toBe(5);
    await clearThrottle(p, email);
    expect(await readThrottle(p, email)).toBeNull();
  });

  it("loses no attempt under concurrency, and lets exactly 5 of 20 parallel attempts through", async () => {
    const email = "race@example.com";
    const attempts = await Promise.all(Array.from({ length: 20 }, () => reserveAttempt(p, email, at(1))));
    expect(attempts.filter((a) => !a.locked)).toHaveLength(5);
    const row = await readThrottle(p, email);
    expect(row?.failures).toBe(5);
    expect(lockMinutesLeft(row, at(1))).toBe(15);
  });
});
