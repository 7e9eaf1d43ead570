import { describe, expect, it } from "vitest";
import { CHAT_SHORT_FORMS, chatWords, foldedWords } from "@hoiso/shared";

describe("chatWords: her question as the bot's guide search reads it", () => {
  it("spells out the short forms women type in a chat, after folding diacritics and case", () => {
    expect(chatWords("Lm j để đc cấp thẻ BHYT vs ạ, ko biết")).toEqual(["lam", "gi", "de", "duoc", "cap", "the", "bao", "hiem", "y", "te", "voi", "a", "khong", "biet"]);
    expect(chatWords("k dc")).toEqual(["khong", "duoc"]);
    expect(chatWords("dki khai sinh ntn")).toEqual(["dang", "ky", "khai", "sinh", "nhu", "the", "nao"]);
  });

  it("leaves whole words, numbers and ambiguous forms as they are", () => {
    for (const text of ["khong duoc voi gi", "muc 2", "dk c mk", "khai sihn"]) expect(chatWords(text)).toEqual(foldedWords(text));
  });

  it("every short form stands for folded words and is itself one folded word", () => {
    for (const [short, long] of Object.entries(CHAT_SHORT_FORMS)) {
      expect(foldedWords(short)).toEqual([short]);
      expect(foldedWords(long).join(" ")).toBe(long);
      expect(long).not.toBe(short);
    }
  });
});
