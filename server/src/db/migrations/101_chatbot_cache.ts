import type { Migration } from "../migrate.js";

const esc = (s: string) => s.replace(/'/g, "''");

/**
 * What the bot recognises, per intent: folded keywords an admin edits (Quản trị → Trợ lý OA). `danger` adds to the
 * phrases built into the engine (intents.ts), which an admin can never remove.
 */
const INTENTS: Array<[intent: string, keywords: string[]]> = [
  ["human", ["gap can bo", "goi can bo", "noi chuyen voi can bo", "hoi can bo", "gap cb", "gap nguoi that", "noi chuyen voi nguoi that"]],
  ["news", ["1", "tin tuc", "tin"]],
  ["feedback", ["2", "phan anh", "phan anh kien nghi", "kien nghi", "gui phan anh"]],
  ["services", ["3", "dich vu cong", "dich vu", "dvc", "thu tuc"]],
  ["contests", ["4", "cuoc thi", "thi"]],
  ["menu", ["menu", "bat dau", "chao", "xin chao", "chao hoi", "hi", "hello", "alo", "0", "quay lai"]],
  ["danger", []],
];

/**
 * Drafts in H'Mông and Dao of the sentences a woman meets first (and the safety answer), marked for the union's
 * translators as the Mini App's hmn/dao catalogues are ("needs-review"): read until a reviewer clears the flag.
 */
const DRAFTS: Array<[key: string, language: "hmn" | "dao", text: string]> = [
  ["menu", "hmn", "Sau tus lej:\n1 - Xov xwm\n2 - Tsa teeb meem\n3 - Kev pab pej xeem\n4 - Kev sib tw\nGap can bo - nrog tus neeg ua haujlwm tham"],
  ["menu", "dao", "Mborqv sou mbuox:\n1 - Sinx fienx\n2 - Gorngv mbuox\n3 - Gong-zoh\n4 - Bieqc zaangc\nGap can bo - caux gorn zoih gorngv"],
  ["welcome", "dao", "Lào Cai Ton-baaix Hoic zaangc mbuox meih! Mborqv sou: 1 Sinx fienx, 2 Gorngv mbuox, 3 Gong-zoh, 4 Bieqc zaangc, \"gap can bo\" caux gorn zoih gorngv. Hội Số: {{appLink}}"],
  ["safety", "hmn", "Yog koj muaj kev phom sij, hu tam sim no: 113 (tub ceev xwm), 111 (pab menyuam), 1900969680 (pab poj niam). Peb tau xa koj cov lus mus rau tus neeg ua haujlwm ntawm Koom Haum. Hội Số: {{appLink}}"],
  ["safety", "dao", "Se meih maaih nyei hoic, bang zaangc 113 (gong-anx), 111 (tong fu), 1900969680 (m'sieqv). Yie mbuox gorn zoih Hoic. Hội Số: {{appLink}}"],
  ["not_found", "hmn", "Peb tseem tsis muaj lus qhia rau lo lus nug no. Sau \"gap can bo\" kom tus neeg ua haujlwm teb, lossis \"menu\"."],
  ["handover", "hmn", "Peb tau xa koj cov lus mus rau tus neeg ua haujlwm{{unit}}. Nws yuav teb koj sai li sai tau."],
];

/**
 * The OA chatbot, second round (issue 15). Its texts, settings and keywords are read on every event, so each process
 * keeps them in memory (modules/chatbot/cache.ts) and every write announces itself on `hoiso_chatbot` — whoever
 * writes, the admin screen or plain SQL. Payloads: `t` texts, `s` settings, `i` intents. The per-follower flood limit
 * becomes two columns of her conversation (one upsert per event instead of a count over her messages), and a
 * conversation that met a danger phrase carries `urgent_at` so the cán bộ sees it first.
 */
export const m101: Migration = {
  version: 101,
  name: "chatbot_cache",
  sql: /* sql */ `
ALTER TABLE chatbot_texts ADD COLUMN needs_review boolean NOT NULL DEFAULT false;
UPDATE chatbot_texts SET needs_review = true WHERE language <> 'vi';

INSERT INTO chatbot_texts (key, language, text) VALUES
  ('safety', 'vi', 'Nếu chị đang gặp nguy hiểm, chị gọi ngay 113 (Công an), 111 (bảo vệ trẻ em) hoặc 1900969680 (đường dây hỗ trợ phụ nữ). Hội đã báo cho cán bộ Hội, cán bộ sẽ nhắn chị sớm nhất. Địa chỉ tin cậy gần chị xem trong Hội Số, mục An toàn: {{appLink}}'),
  ('safety_private', 'vi', 'Nếu chị đang gặp nguy hiểm, chị gọi ngay 113 (Công an), 111 (bảo vệ trẻ em) hoặc 1900969680 (đường dây hỗ trợ phụ nữ). Chị cứ tiếp tục kể, Hội giữ kín.');
INSERT INTO chatbot_texts (key, language, text, needs_review) VALUES
${DRAFTS.map(([k, l, t]) => `  ('${k}', '${l}', '${esc(t)}', true)`).join(",\n")}
ON CONFLICT (key, language) DO NOTHING;

CREATE TABLE chatbot_intents (
  intent text PRIMARY KEY CHECK (intent IN ('human','news','feedback','services','contests','menu','danger')),
  keywords text[] NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES members(id)
);
INSERT INTO chatbot_intents (intent, keywords) VALUES
${INTENTS.map(([i, k]) => `  ('${i}', ARRAY[${k.map((x) => `'${esc(x)}'`).join(",")}]::text[])`).join(",\n")};

ALTER TABLE chatbot_conversations
  ADD COLUMN rate_window_at timestamptz,
  ADD COLUMN rate_count int NOT NULL DEFAULT 0,
  ADD COLUMN urgent_at timestamptz;

CREATE FUNCTION hoiso_chatbot_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('hoiso_chatbot', TG_ARGV[0]);
  RETURN NULL;
END $$;
CREATE TRIGGER chatbot_texts_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON chatbot_texts
  FOR EACH STATEMENT EXECUTE FUNCTION hoiso_chatbot_changed('t');
CREATE TRIGGER chatbot_settings_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON chatbot_settings
  FOR EACH STATEMENT EXECUTE FUNCTION hoiso_chatbot_changed('s');
CREATE TRIGGER chatbot_intents_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON chatbot_intents
  FOR EACH STATEMENT EXECUTE FUNCTION hoiso_chatbot_changed('i');
`,
};
