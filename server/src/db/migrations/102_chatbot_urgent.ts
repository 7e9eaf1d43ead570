import type { Migration } from "../migrate.js";

/** The author of an urgent record raised from the OA chat by a follower not linked to a member (chatbot/urgent.ts). */
export const OA_FOLLOWER_STAND_IN = "00000000-0000-4000-8000-00000000c4a7";

const OLD_PRIVATE =
  "Nếu chị đang gặp nguy hiểm, chị gọi ngay 113 (Công an), 111 (bảo vệ trẻ em) hoặc 1900969680 (đường dây hỗ trợ phụ nữ). Chị cứ tiếp tục kể, Hội giữ kín.";
const NEW_PRIVATE =
  "Nếu chị đang gặp nguy hiểm, chị gọi ngay 113 (Công an), 111 (bảo vệ trẻ em) hoặc 1900969680 (đường dây hỗ trợ phụ nữ). Hội đã báo cán bộ Hội đang trực; những gì chị kể trong phản ánh vẫn được giữ kín. Chị cứ tiếp tục kể.";
const PRIVATE_BODY =
  "Chị ấy nhắn một câu báo nguy hiểm trong lúc gửi phản ánh qua Zalo OA. Nội dung phản ánh được giữ kín, không kèm ở đây. Chị liên hệ ngay với chị ấy.";

const esc = (s: string) => s.replace(/'/g, "''");

/**
 * A danger phrase in the OA chat files the same urgent record as the Mini App's "Cần giúp đỡ" (issue 15, third
 * round): the conversation remembers its open record (one alert per danger, not one per message). A follower not
 * linked to a member has no member to be the item's author, so one stand-in member (no Zalo ids, no unit, no role:
 * nobody can sign in as it, and no audience or figure counts it, all of which join units) is the author. The safety
 * answer inside a guided feedback now says that a cán bộ was alerted; what the cán bộ reads instead of her private
 * text is a bot sentence (`urgent_private_body`), editable like the others.
 */
export const m102: Migration = {
  version: 102,
  name: "chatbot_urgent",
  sql: /* sql */ `
ALTER TABLE chatbot_conversations ADD COLUMN urgent_submission_id uuid REFERENCES submissions(id);

INSERT INTO members (id, name) VALUES ('${OA_FOLLOWER_STAND_IN}', 'Người nhắn qua Zalo OA (chưa liên kết Hội Số)')
  ON CONFLICT (id) DO NOTHING;

UPDATE chatbot_texts SET text = '${esc(NEW_PRIVATE)}' WHERE key = 'safety_private' AND language = 'vi' AND text = '${esc(OLD_PRIVATE)}';
INSERT INTO chatbot_texts (key, language, text) VALUES ('urgent_private_body', 'vi', '${esc(PRIVATE_BODY)}')
  ON CONFLICT (key, language) DO NOTHING;
`,
};
