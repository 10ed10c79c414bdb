/**
 * The SDK's canonical_slug (contract §3.4 step 1): every char that is not ASCII [A-Za-z0-9] becomes
 * "-", lower-case, split on "-", drop empty parts, join with "-".
 */
export function canonicalSlug(input: string): string {
  return input
    .replace(/[^A-Za-z0-9]/gu, "-")
    .toLowerCase()
    .split("-")
    .filter(Boolean)
    .join("-");
}

export const SLUG_MAX = 63;

/** A stored slug is canonical, non-empty and short enough to sit in URLs and token scopes. */
export function isCanonicalSlug(s: string): boolean {
  return s.length > 0 && s.length <= SLUG_MAX && canonicalSlug(s) === s;
}
