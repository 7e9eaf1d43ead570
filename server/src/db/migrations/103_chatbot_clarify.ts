import type { Migration } from "../migrate.js";

const CLARIFY =
  "Chị muốn hỏi về việc gì ạ? Hội có hướng dẫn các việc sau:\n{{list}}\nChị nhắn số để xem, hoặc hỏi rõ hơn, ví dụ: \"lam giay khai sinh cho con\". Nhắn \"menu\" để xem các mục, \"gap can bo\" để hỏi cán bộ Hội.";

const esc = (s: string) => s.replace(/'/g, "''");

/**
 * The OA chatbot asks back instead of guessing when her question names no topic ("lam the nao", "cho hoi", "giup em
 * voi"): until now the guide search answered such words with whichever guide happened to contain them. Vietnamese
 * only for now; a H'Mông or Dao reader gets it in Vietnamese, like the other guide lists (chatbot/texts.ts).
 */
export const m103: Migration = {
  version: 103,
  name: "chatbot_clarify",
  sql: /* sql */ `
INSERT INTO chatbot_texts (key, language, text) VALUES ('clarify', 'vi', '${esc(CLARIFY)}')
  ON CONFLICT (key, language) DO NOTHING;
`,
};
