import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files from its own package folder: keep it out of the bundle.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@node-rs/argon2", "pg"],
  poweredByHeader: false,
  // The SDK never follows a redirect reliably (contract §2): no trailing-slash redirects on /api.
  skipTrailingSlashRedirect: true,
  typedRoutes: false,
  // Metadata is rendered with the page for every client, not streamed after it: streamed metadata is
  // re-suspended by each router.refresh() (the token lists refresh every 5 s), which drops <title>
  // for as long as the server takes to answer.
  htmlLimitedBots: /.*/,
};

export default nextConfig;
