// Keeps the raw JSON text of chosen top-level members of a request body, so `config` and
// `execution_policy_config` are echoed byte-for-byte (contract §3.4: 5.0 must stay 5.0).

/**
 * Returns the raw text of each top-level member of a JSON object document. `text` must already have
 * passed JSON.parse and be an object. For duplicate keys the last one wins, like JSON.parse.
 */
export function rawMembers(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = skipWs(text, 0);
  if (text[i] !== "{") return out;
  i++;
  for (;;) {
    i = skipWs(text, i);
    if (text[i] === "}") return out;
    const keyEnd = skipString(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipWs(text, keyEnd);
    i++; // ':'
    const start = skipWs(text, i);
    const end = skipValue(text, start);
    out.set(key, text.slice(start, end));
    i = skipWs(text, end);
    if (text[i] === ",") i++;
    else return out;
  }
}

function skipWs(s: string, i: number): number {
  while (i < s.length && (s[i] === " " || s[i] === "\n" || s[i] === "\r" || s[i] === "\t")) i++;
  return i;
}

function skipString(s: string, i: number): number {
  i++; // opening quote
  while (i < s.length) {
    const c = s[i];
    if (c === "\\") i += 2;
    else if (c === '"') return i + 1;
    else i++;
  }
  return i;
}

function skipValue(s: string, i: number): number {
  const c = s[i];
  if (c === '"') return skipString(s, i);
  if (c === "{" || c === "[") {
    let depth = 0;
    while (i < s.length) {
      const d = s[i];
      if (d === '"') {
        i = skipString(s, i);
        continue;
      }
      if (d === "{" || d === "[") depth++;
      else if (d === "}" || d === "]") {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    return i;
  }
  // number, true, false, null
  while (i < s.length && !/[\s,}\]]/.test(s[i])) i++;
  return i;
}
