import { consultationPhase, PREAMBLE_HEADING, sectionTitle, splitDraft } from "@hoiso/shared";
import { describe, expect, it } from "vitest";

describe("splitDraft", () => {
  it("cuts at '## ' and 'Điều N.' lines, keeps a preamble, drops blank edges", () => {
    const text = "Căn cứ Luật Bình đẳng giới;\r\n\r\nĐiều 1. Phạm vi điều chỉnh\r\nQuy định này…\r\n\r\n## Nguồn quỹ\n\nĐóng góp tự nguyện.\nĐiều 12: Hiệu lực\nKể từ ngày ký.\n";
    expect(splitDraft(text)).toEqual([
      { heading: PREAMBLE_HEADING, body: "Căn cứ Luật Bình đẳng giới;" },
      { heading: "Điều 1. Phạm vi điều chỉnh", body: "Quy định này…" },
      { heading: "Nguồn quỹ", body: "Đóng góp tự nguyện." },
      { heading: "Điều 12: Hiệu lực", body: "Kể từ ngày ký." },
    ]);
  });
  it("a line starting with 'Điều N.' is a heading, an article named inside a sentence is not; no marker means one section", () => {
    expect(splitDraft("Điều 5. Quyền của hội viên\nchị em được hỗ trợ.")).toEqual([{ heading: "Điều 5. Quyền của hội viên", body: "chị em được hỗ trợ." }]);
    expect(splitDraft("Như quy định tại Điều 5, chị em được hỗ trợ.")).toEqual([{ heading: PREAMBLE_HEADING, body: "Như quy định tại Điều 5, chị em được hỗ trợ." }]);
    expect(splitDraft("  \n\n")).toEqual([]);
  });
  it("names a section by its article, or by its position when the heading has no number", () => {
    expect(sectionTitle(2, "Điều 5. Quyền của hội viên")).toBe("Điều 5. Quyền của hội viên");
    expect(sectionTitle(3, "Quỹ chi hội")).toBe("3. Quỹ chi hội");
  });
  it("phase: drafts never open; closed by status or by date", () => {
    const now = new Date("2026-06-01T00:00:00Z");
    const c = { opensAt: "2026-05-01T00:00:00Z", closesAt: "2026-06-01T00:00:00Z" };
    expect(consultationPhase({ ...c, status: "draft" }, now)).toBe("draft");
    expect(consultationPhase({ ...c, status: "published" }, now)).toBe("closed");
    expect(consultationPhase({ ...c, status: "published" }, new Date("2026-05-31T23:59:59Z"))).toBe("open");
    expect(consultationPhase({ ...c, status: "published" }, new Date("2026-04-30T00:00:00Z"))).toBe("upcoming");
    expect(consultationPhase({ ...c, status: "closed" }, new Date("2026-05-02T00:00:00Z"))).toBe("closed");
  });
});
