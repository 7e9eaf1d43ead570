import crypto from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateRouting, generateTrackingCode, nextEscalation, normalizeTrackingCode, type RoutingRule, type RoutingUnit } from "@hoiso/shared";

const chain: RoutingUnit[] = [
  { id: "tinh", level: "tinh" },
  { id: "xa", level: "xa" },
  { id: "chi", level: "chi_hoi" },
  { id: "to", level: "to" },
];
const cat = { code: "viec_lam", handlingLevel: "xa" as const, slaHours: 120, private: false };
const rule = (r: Partial<RoutingRule>): RoutingRule => ({
  id: "r",
  categoryCode: "viec_lam",
  originUnitId: null,
  targetLevel: "tinh",
  slaHours: null,
  escalationLevels: [],
  active: true,
  ...r,
});

describe("routing rules (pure)", () => {
  it("walks up to the target level, or keeps an origin already above it", () => {
    expect(evaluateRouting(cat, [], chain, false).unitId).toBe("xa");
    expect(evaluateRouting(cat, [], chain.slice(0, 2), false).unitId).toBe("xa");
    expect(evaluateRouting(cat, [], chain.slice(0, 1), false).unitId).toBe("tinh");
    expect(evaluateRouting({ ...cat, handlingLevel: "chi_hoi" }, [], chain, false).unitId).toBe("chi");
    expect(evaluateRouting({ ...cat, handlingLevel: "chi_hoi" }, [], chain.slice(0, 2), false).unitId).toBe("xa");
  });

  it("a sensitive or private item is never handled below the xã", () => {
    expect(evaluateRouting({ ...cat, handlingLevel: "chi_hoi" }, [], chain, true).unitId).toBe("xa");
    expect(evaluateRouting({ ...cat, handlingLevel: "to", private: true }, [], chain, false).unitId).toBe("xa");
  });

  it("the most specific active rule wins; others' categories and inactive rules are ignored", () => {
    const rules = [
      rule({ id: "all", targetLevel: "tinh", slaHours: 10 }),
      rule({ id: "sub", originUnitId: "xa", targetLevel: "chi_hoi", slaHours: 5, escalationLevels: ["tinh"] }),
      rule({ id: "off", originUnitId: "chi", targetLevel: "tinh", active: false }),
      rule({ id: "other", categoryCode: "y_te", originUnitId: "to", targetLevel: "tinh" }),
    ];
    expect(evaluateRouting(cat, rules, chain, false)).toEqual({ unitId: "chi", slaHours: 5, escalationLevels: ["tinh"], ruleId: "sub" });
    expect(evaluateRouting(cat, rules, [chain[0] as RoutingUnit, { id: "xa2", level: "xa" }], false)).toMatchObject({ unitId: "tinh", ruleId: "all", slaHours: 10 });
  });

  it("escalates to the parent, or along the listed levels, and stops at the province", () => {
    expect(nextEscalation(chain.slice(0, 3), [])?.id).toBe("xa");
    expect(nextEscalation(chain.slice(0, 3), ["tinh"])?.id).toBe("tinh");
    expect(nextEscalation(chain, ["xa", "tinh"])?.id).toBe("xa");
    expect(nextEscalation(chain.slice(0, 1), [])).toBeNull();
  });
});

describe("tracking codes", () => {
  const rnd = (n: number) => [...crypto.randomBytes(n)];
  it("are readable, typed loosely, and a single mistyped character is caught", () => {
    fc.assert(
      fc.property(fc.constantFrom("feedback", "report", "petition" as const), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 29 }), (kind, pos, shift) => {
        const code = generateTrackingCode(kind, rnd);
        expect(code).toMatch(/^(PA|BC|KN)-[2-9A-HJKMNP-TV-Z]{7}$/);
        expect(normalizeTrackingCode(code.toLowerCase().replace("-", " "))).toBe(code);
        const alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
        const i = 3 + pos;
        const c = code[i] as string;
        const wrong = code.slice(0, i) + alphabet[(alphabet.indexOf(c) + shift) % alphabet.length] + code.slice(i + 1);
        expect(normalizeTrackingCode(wrong)).toBeNull();
      }),
      { numRuns: 2000 },
    );
    expect(normalizeTrackingCode("hello")).toBeNull();
  });
});
