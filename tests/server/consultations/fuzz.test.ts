import fc from "fast-check";
import type { AdminConsultation } from "@hoiso/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consultationWorld } from "./world.js";

type World = Awaited<ReturnType<typeof consultationWorld>>;

/** Text PostgreSQL refuses or that only looks like text, mixed with ordinary Vietnamese. */
const nasty = fc.oneof(fc.string(), fc.constantFrom("\u0000", "Chị\u0000Mai", "\ud800", "\u200b\u200b", " \ufeff ", "Điều 1.", "## ", "\n\n", "ệ😀"));
const maybeUuid = (real: string[]) => fc.oneof({ arbitrary: fc.constantFrom(...real), weight: 4 }, { arbitrary: fc.uuid(), weight: 1 }, { arbitrary: nasty, weight: 1 });
/** Mostly well-formed, so that a run gets past the schema to the service and the database. */
const mostly = <T>(good: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 4 }, { arbitrary: nasty, weight: 1 });
const words = fc.constantFrom("Dự thảo quy chế", "Điều 1. Phạm vi\nÁp dụng cho chi hội.", "## Quỹ\nĐóng góp", "Chị em góp ý", "ệ😀");

/** Bad input on the consultation write routes always gets a clear 4xx (or goes through), never a 5xx. */
describe("Góp ý dự thảo: random input", () => {
  let w: World;
  let c: AdminConsultation;
  beforeAll(async () => {
    w = await consultationWorld();
    c = await w.consultation();
  });
  afterAll(async () => {
    await w?.ctx.close();
  });

  it("positions", async () => {
    const her = await w.member("Lý Thị Thử", w.tree.chiHoiA.id);
    const sections = c.sections.map((s) => s.id);
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            anonymous: fc.oneof(fc.boolean(), nasty),
            positions: fc.array(
              fc.record({ sectionId: maybeUuid(sections), stance: fc.oneof(fc.constantFrom("agree", "disagree", "propose"), nasty), text: nasty, voiceMediaId: fc.oneof(fc.constant(null), fc.uuid(), nasty) }, { requiredKeys: ["sectionId", "stance"] }),
              { maxLength: 5 },
            ),
          },
          { requiredKeys: [] },
        ),
        async (body) => {
          const res = await w.submit(her.headers, c.id, body as never);
          expect(res.statusCode, res.body).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("drafts, marks and outcomes", async () => {
    const units = [w.tree.xaA.id, w.tree.chiHoiA.id, w.tree.xaB.id];
    const date = mostly(fc.date({ min: new Date("1970-01-01"), max: new Date("2200-01-01"), noInvalidDate: true }).map((d) => d.toISOString()));
    await fc.assert(
      fc.asyncProperty(
        fc.record({ unitId: maybeUuid(units), title: mostly(words), summary: mostly(words), draftText: mostly(words), opensAt: date, closesAt: date, participation: mostly(fc.constantFrom("members", "link")) }, { requiredKeys: ["unitId", "title", "opensAt", "closesAt", "participation"] }),
        fc.record({ duplicateOf: fc.oneof(fc.constant(null), fc.uuid(), nasty), themes: fc.array(nasty, { maxLength: 3 }) }, { requiredKeys: [] }),
        fc.record({ sentTo: nasty, text: nasty }, { requiredKeys: [] }),
        async (draft, mark, outcome) => {
          const created = await w.inject("POST", "/api/admin/consultations", w.canBoA.headers, draft);
          expect(created.statusCode, created.body).toBeLessThan(500);
          const marked = await w.inject("PUT", `/api/admin/consultations/${c.id}/comments/${c.sections[0]!.id}`, w.canBoA.headers, mark);
          expect(marked.statusCode, marked.body).toBeLessThan(500);
          const synth = await w.inject("PUT", `/api/admin/consultations/${c.id}/sections/${c.sections[0]!.id}/synthesis`, w.canBoA.headers, { synthesis: outcome.text });
          expect(synth.statusCode, synth.body).toBeLessThan(500);
          const posted = await w.inject("POST", `/api/admin/consultations/${c.id}/outcome`, w.canBoA.headers, outcome);
          expect(posted.statusCode, posted.body).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
  });
});
