// Cache invalidation: every change that can make a cached token or workload stale (revoke, rotate
// grace, expiry change, grant change, workload edit/delete) calls one of these AFTER its database
// transaction commits, and awaits it. In-process listeners (the gateway cache) run synchronously;
// with PostgreSQL the gateway work adds a bus that reaches every other instance before returning.
export type Invalidation = { tokens?: string[]; workloads?: string[]; projects?: string[] };

type Listener = (inv: Invalidation) => void;
type Publisher = (inv: Invalidation) => Promise<void>;

// On globalThis: the custom server and Next's bundles load separate copies of this module.
const KEY = Symbol.for("inferencekey.invalidation");
type Registry = { listeners: Set<Listener>; publishers: Set<Publisher> };
function registry(): Registry {
  const g = globalThis as { [KEY]?: Registry };
  return (g[KEY] ??= { listeners: new Set(), publishers: new Set() });
}

/** Local caches subscribe here. */
export function onInvalidate(l: Listener): () => void {
  registry().listeners.add(l);
  return () => registry().listeners.delete(l);
}

/** A cross-instance bus registers here (postgres mode). */
export function addPublisher(p: Publisher): () => void {
  registry().publishers.add(p);
  return () => registry().publishers.delete(p);
}

/** Applies locally, then waits until every publisher (other instances) has applied it too. */
export async function invalidate(inv: Invalidation): Promise<void> {
  applyLocally(inv);
  await Promise.all([...registry().publishers].map((p) => p(inv)));
}

export function applyLocally(inv: Invalidation): void {
  for (const l of registry().listeners) l(inv);
}

/** Token public ids (8 hex). */
export const invalidateTokens = (publicIds: string[]) => invalidate({ tokens: publicIds });
/** Workload ids (wl_…). */
export const invalidateWorkloads = (workloadIds: string[]) => invalidate({ workloads: workloadIds });
/** Project ids: drops everything cached for the project (project-wide grants, deletion). */
export const invalidateProjects = (projectIds: string[]) => invalidate({ projects: projectIds });
