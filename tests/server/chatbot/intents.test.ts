import { describe, expect, it } from "vitest";
import { intentOf, type IntentKeywords } from "../../../server/src/modules/chatbot/intents.js";
import { isVague } from "../../../server/src/modules/chatbot/match.js";

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

describe("a question too vague to pick a guide (she is asked what about, not answered with a guess)", () => {
  it.each(["lam the nao", "Làm thế nào ạ", "cho hoi", "cho em hỏi với", "giup em voi", "chị ơi giúp em với", "thu tuc gi", "thủ tục gì ạ", "dang ky", "lm ntn"])(
    "%s is vague",
    (text) => {
      expect(intentOf(text, SEEDED)).toBeNull();
      expect(isVague(text)).toBe(true);
    },
  );

  it.each([
    "dang ky tai khoan",
    "dki tk",
    "lam the nao de dang ky khai sinh cho con",
    "Làm giấy khai sinh cho con ở đâu",
    "gia han the bhyt",
    "can giay to gi",
    "vay von",
    "hom nay troi mua to qua",
  ])("%s names something: the guides are searched", (text) => {
    expect(isVague(text)).toBe(false);
  });

  it("a message with no words is not vague (nothing to ask back about)", () => {
    expect(isVague("?!")).toBe(false);
    expect(isVague("")).toBe(false);
  });
});
