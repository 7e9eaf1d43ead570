import type { TrustedAddressList, TrustedCoverage } from "@hoiso/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, seedUnitId } from "../../../scripts/seed/demo.js";
import { seed } from "../../../scripts/seed/seed.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { devLogin } from "../../helpers/fixtures.js";

describe("sample trusted addresses", () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t?.close());

  it("are never seeded without --demo", async () => {
    await seed(t.deps.db, { demo: false });
    expect(await t.deps.db.selectFrom("trusted_addresses").select("id").execute()).toEqual([]);
  });

  it("are seeded with --demo once, for a few communes, marked as sample, with no phone number", async () => {
    await seed(t.deps.db, { demo: true });
    await seed(t.deps.db, { demo: true });
    const list = (await t.app.inject({ method: "GET", url: `/api/safety/addresses?unitId=${seedUnitId("02905.01")}` })).json<TrustedAddressList>();
    expect(list.communeName).toContain("Bảo Thắng");
    expect(list.items).toHaveLength(2);
    for (const a of list.items) {
      expect(a.sample).toBe(true);
      expect(a.name).toContain("(mẫu)");
      expect(a.phone).toBeNull();
    }
    const admin = DEMO_ACCOUNTS.admin;
    const { headers } = await devLogin(t.app, admin.name, admin.zaloId);
    const cov = (await t.app.inject({ method: "GET", url: "/api/admin/safety/coverage", headers })).json<TrustedCoverage>();
    expect(cov.covered).toBe(3);
    expect(cov.total).toBeGreaterThan(50);
  });
});
