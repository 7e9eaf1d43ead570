export interface OaInteractionsTable {
  oa_user_id: string;
  last_interaction_at: Date | null;
  following: boolean | null;
}

export interface ZaloTables {
  oa_interactions: OaInteractionsTable;
}
