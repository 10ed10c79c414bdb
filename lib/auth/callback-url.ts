// Where to go after signing in: only a path on this site (no open redirect). Browsers drop tabs and
// newlines from URLs, so "/\t/evil.example" would become "//evil.example": control characters and
// backslashes are refused outright, and what remains must resolve to this origin and stay a path. The answer is the
// parsed, percent-encoded form, so it is also always a valid Location header.
const FALLBACK = "/projects";
const HERE = "http://console.invalid";

export function safeCallbackUrl(raw: string | string[] | undefined): string {
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (!v || v.length > 2048 || !v.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(v)) return FALLBACK;
  let u: URL;
  try {
    u = new URL(v, HERE);
  } catch {
    return FALLBACK;
  }
  const path = `${u.pathname}${u.search}${u.hash}`;
  // "/.//evil.example" normalizes to "//evil.example": a protocol-relative URL again.
  return u.origin === HERE && !path.startsWith("//") ? path : FALLBACK;
}
