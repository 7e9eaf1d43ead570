import { describe, expect, it } from "vitest";
import { MESSAGE_CATALOGUES, MESSAGE_REVIEW_STATUS, vi } from "@hoiso/shared";
import { format } from "../../../server/src/i18n/index.js";

type Tree = { [k: string]: string | Tree };
const leaves = (t: Tree, prefix = ""): Array<[string, string]> =>
  Object.entries(t).flatMap(([k, v]) => (typeof v === "string" ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v, `${prefix}${k}.`)));
/** The parameters a sentence uses ({{kindName}} and {{kindNameLower}} both come from `kind`). */
const placeholders = (s: string) => [...new Set([...s.matchAll(/\{\{\s*([a-zA-Z]+)/g)].map((m) => (m[1] === "kindNameLower" ? "kindName" : m[1])))].sort();

describe("the server's message catalogues", () => {
  const viLeaves = new Map(leaves(vi));

  it("a translation uses exactly the parameters of its Vietnamese sentence, for keys Vietnamese has", () => {
    for (const lang of ["hmn", "dao"] as const) {
      const own = leaves(MESSAGE_CATALOGUES[lang]);
      expect(own.length, lang).toBeGreaterThan(0);
      for (const [key, text] of own) {
        const source = viLeaves.get(key);
        expect(source, `${lang} ${key}`).toBeDefined();
        expect(placeholders(text), `${lang} ${key}`).toEqual(placeholders(source ?? ""));
      }
    }
  });

  it("H'Mông and Dao are marked as waiting for the union's translators", () => {
    expect(MESSAGE_REVIEW_STATUS).toEqual({ vi: "reviewed", hmn: "needs-review", dao: "needs-review" });
  });

  it("writes a deadline in Lào Cai time, whatever the server's zone, with the kind's one name", () => {
    const text = format("vi", "feedback.staff.newAssignment", {
      kind: "report",
      code: "BC-2345678",
      category: "Việc làm – lao động",
      unit: "Xã Bảo Thắng",
      dueAt: "2026-11-29T17:05:00.000Z",
    });
    expect(text).toBe("Có tin báo BC-2345678 mới (lĩnh vực: Việc làm – lao động) cần Xã Bảo Thắng xử lý trước 00:05 ngày 30/11/2026.");
  });

  it("falls back to Vietnamese for a type a language lacks, and keeps what a member wrote as it is", () => {
    const params = { kind: "feedback", code: "PA-2345678", unit: "Xã Bảo Thắng", text: "Đã có lớp {{code}} $t(kind.report)" };
    expect(format("dao", "feedback.author.resolved", params)).toBe(format("vi", "feedback.author.resolved", params));
    expect(format("vi", "feedback.author.resolved", params)).toBe("Xã Bảo Thắng thông báo phản ánh PA-2345678 đã được giải quyết: Đã có lớp {{code}} $t(kind.report)");
  });
});
