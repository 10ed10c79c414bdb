// What the gateway needs per request, read through the invalidating caches (lib/tokens/cache.ts):
// a live key's record by public id and a workload by (project id, slug). The database is touched
// only on a miss, or on every request while the bus withholds trust.
import type { PrismaClient } from "@prisma/client";
import { SealError, unseal } from "../crypto/seal";
import { InvalidatingCache } from "../tokens/cache";
import { loadTokenRecord } from "../tokens/lookup";
import type { TokenRecord } from "../tokens/verify";

export interface GatewayToken extends TokenRecord {
  projectSlug: string;
  workloadIds: ReadonlySet<string>;
}

export interface Upstream {
  protocol: "http:" | "https:";
  hostname: string;
  port: number;
  /** Path of the base URL without a trailing slash, e.g. "/v1". */
  basePath: string;
  /** host header value for the upstream. */
  host: string;
}

export interface GatewayWorkload {
  id: string;
  projectId: string;
  slug: string;
  modelName: string;
  /** null: no serving URL yet (or an unusable one), see `notReady`. */
  upstream: Upstream | null;
  notReady: string | null;
  /** "Bearer <key>" for the upstream, or null. Unsealed once per cache fill, never logged. */
  upstreamAuthorization: string | null;
}

export function parseServingUrl(raw: string): Upstream | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return null;
  return {
    protocol: u.protocol,
    hostname: u.hostname.startsWith("[") ? u.hostname.slice(1, -1) : u.hostname,
    port: u.port ? Number(u.port) : u.protocol === "https:" ? 443 : 80,
    basePath: u.pathname.replace(/\/+$/, ""),
    host: u.host,
  };
}

export function createLookups(prisma: PrismaClient) {
  const tokens = new InvalidatingCache<GatewayToken>({
    name: "tokens",
    async load(publicId) {
      const t = await loadTokenRecord(prisma, publicId);
      return t && { ...t, workloadIds: new Set(t.workloadIds) };
    },
    affected: (t, inv) =>
      !!inv.tokens?.includes(t.publicId) ||
      !!inv.projects?.includes(t.projectId) ||
      !!inv.workloads?.some((w) => t.workloadIds.has(w)),
  });

  const workloads = new InvalidatingCache<GatewayWorkload>({
    name: "workloads",
    async load(key) {
      const [projectId, slug] = key.split("\n");
      const w = await prisma.workload.findUnique({
        where: { projectId_slug: { projectId, slug } },
        select: { id: true, projectId: true, slug: true, modelName: true, servingUrl: true, upstreamKeySealed: true },
      });
      if (!w) return null;
      let notReady: string | null = null;
      let upstream: Upstream | null = null;
      if (!w.servingUrl) notReady = `workload "${w.slug}" has no serving URL yet`;
      else if (!(upstream = parseServingUrl(w.servingUrl))) notReady = `workload "${w.slug}" has an unusable serving URL`;
      let upstreamAuthorization: string | null = null;
      if (w.upstreamKeySealed) {
        try {
          upstreamAuthorization = `Bearer ${unseal(w.upstreamKeySealed)}`;
        } catch (e) {
          if (!(e instanceof SealError)) throw e;
          console.error(`gateway: upstream key of workload ${w.id} cannot be unsealed (${e.message})`);
          notReady = `workload "${w.slug}" has an upstream key the console cannot decrypt`;
          upstream = null;
        }
      }
      return { id: w.id, projectId: w.projectId, slug: w.slug, modelName: w.modelName, upstream, notReady, upstreamAuthorization };
    },
    affected: (w, inv) => !!inv.workloads?.includes(w.id) || !!inv.projects?.includes(w.projectId),
  });

  return {
    token: (publicId: string) => tokens.get(publicId),
    workload: (projectId: string, slug: string) => workloads.get(`${projectId}\n${slug}`),
    dispose() {
      tokens.dispose();
      workloads.dispose();
    },
  };
}

export type Lookups = ReturnType<typeof createLookups>;
