import type { Workload } from "@prisma/client";

function Row({ label, children, mono }: { label: string; children: React.ReactNode; mono?: boolean }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-[12rem_1fr]">
      <dt className="text-sm font-medium text-slate-700">{label}</dt>
      <dd className={mono ? "break-all font-mono text-sm text-slate-900" : "text-sm text-slate-900"}>{children}</dd>
    </div>
  );
}

const unset = <span className="text-slate-600">not set</span>;

/** The read-only view of a workload (what viewers get; everyone sees it above the edit form). */
export function WorkloadDetails({ workload: w }: { workload: Workload }) {
  return (
    <dl className="divide-y divide-slate-100">
      <Row label="Name">{w.name}</Row>
      <Row label="Slug" mono>{w.slug}</Row>
      <Row label="Description">{w.description ?? unset}</Row>
      <Row label="Task type">{w.taskType}</Row>
      <Row label="Backend">{w.backend}</Row>
      <Row label="Model name" mono>{w.modelName}</Row>
      <Row label="Config" mono>{w.configJson ?? unset}</Row>
      <Row label="Worker ID" mono>{w.workerId ?? unset}</Row>
      <Row label="GPU resource ID" mono>{w.gpuResourceId ?? unset}</Row>
      <Row label="Execution policy">{w.executionPolicy ?? unset}</Row>
      <Row label="Execution policy config" mono>{w.executionPolicyConfigJson ?? unset}</Row>
      <Row label="Serving URL" mono>
        <span data-testid="serving-url">{w.servingUrl ?? unset}</span>
      </Row>
      <Row label="Upstream API key">{w.upstreamKeySealed ? "set" : "not set"}</Row>
      <Row label="Updated">{w.updatedAt.toISOString().replace("T", " ").slice(0, 19)} UTC</Row>
    </dl>
  );
}
