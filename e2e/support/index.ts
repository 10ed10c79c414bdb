// Shared steps for every e2e spec: import from "./support".
export { DEFAULT_PASSWORD, signIn, signOut, signUp, uniqueEmail, type TestUser } from "./users";
export { addMember, createProject, uniqueProjectName } from "./projects";
export { createWorkload, type CreatedWorkload, type WorkloadFields } from "./workloads";

/** Where the console under test writes its output (scan it for leaked secrets). */
export function serverLogFile(): string {
  return process.env.E2E_LOG_FILE ?? "test-results/server.log";
}
