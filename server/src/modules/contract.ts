import type { Transaction } from "kysely";
import type { AppDeps } from "../deps.js";
import type { DB } from "../db/types.js";
import type { App } from "../http/types-app.js";
import type { AuthContext } from "../http/types.js";
import type { AnyJobDefinition, PeriodicTask } from "../queue/registry.js";

/** A column holding media ids (`media.id`): while a row points at a media item, the sweeper leaves it alone. */
export interface MediaReference {
  table: string;
  column: string;
}

/** What a module tells the media core about the uploads it uses. */
export interface ModuleMedia {
  /** Where this module keeps media ids; tables of its own, created by its migrations (or a test). */
  references: readonly MediaReference[];
  /** Anyone may read this item, signed in or not (published content). Never throws for "no". */
  isPublic?(deps: AppDeps, mediaId: string): Promise<boolean>;
  /** This signed-in caller, who is not the uploader, may read it (the cán bộ handling a submission). Never throws for "no". */
  mayRead?(deps: AppDeps, auth: AuthContext, mediaId: string): Promise<boolean>;
}

/**
 * Everything a module plugs into the core. The core (app, workers, unit merge, media sweeper and `/api/media/:id`)
 * only ever asks `deps.modules`; it never imports a module.
 */
export interface ServerModule {
  /** Lower case; its queues are named "<name>.<queue>". */
  name: string;
  /** Route plugins, mounted under /api. */
  routes?: ReadonlyArray<(app: App) => Promise<void>>;
  /** Queue processors, served by worker processes. */
  jobs?: readonly AnyJobDefinition[];
  /** Timers (reconcilers, sweepers) run by worker processes. */
  periodic?: readonly PeriodicTask[];
  /**
   * Units `fromId` is merged into `intoId`: move this module's open work, inside the merge's transaction, and say how
   * many items moved. Throwing rolls the whole merge back.
   */
  onUnitMerge?(tx: Transaction<DB>, fromId: string, intoId: string): Promise<number>;
  media?: ModuleMedia;
}

/** Fails fast on a list the core could not serve: a name twice, or a queue named after another module. */
export function checkModules(modules: readonly ServerModule[]): readonly ServerModule[] {
  const names = new Set<string>();
  const queues = new Set<string>();
  for (const m of modules) {
    if (!/^[a-z][a-z0-9-]*$/.test(m.name)) throw new Error(`module name "${m.name}" is not lower case`);
    if (names.has(m.name)) throw new Error(`module "${m.name}" is registered twice`);
    names.add(m.name);
    for (const j of m.jobs ?? []) {
      if (j.queue.module !== m.name) throw new Error(`module "${m.name}" serves queue "${j.queue.name}", which is not named after it`);
      if (queues.has(j.queue.name)) throw new Error(`queue "${j.queue.name}" is served twice`);
      queues.add(j.queue.name);
    }
  }
  return modules;
}
