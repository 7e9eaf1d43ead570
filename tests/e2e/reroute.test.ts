import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { available, confirmModal, devLoginAs, OFFICER, shot, startHarness, WOMAN, type Harness } from "./feedback-harness.js";

/**
 * The xã cán bộ passes items on: one rerouted for good to the ward that is responsible, one forwarded to it. Both
 * leave her "Cần xử lý", and each item page says plainly who has it now. Her cards show which thôn an item came from,
 * the forward tabs fit a 360 px phone, her timeline speaks to her (not to the woman), and her home card calls her
 * unit a xã. The province admin is not asked to choose a chi hội and sees an item assigned at two levels once.
 */
describe.runIf(available)("Hộp việc: rerouting and forwarding", () => {
  let h: Harness;
  const items: Record<"reroute" | "forward" | "escalated", { id: string; code: string; assignment: string }> = {} as never;

  beforeAll(async () => {
    h = await startHarness();
    const token = await h.tokenFor(WOMAN.zaloId, WOMAN.name);
    const send = async (key: keyof typeof items, body: string) => {
      const created = await h.submit(token, { kind: "feedback", category: "thu_tuc", body });
      items[key] = { id: created.id, code: created.trackingCode, assignment: await h.routed(created.id) };
    };
    await send("reroute", "Chị em thôn Nậm Chảy làm căn cước ở phường Sa Pa phải chờ cả ngày.");
    await send("forward", "Bộ phận một cửa phường Sa Pa trả hồ sơ khai sinh chậm hai tuần.");
    await send("escalated", "Xin hướng dẫn thủ tục đăng ký kết hôn với người nước ngoài.");
    // The xã cán bộ lives in her xã; the province admin has no unit of her own.
    await h.t.deps.pool.query("UPDATE members SET unit_id = $1, membership_status = 'confirmed' WHERE id = $2", [h.seeded.xa, h.seeded.officer]);
    const admin = await h.t.deps.pool.query<{ id: string }>("INSERT INTO members (zalo_app_user_id, name) VALUES ('dev-demo-admin', 'Nguyễn Thị Hồng Nhung') RETURNING id");
    await h.t.deps.pool.query("INSERT INTO roles (member_id, unit_id, role) VALUES ($1, $2, 'admin')", [admin.rows[0]!.id, h.seeded.tinh]);
    // Escalated to the province as well: assigned at the xã and at the province at once.
    await h.t.deps.pool.query(
      `INSERT INTO assignments (submission_id, unit_id, reason, from_assignment_id, sla_hours, due_at)
       VALUES ($1, $2, 'escalation', $3, 72, now() + interval '3 days')`,
      [items.escalated.id, h.seeded.tinh, items.escalated.assignment],
    );
  });

  afterAll(async () => {
    await h?.close();
  });

  it("rerouted and forwarded items leave Cần xử lý and say who has them now", async () => {
    await h.inBrowser("reroute-officer", async (page) => {
      await page.goto(`${h.base}/`);
      await devLoginAs(page, OFFICER.zaloId);
      await page.getByText("Chào chị Mai!").waitFor({ timeout: 15_000 });
      const membership = page.getByTestId("membership");
      await expect.poll(() => membership.textContent()).toContain("Xã/phường của chị");
      expect(await membership.textContent()).toContain("Xã Bản Mế");
      expect(await membership.textContent()).not.toContain("Chi hội");
      await shot(page, "officer-home");

      await page.goto(`${h.base}/zapps/hoiso/can-bo/hop-viec`);
      const rows = page.getByTestId("inbox-item");
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3);
      expect(await rows.filter({ hasText: items.reroute.code }).getByTestId("inbox-origin").textContent()).toBe("Gửi từ Chi hội thôn Nậm Chảy");
      await shot(page, "reroute-inbox-before");

      // Reroute: handed over for good.
      await rows.filter({ hasText: items.reroute.code }).click();
      const timeline = page.getByTestId("staff-timeline");
      await expect.poll(() => timeline.textContent(), { timeout: 10_000 }).toContain("Người gửi gửi phản ánh từ Chi hội thôn Nậm Chảy.");
      expect(await timeline.textContent()).not.toContain("Hội đã nhận nội dung chị gửi");
      await page.getByRole("button", { name: "Không thuộc thẩm quyền — chuyển đúng nơi" }).click();
      const reroute = page.getByTestId("reroute-panel");
      await reroute.locator("input").fill("sa pa");
      await page.locator(".hs-choice", { hasText: "Phường Sa Pa" }).click();
      await reroute.locator("textarea").fill("Bộ phận làm căn cước thuộc phường Sa Pa.");
      await reroute.getByRole("button", { name: "Chuyển đúng nơi" }).click();
      await confirmModal(page, "Chuyển đúng nơi");
      const handover = page.getByTestId("handover");
      await expect.poll(() => handover.textContent(), { timeout: 10_000 }).toContain("Việc này đang ở Phường Sa Pa");
      expect(await handover.textContent()).toContain("không cần xử lý nữa");
      await shot(page, "reroute-done");

      // Forward: the tabs fit the screen, the item moves on and the page says where it is.
      await page.goto(`${h.base}/zapps/hoiso/can-bo/hop-viec/${items.forward.assignment}`);
      await page.getByRole("button", { name: "Chuyển", exact: true }).click();
      const forward = page.getByTestId("forward-panel");
      const width = page.viewportSize()?.width ?? 360;
      for (const name of ["Đơn vị Hội khác", "Cơ quan bên ngoài"]) {
        const box = await forward.getByRole("tab", { name }).boundingBox();
        expect(box, name).not.toBeNull();
        expect(box!.x, name).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width, `${name} fits the ${width} px screen`).toBeLessThanOrEqual(width);
      }
      await shot(page, "forward-tabs");
      await forward.locator("input").fill("sa pa");
      await page.locator(".hs-choice", { hasText: "Phường Sa Pa" }).click();
      await forward.locator("textarea").fill("Nhờ phường kiểm tra bộ phận một cửa.");
      await forward.getByRole("button", { name: "Chuyển", exact: true }).click();
      await confirmModal(page, "Chuyển");
      await expect.poll(() => handover.textContent(), { timeout: 10_000 }).toContain("Việc này đang ở Phường Sa Pa");
      await shot(page, "forward-done");

      // Cần xử lý now holds only the item still waiting on the xã; "Tất cả" still has all three.
      await page.goto(`${h.base}/zapps/hoiso/can-bo/hop-viec`);
      await expect.poll(async () => (await rows.allTextContents()).join(" | "), { timeout: 10_000 }).toContain(items.escalated.code);
      expect(await rows.count()).toBe(1);
      await page.getByRole("tab", { name: "Tất cả" }).click();
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3);
      expect(await rows.filter({ hasText: items.forward.code }).textContent()).toContain("Đã chuyển, đơn vị nhận đang xử lý");
      await shot(page, "reroute-inbox-after");
    });
  }, 60_000);

  it("the province admin is not asked to choose a chi hội and sees each item once", async () => {
    await h.inBrowser("reroute-admin", async (page) => {
      await page.goto(`${h.base}/`);
      await page.getByText("Đăng nhập thử nghiệm").waitFor({ timeout: 15_000 });
      await page.locator('[data-zalo-id="demo-admin"]').click();
      await page.getByText("Chào chị Nhung!").waitFor({ timeout: 15_000 });
      await page.getByTestId("officer-card").waitFor();
      expect(await page.getByTestId("membership").count()).toBe(0);
      expect(await page.locator(".hs-page").textContent()).not.toContain("Chị chưa chọn chi hội");
      await shot(page, "admin-home");

      await page.goto(`${h.base}/zapps/hoiso/can-bo/hop-viec`);
      await page.getByRole("tab", { name: "Tất cả" }).click();
      const rows = page.getByTestId("inbox-item");
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3);
      expect(await rows.filter({ hasText: items.escalated.code }).count()).toBe(1);
      expect(await rows.filter({ hasText: items.escalated.code }).textContent()).toContain("Giao cho Hội LHPN tỉnh Lào Cai");
      await shot(page, "admin-inbox");
    });
  }, 60_000);
});
