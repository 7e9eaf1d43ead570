import type { ArticleList, GuideDetail, GuideList } from "@hoiso/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../../scripts/seed/demo.js";
import { seed } from "../../../scripts/seed/seed.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { devLogin } from "../../helpers/fixtures.js";

describe("sample Tìm hiểu content", () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("is never seeded without --demo", async () => {
    await seed(t.deps.db, { demo: false });
    expect(await t.deps.db.selectFrom("articles").select("id").execute()).toEqual([]);
    expect(await t.deps.db.selectFrom("guides").select("id").execute()).toEqual([]);
  });

  it("is seeded with --demo once, marked as sample, readable by a demo member, each guide naming its source", async () => {
    await seed(t.deps.db, { demo: true });
    await seed(t.deps.db, { demo: true });
    const account = DEMO_ACCOUNTS.hoiVien;
    const { headers } = await devLogin(t.app, account.name, account.zaloId);
    const found = (await t.app.inject({ method: "GET", url: "/api/articles?q=nghi%20quyet%2029", headers })).json<ArticleList>();
    expect(found.items).toHaveLength(1);
    expect(found.items[0]?.sample).toBe(true);
    const kinds = (await t.app.inject({ method: "GET", url: "/api/articles?kind=dan_van_kheo", headers })).json<ArticleList>();
    expect(kinds.items).toHaveLength(1);
    const guides = (await t.app.inject({ method: "GET", url: "/api/guides", headers })).json<GuideList>();
    expect(guides.items).toHaveLength(4);
    for (const g of guides.items) {
      const d = (await t.app.inject({ method: "GET", url: `/api/guides/${g.id}`, headers })).json<GuideDetail>();
      expect(d.sample).toBe(true);
      expect(d.source.name.length).toBeGreaterThan(10);
      expect(d.source.checkedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(d.steps.length).toBeGreaterThan(1);
      expect(d.faq.length).toBeGreaterThan(0);
    }
  });
});
