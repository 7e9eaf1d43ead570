import { describe, expect, it } from "vitest";
import { normalizeVietnamPhone } from "../../shared/src/domain/phone.js";

describe("normalizeVietnamPhone", () => {
  it("turns every Vietnamese way of writing a number into 84…", () => {
    const mobile = ["0912345678", "0912 345 678", "0912.345.678", "0912-345-678", "+84912345678", "+84 912 345 678", "84912345678",
      "(+84) 912.345.678", "0084 912 345 678", "+84 (0) 912 345 678", " 0912345678 ", "0912\u00a0345\u00a0678"];
    for (const p of mobile) expect([p, normalizeVietnamPhone(p)]).toEqual([p, "84912345678"]);
    expect(normalizeVietnamPhone("0387 654 321")).toBe("84387654321");
    // A Lào Cai landline: 0214 + 7 digits.
    expect(normalizeVietnamPhone("0214 3 840 123")).toBe("842143840123");
  });

  it("refuses what is not a Vietnamese phone number", () => {
    const bad = ["", "   ", "abc", "091234567", "09123456789", "0112345678", "+1 415 555 0100", "+849123456", "0912345678x",
      "0912/345/678", "++84912345678", "84 0112345678", "1".repeat(50), "０９１２３４５６７８"];
    for (const p of bad) expect([p, normalizeVietnamPhone(p)]).toEqual([p, null]);
  });
});
