import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuthContext, RoleScope } from "../../../server/src/http/types.js";
import {
  assertProvinceAdmin,
  assertRoleOver,
  hasRoleOver,
  holdsRoleAtProvince,
  isProvinceAdmin,
  scopeOf,
  STAFF_ROLES,
} from "../../../server/src/policy/policy.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { smallTree, type TestUnit } from "../../helpers/fixtures.js";

const role = (u: TestUnit, r: RoleScope["role"]): RoleScope => ({ unitId: u.id, unitPath: u.path, role: r });
const who = (...roles: RoleScope[]): AuthContext => ({ memberId: "00000000-0000-4000-8000-000000000001", roles });

describe("policy, pure parts", () => {
  const t = { id: "t", path: "/t/", name: "tỉnh" };
  const a = { id: "a", path: "/t/a/", name: "xã A" };
  const b = { id: "b", path: "/t/b/", name: "xã B" };
  const ab = { id: "ab", path: "/t/ab/", name: "xã AB" };

  it("a role covers its unit's subtree, not a sibling whose id merely starts alike", () => {
    const auth = who(role(a, "can_bo"));
    expect(hasRoleOver(auth, "/t/a/", ["can_bo"])).toBe(true);
    expect(hasRoleOver(auth, "/t/a/c/", ["can_bo"])).toBe(true);
    expect(hasRoleOver(auth, ab.path, ["can_bo"])).toBe(false);
    expect(hasRoleOver(auth, b.path)).toBe(false);
    expect(hasRoleOver(auth, t.path)).toBe(false);
    expect(hasRoleOver(auth, "/t/a/c/", ["admin"])).toBe(false);
  });

  it("defaults to cán bộ and admin roles alike", () => {
    expect(hasRoleOver(who(role(a, "admin")), "/t/a/c/")).toBe(true);
    expect(hasRoleOver(who(role(a, "can_bo")), "/t/a/c/")).toBe(true);
    expect(hasRoleOver(who(), "/t/a/")).toBe(false);
  });

  it("scopeOf lists the units her roles reach, by role, each once", () => {
    const auth = who(role(a, "can_bo"), role(a, "admin"), role(b, "admin"));
    expect(scopeOf(auth)).toEqual({ paths: ["/t/a/", "/t/b/"], unitIds: ["a", "b"] });
    expect(scopeOf(auth, ["can_bo"])).toEqual({ paths: ["/t/a/"], unitIds: ["a"] });
    expect(scopeOf(auth, ["admin"]).unitIds.sort()).toEqual(["a", "b"]);
    expect(scopeOf(who(), STAFF_ROLES)).toEqual({ paths: [], unitIds: [] });
  });
});

describe("policy against the unit tree", () => {
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof smallTree>>;

  beforeAll(async () => {
    ctx = await createTestContext();
    tree = await smallTree(ctx.deps.db);
  });
  afterAll(() => ctx?.close());

  it("a province admin is an admin at the tinh unit, not a cán bộ there nor an admin of a xã", async () => {
    const db = ctx.deps.db;
    expect(await isProvinceAdmin(db, who(role(tree.tinh, "admin")))).toBe(true);
    expect(await isProvinceAdmin(db, who(role(tree.tinh, "can_bo")))).toBe(false);
    expect(await isProvinceAdmin(db, who(role(tree.xaA, "admin")))).toBe(false);
    expect(await isProvinceAdmin(db, who())).toBe(false);
    await expect(assertProvinceAdmin(db, who(role(tree.tinh, "admin")))).resolves.toBeUndefined();
    await expect(assertProvinceAdmin(db, who(role(tree.xaA, "admin")))).rejects.toMatchObject({ status: 403, code: "FORBIDDEN" });
  });

  it("holdsRoleAtProvince asks about the roles given", async () => {
    const db = ctx.deps.db;
    expect(await holdsRoleAtProvince(db, who(role(tree.tinh, "can_bo")), STAFF_ROLES)).toBe(true);
    expect(await holdsRoleAtProvince(db, who(role(tree.tinh, "can_bo")), ["admin"])).toBe(false);
    expect(await holdsRoleAtProvince(db, who(role(tree.xaA, "can_bo"), role(tree.xaB, "admin")), STAFF_ROLES)).toBe(false);
  });

  it("assertRoleOver: 404 for an unknown unit, 403 outside her subtree, nothing inside it", async () => {
    const db = ctx.deps.db;
    const xaCanBo = who(role(tree.xaA, "can_bo"));
    await expect(assertRoleOver(db, xaCanBo, tree.chiHoiA.id)).resolves.toBeUndefined();
    await expect(assertRoleOver(db, xaCanBo, tree.xaB.id)).rejects.toMatchObject({ status: 403 });
    await expect(assertRoleOver(db, xaCanBo, tree.chiHoiA.id, ["admin"])).rejects.toMatchObject({ status: 403 });
    await expect(assertRoleOver(db, xaCanBo, "00000000-0000-4000-8000-00000000dead")).rejects.toMatchObject({ status: 404, code: "UNIT_NOT_FOUND" });
  });
});
