import type { ModuleMedia, ServerModule } from "../contract.js";
import { hasRoleOver } from "../../policy/policy.js";
import { closeDueConsultations } from "./admin.js";
import { consultationAdminRoutes } from "./admin-routes.js";
import { consultationRoutes } from "./routes.js";

/** A voice note on a position: the cán bộ of the consultation's subtree may listen (the file names nobody). */
const media: ModuleMedia = {
  references: [{ table: "consultation_positions", column: "voice_media_id" }],
  async mayRead(deps, auth, mediaId) {
    if (auth.roles.length === 0) return false;
    const rows = await deps.db
      .selectFrom("consultation_positions as p")
      .innerJoin("consultations as c", "c.id", "p.consultation_id")
      .innerJoin("units as u", "u.id", "c.unit_id")
      .select("u.path")
      .where("p.voice_media_id", "=", mediaId)
      .execute();
    return rows.some((r) => hasRoleOver(auth, r.path));
  },
};

/** Góp ý dự thảo (issue 16): consultations on a draft, section by section, reported as a .docx. */
export const consultationsModule: ServerModule = {
  name: "consultations",
  routes: [consultationRoutes, consultationAdminRoutes],
  // at its close date a consultation closes without waiting for the cán bộ (submits already refuse past it)
  periodic: [{ name: "consultations.close", everyMs: 60_000, run: (deps) => closeDueConsultations(deps.db) }],
  // a merged unit's consultations move to the surviving unit, so its cán bộ keep them
  async onUnitMerge(tx, fromId, intoId) {
    const r = await tx.updateTable("consultations").set({ unit_id: intoId }).where("unit_id", "=", fromId).executeTakeFirst();
    return Number(r.numUpdatedRows);
  },
  media,
};
