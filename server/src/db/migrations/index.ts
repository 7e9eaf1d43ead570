import type { Migration } from "../migrate.js";
import { m001 } from "./001_core.js";
import { m003 } from "./003_zalo.js";
import { m010 } from "./010_feedback.js";
import { m020 } from "./020_media.js";
import { m021 } from "./021_oa_events.js";
import { m030 } from "./030_intake_keys.js";
import { m040 } from "./040_notify_sources.js";
import { m050 } from "./050_content.js";
import { m051 } from "./051_content_changes.js";
import { m052 } from "./052_member_tags.js";
import { m053 } from "./053_ops.js";
import { m060 } from "./060_contests.js";
import { m070 } from "./070_safety.js";
import { m080 } from "./080_broadcasts.js";
import { m081 } from "./081_oa_budget.js";
import { m090 } from "./090_feedback_round2.js";
import { m091 } from "./091_public_record.js";
import { m100 } from "./100_chatbot.js";
import { m101 } from "./101_chatbot_cache.js";
import { m110 } from "./110_consultations.js";
import { m111 } from "./111_polls.js";
import { m120 } from "./120_dashboard.js";
import { m121 } from "./121_dashboard_summaries.js";

/** Append new migrations here; never edit one that has shipped. */
export const migrations: Migration[] = [m001, m003, m010, m020, m021, m030, m040, m050, m051, m052, m053, m060, m070, m080, m081, m090, m091, m100, m101, m110, m111, m120, m121];
