import { describe, expect, it } from "vitest";
import { intentOf, type IntentKeywords } from "../../../server/src/modules/chatbot/intents.js";

/** The keywords migration 101 seeds, as the engine reads them. */
const SEEDED: IntentKeywords = {
  danger: [],
  human: ["gap can bo", "goi can bo", "noi chuyen voi can bo", "hoi can bo", "gap cb", "gap nguoi that"],
  news: ["1", "tin tuc", "tin"],
  feedback: ["2", "phan anh", "kien nghi"],
  services: ["3", "dich vu cong", "thu tuc"],
  contests: ["4", "cuoc thi", "thi"],
  menu: ["menu", "chao", "xin chao", "hi", "alo"],
};

describe("what her message asks for (typed as women type, without diacritics)", () => {
  it.each([
    ["xin chao", "menu"],
    ["Xin chào chị ạ", "menu"],
    ["alo", "menu"],
    ["gap can bo", "human"],
    ["Gặp cán bộ giúp em với", "human"],
    ["tin tuc", "news"],
    ["4", "contests"],
    ["toi bi chong danh", "danger"],
    ["Tôi bị chồng đánh", "danger"],
    ["chi oi cuu em voi", "danger"],
    ["xin chao, toi bi chong danh suot", "danger"],
    ["lam the nao de vay von", null],
    ["xin chao lam the nao de vay von ngan hang chinh sach", null],
    ["thi tot nghiep o dau", null],
  ])("%s → %s", (text, intent) => {
    expect(intentOf(text, SEEDED)).toBe(intent);
  });

  it("a danger phrase an admin added counts too; an empty or huge message does not fail", () => {
    expect(intentOf("no doi dot nha em", { ...SEEDED, danger: ["doi dot nha"] })).toBe("danger");
    expect(intentOf("", SEEDED)).toBeNull();
    expect(intentOf("a".repeat(1_000_000), SEEDED)).toBeNull();
  });
});
