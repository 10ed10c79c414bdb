// `npm run bench` (not a test): the gateway's added latency and throughput against its upstream.
// Starts a fast local OpenAI-compatible upstream (bench/upstream.ts, its own process), embedded
// PostgreSQL seeded with a workload and an ik_live_ key, and a console from the production build
// (`npm run build` first). Then measures (a) the upstream directly and (b) the same request through
// /endpoint/…: autocannon at 1, 16 and 64 connections, a precise sequential latency run, and the
// time to the first streamed chunk; and, as a yardstick, (c) a bare Node.js proxy with no auth
// (bench/bare-proxy.ts) in front of the same upstream. `--write` also writes bench/RESULTS.md.
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { openDb } from "../lib/db";
import { startConsole, TEST_AUTH_SECRET } from "../test/support/console";
import { startPostgres } from "../test/support/postgres";
import { seedKey, seedProject, seedWorkload } from "../test/fixtures/seed";

const DURATION = Number(process.env.BENCH_SECONDS || 10);
const CONNECTIONS = [1, 16, 64];
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL || 3000);
const TTFB_RUNS = Number(process.env.BENCH_TTFB_RUNS || 50);
const BODY = JSON.stringify({ model: "bench", messages: [{ role: "user", content: "Hello there" }], stream: false, max_tokens: 16 });
const SLOW_MS = 20;
const SLOW_CONNECTIONS = 64;
const STREAM_BODY = BODY.replace('"stream":false', '"stream":true');

/** Starts bench/<file> as its own process and waits for its "listening <port>". */
async function startServer(file: string, ...args: string[]): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, file), ...args], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on("data", (b: Buffer) => {
      const m = /listening (\d+)/.exec(b.toString());
      if (m) resolve(Number(m[1]));
    });
    child.once("exit", (code) => reject(new Error(`${file} exited with ${code}`)));
  });
  return { port, child };
}

interface Load {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function load(url: string, headers: Record<string, string>, connections: number): Promise<Load> {
  const opts = { url, method: "POST" as const, headers: { "content-type": "application/json", ...headers }, body: BODY, connections };
  await autocannon({ ...opts, duration: 2 }); // warm-up: connections, JIT, caches
  const r = await autocannon({ ...opts, duration: DURATION });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function once(url: string, headers: Record<string, string>, body: string, firstChunk = false): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const req = http.request(url, { method: "POST", agent, headers: { "content-type": "application/json", ...headers } }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`));
      let done = false;
      res.on("data", () => {
        if (firstChunk && !done) {
          done = true;
          resolve(Number(process.hrtime.bigint() - t0) / 1e6);
        }
      });
      res.on("end", () => {
        if (!firstChunk) resolve(Number(process.hrtime.bigint() - t0) / 1e6);
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function sequential(url: string, headers: Record<string, string>) {
  for (let i = 0; i < 300; i++) await once(url, headers, BODY);
  const xs: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) xs.push(await once(url, headers, BODY));
  return { p50: pct(xs, 50), p99: pct(xs, 99) };
}

async function ttfb(url: string, headers: Record<string, string>) {
  for (let i = 0; i < 5; i++) await once(url, headers, STREAM_BODY, true);
  const xs: number[] = [];
  for (let i = 0; i < TTFB_RUNS; i++) {
    xs.push(await once(url, headers, STREAM_BODY, true));
    await new Promise((r) => setTimeout(r, 80)); // let the previous stream finish
  }
  return pct(xs, 50);
}

async function main() {
  process.env.NEXTAUTH_SECRET = TEST_AUTH_SECRET; // seal() the upstream key as the console will unseal it
  const pg = await startPostgres();
  const upstream = await startServer("upstream.ts");
  const bare = await startServer("bare-proxy.ts", String(upstream.port));
  const stops: (() => Promise<unknown>)[] = [async () => upstream.child.kill("SIGTERM"), async () => bare.child.kill("SIGTERM"), () => pg.stop()];
  try {
    const dbUrl = await pg.freshDatabase("ik_bench");
    const db = await openDb(dbUrl);
    const project = await seedProject(db.prisma, "bench");
    const workload = await seedWorkload(db.prisma, project.id, {
      slug: "chat",
      servingUrl: `http://127.0.0.1:${upstream.port}/v1`,
      modelName: "bench-model",
      upstreamKey: "sk-bench-upstream",
    });
    const key = await seedKey(db.prisma, project.id, { workloadIds: [workload.id] });
    await db.close();
    const consoleProc = await startConsole({ databaseUrl: dbUrl });
    stops.unshift(() => consoleProc.stop());

    const direct = { url: `http://127.0.0.1:${upstream.port}/v1/chat/completions`, headers: { authorization: "Bearer sk-bench-upstream" } };
    const viaBare = { url: `http://127.0.0.1:${bare.port}/v1/chat/completions`, headers: direct.headers };
    const viaGateway = { url: `${consoleProc.url}/endpoint/bench/chat/v1/chat/completions`, headers: { authorization: `Bearer ${key.plaintext}` } };
    const check = await fetch(viaGateway.url, { method: "POST", headers: { ...viaGateway.headers, "content-type": "application/json" }, body: BODY });
    if (check.status !== 200) throw new Error(`gateway answered ${check.status}: ${await check.text()}`);

    const rows: string[] = [];
    const log = (s: string) => {
      console.log(s);
      rows.push(s);
    };
    log(`| connections | direct req/s | gateway req/s | throughput ratio | direct p50 / p99 (ms) | gateway p50 / p99 (ms) | bare Node proxy req/s | gateway / bare proxy |`);
    log(`|---|---|---|---|---|---|---|---|`);
    for (const c of CONNECTIONS) {
      const d = await load(direct.url, direct.headers, c);
      const g = await load(viaGateway.url, viaGateway.headers, c);
      const b = await load(viaBare.url, viaBare.headers, c);
      if (d.non2xx || g.non2xx || b.non2xx || d.errors || g.errors || b.errors) log(`(non-2xx/errors: direct ${d.non2xx}/${d.errors}, gateway ${g.non2xx}/${g.errors}, bare proxy ${b.non2xx}/${b.errors})`);
      log(
        `| ${c} | ${d.rps.toFixed(0)} | ${g.rps.toFixed(0)} | ${((100 * g.rps) / d.rps).toFixed(1)} % | ${d.p50} / ${d.p99} | ${g.p50} / ${g.p99} | ` +
          `${b.rps.toFixed(0)} | ${((100 * g.rps) / b.rps).toFixed(1)} % |`,
      );
    }
    log("");
    log(`Same, with an upstream that takes ${SLOW_MS} ms per answer (as a model server does), ${SLOW_CONNECTIONS} connections:`);
    log(`| connections | direct req/s | gateway req/s | throughput ratio | direct p50 / p99 (ms) | gateway p50 / p99 (ms) |`);
    log(`|---|---|---|---|---|---|`);
    {
      const slow = { "x-bench-delay-ms": String(SLOW_MS) };
      const d = await load(direct.url, { ...direct.headers, ...slow }, SLOW_CONNECTIONS);
      const g = await load(viaGateway.url, { ...viaGateway.headers, ...slow }, SLOW_CONNECTIONS);
      if (d.non2xx || g.non2xx || d.errors || g.errors) log(`(non-2xx/errors: direct ${d.non2xx}/${d.errors}, gateway ${g.non2xx}/${g.errors})`);
      log(`| ${SLOW_CONNECTIONS} | ${d.rps.toFixed(0)} | ${g.rps.toFixed(0)} | ${((100 * g.rps) / d.rps).toFixed(1)} % | ${d.p50} / ${d.p99} | ${g.p50} / ${g.p99} |`);
    }
    const sd = await sequential(direct.url, direct.headers);
    const sg = await sequential(viaGateway.url, viaGateway.headers);
    const sb = await sequential(viaBare.url, viaBare.headers);
    log("");
    log(`Sequential keep-alive client, ${SEQUENTIAL} requests (µs resolution):`);
    log(`| | p50 (ms) | p99 (ms) |`);
    log(`|---|---|---|`);
    log(`| direct | ${sd.p50.toFixed(3)} | ${sd.p99.toFixed(3)} |`);
    log(`| gateway | ${sg.p50.toFixed(3)} | ${sg.p99.toFixed(3)} |`);
    log(`| added by the gateway | ${(sg.p50 - sd.p50).toFixed(3)} | ${(sg.p99 - sd.p99).toFixed(3)} |`);
    log(`| bare Node proxy (yardstick) | ${sb.p50.toFixed(3)} | ${sb.p99.toFixed(3)} |`);
    log(`| added by a bare Node proxy | ${(sb.p50 - sd.p50).toFixed(3)} | ${(sb.p99 - sd.p99).toFixed(3)} |`);
    const td = await ttfb(direct.url, direct.headers);
    const tg = await ttfb(viaGateway.url, viaGateway.headers);
    log("");
    log(`Streamed chat, time to first chunk (median of ${TTFB_RUNS}): direct ${td.toFixed(3)} ms, gateway ${tg.toFixed(3)} ms (+${(tg - td).toFixed(3)} ms)`);

    const cpu = os.cpus()[0]?.model ?? "unknown";
    const machine = `${os.availableParallelism()} CPUs (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
    console.log(`\nMachine: ${machine}`);
    if (process.argv.includes("--write")) {
      writeFileSync(
        path.join(import.meta.dirname, "RESULTS.md"),
        `# Gateway benchmark results\n\nProduced by \`npm run bench -- --write\` on ${new Date().toISOString().slice(0, 10)}.\n\n` +
          `Machine: ${machine}.\n\nSetup: upstream = bench/upstream.ts (raw node:http, fixed ${Buffer.byteLength('{"id":"chatcmpl-bench"}')}+ byte JSON answer), ` +
          `console = production build on embedded PostgreSQL, load generator = autocannon ${DURATION} s per cell after a 2 s warm-up, ` +
          `all three processes on the same machine (they compete for the same CPUs).\n\n${rows.join("\n")}\n`,
      );
    }
  } finally {
    for (const s of stops) await s().catch(() => {});
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
