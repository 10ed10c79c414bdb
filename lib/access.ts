// Who may do what in a project. Every server action and page checks through here.
export const ROLES = ["owner", "admin", "developer", "viewer"] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 0, developer: 1, admin: 2, owner: 3 };

export type Action =
  | "project.read"
  | "project.rename"
  | "member.manage"
  | "workload.write"
  | "sdkToken.manage"
  | "liveKey.manage"
  | "audit.read";

const MIN_ROLE: Record<Action, Role> = {
  "project.read": "viewer",
  "audit.read": "viewer",
  "workload.write": "developer",
  "liveKey.manage": "developer",
  "project.rename": "admin",
  "member.manage": "admin",
  "sdkToken.manage": "admin",
};

export function can(role: Role, action: Action): boolean {
  return RANK[role] >= RANK[MIN_ROLE[action]];
}

/** An admin may not grant or remove the owner role; only owners manage owners. */
export function canAssignRole(actor: Role, from: Role | null, to: Role): boolean {
  if (!can(actor, "member.manage")) return false;
  if (actor === "owner") return true;
  return to !== "owner" && from !== "owner";
}

/** At least one owner must always remain. */
export function leavesAnOwner(owners: number, from: Role, to: Role | null): boolean {
  return !(from === "owner" && to !== "owner" && owners <= 1);
}
