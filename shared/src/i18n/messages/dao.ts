import type { PartialCatalogue } from "./vi.js";

/**
 * Dao: a first few sentences, drafted in the Iu Mien (Unified Script) spelling and NOT reviewed — the union's Kìm Mùn
 * translators must check or replace every one before it is relied on. Whatever is missing is written in Vietnamese
 * (vi.ts). Codes, unit names and the words of a reply stay as they are.
 */
export const REVIEW_STATUS = "needs-review" as const;

export const dao: PartialCatalogue = {
  feedback: {
    author: {
      closed: "Laengz zingh meih! {{kindName}} {{code}} duqv jiex liuz.",
    },
    event: {
      received: "Hoi duqv zipv meih nyei waac liuz.",
      followUpAsked: "Meih nyei jauv-louc duqv jiex liuz fai?",
    },
  },
};
