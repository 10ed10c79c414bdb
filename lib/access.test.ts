import { describe, expect, it } from "vitest";
import { can, canAssignRole, leavesAnOwner, ROLES, type Action, type Role } from "./access";

describe("can(role, action)", () => {
  const table: Record<Action, Role[]> = {
    "project.read": ["owner", "admin", "developer", "viewer"],
    "audit.read": ["owner", "admin", "developer", "viewer"],
    "workload.write": ["owner", "admin", "developer"],
    "liveKey.manage": ["owner", "admin", "developer"],
    "project.rename": ["owner", "admin"],
    "member.manage": ["owner", "admin"],
    "sdkToken.manage": ["owner", "admin"],
  };
  for (const [action, allowed] of Object.entries(table) as [Action, Role[]][]) {
    for (const role of ROLES) {
      it(`${role} ${allowed.includes(role) ? "may" : "may not"} ${action}`, () => {
        expect(can(role, action)).toBe(allowed.includes(role));
      });
    }
  }
});

describe("canAssignRole(actor, from, to)", () => {
  it("owners may grant and take every role", () => {
    for (const from of [null, ...ROLES]) for (const to of ROLES) expect(canAssignRole("owner", from, to)).toBe(true);
  });
  it("admins manage everyone but owners", () => {
    expect(canAssignRole("admin", null, "developer")).toBe(true);
    expect(canAssignRole("admin", "viewer", "admin")).toBe(true);
    expect(canAssignRole("admin", null, "owner")).toBe(false);
    expect(canAssignRole("admin", "developer", "owner")).toBe(false);
    expect(canAssignRole("admin", "owner", "viewer")).toBe(false);
  });
  it("developers and viewers manage nobody", () => {
    for (const actor of ["developer", "viewer"] as const) {
      for (const to of ROLES) expect(canAssignRole(actor, null, to)).toBe(false);
      expect(canAssignRole(actor, "viewer", "developer")).toBe(false);
    }
  });
});

describe("leavesAnOwner(owners, from, to)", () => {
  it("refuses to demote or remove the last owner", () => {
    expect(leavesAnOwner(1, "owner", "admin")).toBe(false);
    expect(leavesAnOwner(1, "owner", null)).toBe(false);
  });
  it("allows it when another owner remains", () => {
    expect(leavesAnOwner(2, "owner", "viewer")).toBe(true);
    expect(leavesAnOwner(2, "owner", null)).toBe(true);
  });
  it("ignores changes that do not touch an owner", () => {
    expect(leavesAnOwner(1, "admin", null)).toBe(true);
    expect(leavesAnOwner(1, "owner", "owner")).toBe(true);
  });
});
