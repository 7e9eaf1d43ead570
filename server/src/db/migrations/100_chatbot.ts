import type { Migration } from "../migrate.js";

/** Vietnamese (and the Mông/Dao drafts the union has) of every sentence the OA chatbot says: data an admin edits. */
const TEXTS: Array<[key: string, vi: string, hmn?: string, dao?: string]> = [
  [
    "welcome",
    "Hội LHPN tỉnh Lào Cai xin chào chị! Chị nhắn số hoặc chữ để chọn:\n1 - Tin tức\n2 - Phản ánh, kiến nghị\n3 - Dịch vụ công\n4 - Cuộc thi\nGặp cán bộ - nói chuyện với cán bộ Hội\nChị cũng có thể hỏi thẳng, ví dụ: \"lam giay khai sinh cho con\".\nMở Hội Số: {{appLink}}",
    "Lub Koom Haum Poj Niam Lào Cai nyob zoo! Sau tus lej: 1 Xov xwm, 2 Tsa teeb meem, 3 Kev pab pej xeem, 4 Kev sib tw, \"gap can bo\" nrog tus neeg ua haujlwm tham. Hội Số: {{appLink}}",
  ],
  ["menu", "Chị nhắn số để chọn:\n1 - Tin tức\n2 - Phản ánh, kiến nghị\n3 - Dịch vụ công\n4 - Cuộc thi\nGặp cán bộ - nói chuyện với cán bộ Hội"],
  ["news", "Tin tức mới của Hội chị xem trong Hội Số, mục Tìm hiểu: {{appLink}}"],
  ["contests", "Các cuộc thi của Hội chị xem và tham gia trong Hội Số: {{appLink}}"],
  ["services_list", "Hướng dẫn dịch vụ công Hội đã soạn:\n{{list}}\nChị nhắn số để xem, hoặc hỏi thẳng điều chị cần."],
  ["answer", "{{title}}\n{{body}}\nXem đầy đủ: {{appLink}}"],
  ["unsure", "Hội chưa chắc đã hiểu đúng câu hỏi của chị. Có phải chị hỏi về:\n{{list}}\nChị nhắn số để xem, hoặc nhắn \"gap can bo\" để hỏi cán bộ Hội."],
  ["not_found", "Hội chưa có hướng dẫn cho câu hỏi này. Chị nhắn \"gap can bo\" để cán bộ Hội trả lời, hoặc nhắn \"menu\" để xem các mục."],
  ["fb_need_link", "Để gửi phản ánh qua tin nhắn, chị cần mở Hội Số một lần và liên kết Zalo (mục Cá nhân): {{appLink}}"],
  ["fb_category", "Chị muốn phản ánh về việc gì? Nhắn số:\n{{list}}\nNhắn \"huy\" để dừng."],
  ["fb_text", "Chị kể rõ sự việc (ở đâu, khi nào, thế nào). Chị có thể gửi kèm ảnh hoặc tin nhắn thoại."],
  ["fb_attached", "Hội đã nhận tệp chị gửi. Chị nhắn thêm nội dung, hoặc nhắn \"xong\" nếu đã kể đủ."],
  ["fb_anonymous", "Chị có muốn giấu tên không?\n1 - Giấu tên (cán bộ không biết ai gửi)\n2 - Để tên"],
  ["fb_confirm", "Chị kiểm tra lại:\nLoại: {{category}}\nNội dung: {{text}}\nTệp kèm: {{media}}\n{{anonymous}}\nNhắn 1 để gửi, 2 để hủy."],
  ["fb_anon_yes", "Giấu tên"],
  ["fb_anon_no", "Để tên"],
  ["fb_sent", "Hội đã nhận phản ánh của chị. Mã theo dõi: {{code}}. Khi có tin mới Hội sẽ nhắn chị tại đây; chị nhắn \"ma {{code}}\" để xem tình trạng."],
  ["fb_sent_private", "Hội đã nhận nội dung chị gửi. Việc này Hội giữ kín: tin mới chị xem trong Hội Số, mục Của tôi, Hội không nhắn qua Zalo. {{appLink}}"],
  ["fb_failed", "Chưa gửi được phản ánh: {{reason}} Chị thử lại, hoặc gửi trong Hội Số: {{appLink}}"],
  ["fb_cancelled", "Chị đã hủy phản ánh. Nhắn \"menu\" để xem các mục."],
  ["fb_choose", "Chị nhắn một số trong danh sách nhé."],
  ["status", "Phản ánh {{code}}: {{status}} (cập nhật {{at}})."],
  ["status_unknown", "Hội không tìm thấy phản ánh {{code}} của chị. Chị kiểm tra lại mã nhé."],
  ["handover", "Hội đã chuyển tin nhắn của chị đến cán bộ Hội{{unit}}. Cán bộ sẽ trả lời chị sớm nhất có thể."],
  ["handover_closed", "Cán bộ Hội đã kết thúc cuộc trò chuyện. Chị nhắn \"menu\" khi cần hỏi thêm."],
  ["too_long", "Tin nhắn của chị dài quá, Hội chưa đọc được. Chị nhắn ngắn hơn (dưới 1.000 chữ) nhé."],
  ["empty", "Hội chưa nhận được nội dung. Chị nhắn lại nhé."],
  ["unsupported", "Hội chưa đọc được loại tin nhắn này (nhãn dán, vị trí, tệp). Chị nhắn chữ, hoặc nhắn \"menu\" để xem các mục."],
  ["rate_limited", "Chị nhắn nhanh quá, Hội xin trả lời dần. Chị đợi một chút rồi nhắn tiếp nhé."],
  ["status_received", "Hội đã nhận"],
  ["status_forwarded", "Đã chuyển đến nơi xử lý"],
  ["status_acknowledged", "Cán bộ đã tiếp nhận"],
  ["status_replied", "Cán bộ đã trả lời, chị xem trong Hội Số"],
  ["status_resolved", "Đã giải quyết"],
  ["status_closed", "Đã đóng"],
  ["linked", "Hội đã liên kết Zalo của chị với Hội Số. Nhắn \"menu\" để xem các mục."],
  ["expired", "Cuộc trò chuyện trước đã hết hạn. Nhắn \"menu\" để bắt đầu lại."],
];

const esc = (s: string) => s.replace(/'/g, "''");
const rows = TEXTS.flatMap(([key, vi, hmn, dao]) => [
  `('${key}','vi','${esc(vi)}')`,
  ...(hmn ? [`('${key}','hmn','${esc(hmn)}')`] : []),
  ...(dao ? [`('${key}','dao','${esc(dao)}')`] : []),
]);

/**
 * The OA chatbot (issue 15): its editable texts, one conversation per OA follower (state with an expiry, and the
 * handover to a cán bộ), and every message in and out (the history the cán bộ reads, and the bot's own outbox:
 * outbound rows are sent by the chatbot.send queue, with a reconciler for any that could not be queued).
 */
export const m100: Migration = {
  version: 100,
  name: "chatbot",
  sql: /* sql */ `
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE chatbot_texts (
  key text NOT NULL,
  language text NOT NULL CHECK (language IN ('vi','hmn','dao')),
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 1900),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES members(id),
  PRIMARY KEY (key, language)
);
INSERT INTO chatbot_texts (key, language, text) VALUES ${rows.join(",\n")};

CREATE TABLE chatbot_conversations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  oa_user_id text NOT NULL UNIQUE,
  -- the bot's step (idle, fb_category, fb_text, fb_anonymous, fb_confirm) and what it gathered so far
  state text NOT NULL DEFAULT 'idle',
  data jsonb NOT NULL DEFAULT '{}',
  expires_at timestamptz,
  failed_answers int NOT NULL DEFAULT 0,
  -- bot: the bot answers; human: a cán bộ of unit_id has it and the bot is silent until she closes it
  mode text NOT NULL DEFAULT 'bot' CHECK (mode IN ('bot','human')),
  unit_id uuid REFERENCES units(id),
  member_id uuid REFERENCES members(id),
  handed_over_at timestamptz,
  staff_answered_at timestamptz,
  escalated_at timestamptz,
  last_message_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX chatbot_conversations_human_idx ON chatbot_conversations (unit_id, last_message_at DESC) WHERE mode = 'human';

CREATE TABLE chatbot_messages (
  id bigserial PRIMARY KEY,
  conversation_id uuid NOT NULL REFERENCES chatbot_conversations(id) ON DELETE CASCADE,
  direction text NOT NULL CHECK (direction IN ('in','out')),
  author text NOT NULL CHECK (author IN ('user','bot','staff')),
  staff_id uuid REFERENCES members(id),
  -- the oa_events key of the message she sent, or of the message a bot reply answers (with seq): one reply per msg_id
  event_key text,
  seq int NOT NULL DEFAULT 0,
  text text NOT NULL,
  -- part of a guided feedback: never shown to the cán bộ (the item may be anonymous)
  private boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'sent' CHECK (status IN ('pending','sent','failed','skipped')),
  last_error text,
  queued_at timestamptz,
  sent_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (event_key, direction, seq)
);
CREATE INDEX chatbot_messages_conv_idx ON chatbot_messages (conversation_id, id);
CREATE INDEX chatbot_messages_unqueued_idx ON chatbot_messages (created_at) WHERE status = 'pending' AND queued_at IS NULL;

CREATE TABLE chatbot_settings (key text PRIMARY KEY, value jsonb NOT NULL, updated_at timestamptz NOT NULL DEFAULT now());
INSERT INTO chatbot_settings (key, value) VALUES
  ('conversation_ttl_minutes', '30'), ('handover_escalate_minutes', '120'), ('per_follower_per_minute', '12'), ('max_text_chars', '1000');
`,
};
