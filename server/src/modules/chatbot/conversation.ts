/** Her conversation with the bot as a turn sees it (engine.ts opens and locks it in one statement). */
export interface Conversation {
  id: string;
  oa_user_id: string;
  state: string;
  data: Record<string, unknown>;
  expires_at: Date | null;
  failed_answers: number;
  mode: "bot" | "human";
  unit_id: string | null;
  member_id: string | null;
}
