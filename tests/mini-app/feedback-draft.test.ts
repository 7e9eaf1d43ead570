import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Category } from "@hoiso/shared";
import { clearDraft, loadDraft, saveDraft } from "../../mini-app/src/pages/feedback/draft.js";

/** Her draft on the phone (issue 13): kept for ordinary items, never anything sensitive. */
describe("the feedback form's draft", () => {
  let store: Map<string, string>;
  beforeEach(() => {
    store = new Map();
    const localStorage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    };
    vi.stubGlobal("window", { localStorage });
  });
  afterEach(() => vi.unstubAllGlobals());

  const cat = (priv: boolean): Category => ({ code: priv ? "bao_luc" : "viec_lam", name: "x", description: "", handlingLevel: "xa", slaHours: 24, private: priv, active: true, sort: 0 });
  const all = () => [...store.values()].join("");

  it("keeps an ordinary draft and gives it back", () => {
    saveDraft({ kind: "feedback", category: cat(false), body: "Đường vào thôn bị sạt", unit: { id: "u1", name: "Chi hội" } }, false);
    expect(loadDraft()?.body).toBe("Đường vào thôn bị sạt");
    clearDraft();
    expect(loadDraft()).toBeNull();
  });

  it("stores nothing sensitive, and drops a saved draft once the form becomes sensitive", () => {
    saveDraft({ kind: "report", category: cat(true), body: "Chồng đánh tôi", unit: null }, false);
    expect(all()).not.toMatch(/đánh/);
    saveDraft({ kind: "feedback", category: cat(false), body: "Việc riêng", unit: null }, false);
    expect(all()).toMatch(/Việc riêng/);
    saveDraft({ kind: "feedback", category: cat(false), body: "Việc riêng", unit: null }, true);
    expect(store.size).toBe(0);
  });
});
