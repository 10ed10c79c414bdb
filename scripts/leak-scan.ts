// Leak scan, run after `playwright test` has finished and its console server has stopped (on
// PostgreSQL, scripts/e2e-postgres.ts runs it while the database server is still up):
// every plaintext token minted during the browser run must appear nowhere — not in the server log,
// not in any column of any table of the e2e database, not in the raw database files (WAL included),
// not in Next's cache folder. The e2e specs record each minted plaintext (and the server's data
// folder and log) in test-results/leak-scan/manifest.json; this script deletes that file when done,
// whatever the outcome, because it holds live secrets.
//
//   npx tsx scripts/leak-scan.ts [--manifest path]
// Exit 0 = scanned at least one token and found nothing; 1 = a leak, or nothing to scan.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { openDb } from "../lib/db";

interface Manifest {
  tokens: string[];
  /** Data folders of PGlite consoles (raw files and the database are scanned). */
  dataDirs: string[];
  /** PostgreSQL databases of consoles that ran on one (every table is scanned). */
  databaseUrls: string[];
  logFiles: string[];
}

const DEFAULT_MANIFEST = path.join("test-results", "leak-scan", "manifest.json");
const TOKEN_SHAPE = /^ik_(sdk|live)_([0-9a-f]{8})_([0-9a-f]{64})$/;

function args(): { manifest: string } {
  const i = process.argv.indexOf("--manifest");
  return { manifest: i > 0 ? process.argv[i + 1] : DEFAULT_MANIFEST };
}

/** Reads every manifest part (each spec worker writes its own file beside the manifest). */
function readManifest(file: string): Manifest {
  const dir = path.dirname(file);
  const out: Manifest = { tokens: [], dataDirs: [], databaseUrls: [], logFiles: [] };
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (!name.endsWith(".json")) continue;
    const m = JSON.parse(readFileSync(path.join(dir, name), "utf8")) as Partial<Manifest>;
    out.tokens.push(...(m.tokens ?? []));
    out.dataDirs.push(...(m.dataDirs ?? []));
    out.databaseUrls.push(...(m.databaseUrls ?? []));
    out.logFiles.push(...(m.logFiles ?? []));
  }
  out.tokens = [...new Set(out.tokens)];
  out.dataDirs = [...new Set(out.dataDirs)];
  out.databaseUrls = [...new Set(out.databaseUrls)];
  out.logFiles = [...new Set(out.logFiles)];
  return out;
}

/** What to look for per token: the whole token and its 64-hex secret alone. Labels carry the public id only. */
function needles(tokens: string[]): { label: string; text: string }[] {
  const out: { label: string; text: string }[] = [];
  for (const t of tokens) {
    const m = TOKEN_SHAPE.exec(t);
    if (!m) throw new Error(`manifest holds something that is not a token (public id ${t.slice(0, 16)}…)`);
    out.push({ label: `ik_${m[1]}_${m[2]}… (whole token)`, text: t }, { label: `ik_${m[1]}_${m[2]}… (secret part)`, text: m[3] });
  }
  return out;
}

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    const s = statSync(p);
    if (s.isDirectory()) yield* files(p);
    else if (s.isFile()) yield p;
  }
}

function scanBytes(where: string, buf: Buffer, look: { label: string; text: string }[], hits: string[]): void {
  for (const n of look) {
    if (buf.includes(n.text, 0, "latin1")) hits.push(`${n.label} found in ${where}`);
  }
}

/** `where` is a PGlite data folder or a postgres:// URL. */
async function scanDatabase(where: string, look: { label: string; text: string }[], hits: string[]): Promise<number> {
  const postgres = /^postgres(ql)?:\/\//.test(where);
  const dir = postgres ? new URL(where).pathname.slice(1) : where; // never print a URL's password
  const db = await openDb(postgres ? where : path.join(where, "pglite"));
  try {
    const tables = await db.sql.query<{ table_schema: string; table_name: string }>(
      "select table_schema, table_name from information_schema.tables where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')",
    );
    let rows = 0;
    for (const t of tables) {
      const all = await db.sql.query<{ j: string }>(`select row_to_json(x)::text as j from "${t.table_schema}"."${t.table_name}" x`);
      rows += all.length;
      const text = all.map((r) => r.j).join("\n");
      for (const n of look) if (text.includes(n.text)) hits.push(`${n.label} found in table ${t.table_schema}.${t.table_name}`);
    }
    if (!tables.some((t) => t.table_name === "tokens")) hits.push(`no tokens table in ${dir}: wrong database?`);
    const minted = await db.sql.query<{ n: number }>("select count(*)::int as n from tokens");
    if (minted[0].n === 0) hits.push(`the e2e database in ${dir} holds no tokens: wrong database?`);
    return rows;
  } finally {
    await db.close();
  }
}

export interface ScanResult {
  ok: boolean;
  hits: string[];
  tokens: number;
  files: number;
  rows: number;
}

/** Scans everything the manifest names; deletes the manifest folder afterwards, whatever happens. */
export async function leakScan(manifest = DEFAULT_MANIFEST, opts: { nextCache?: string | null } = {}): Promise<ScanResult> {
  try {
    const m = readManifest(manifest);
    const hits: string[] = [];
    if (m.tokens.length === 0) {
      hits.push(`no minted tokens recorded in ${path.dirname(manifest)}: run the browser journeys first (npx playwright test)`);
      return { ok: false, hits, tokens: 0, files: 0, rows: 0 };
    }
    const look = needles(m.tokens);
    let scannedFiles = 0;
    let scannedRows = 0;
    const scanTree = (dir: string) => {
      for (const f of files(dir)) {
        scanBytes(f, readFileSync(f), look, hits);
        scannedFiles++;
      }
    };

    if (m.logFiles.length === 0) hits.push("no server log recorded: cannot prove it is clean");
    for (const log of m.logFiles) {
      if (!existsSync(log)) {
        hits.push(`server log ${log} is missing: cannot prove it is clean`);
        continue;
      }
      scanBytes(`server log ${log}`, readFileSync(log), look, hits);
      scannedFiles++;
    }
    if (m.dataDirs.length === 0 && m.databaseUrls.length === 0) hits.push("no e2e data folder or database recorded: cannot prove the database is clean");
    for (const dir of m.dataDirs) {
      if (!existsSync(path.join(dir, "pglite"))) {
        hits.push(`e2e database ${dir}/pglite is missing: cannot prove it is clean`);
        continue;
      }
      // Raw files first, before opening the database writes anything: deleted rows, WAL, temp files.
      scanTree(dir);
      scannedRows += await scanDatabase(dir, look, hits);
    }
    for (const url of m.databaseUrls) scannedRows += await scanDatabase(url, look, hits);
    const nextCache = opts.nextCache === undefined ? path.join(".next", "cache") : opts.nextCache;
    if (nextCache && existsSync(nextCache)) scanTree(nextCache);
    return { ok: hits.length === 0, hits, tokens: m.tokens.length, files: scannedFiles, rows: scannedRows };
  } finally {
    rmSync(path.dirname(manifest), { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const r = await leakScan(args().manifest);
  if (!r.ok) {
    console.error(`leak scan FAILED (${r.tokens} tokens):\n  ${r.hits.join("\n  ")}`);
    return 1;
  }
  console.log(`leak scan: ${r.tokens} minted tokens, ${r.files} files and ${r.rows} database rows scanned, no plaintext found`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error("leak scan error:", e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
