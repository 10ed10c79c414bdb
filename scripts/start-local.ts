// `npm run quickstart`: the production build on this machine, with a session secret created once and
// kept in the data folder (.data/auth-secret). A real deployment sets NEXTAUTH_SECRET and runs `npm start`,
// which refuses to start without it.
import { ensureAuthSecret } from "../lib/auth/secret";

ensureAuthSecret(false);
(process.env as Record<string, string>).NODE_ENV = "production";
await import("../server");
