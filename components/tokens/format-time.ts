// Times render the same on the server and in the browser (UTC, fixed format), so hydration matches.
export function formatUtc(d: Date | string | null | undefined, withSeconds = false): string {
  if (!d) return "—";
  const iso = (typeof d === "string" ? new Date(d) : d).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, withSeconds ? 19 : 16)} UTC`;
}
