import { Component, type ReactNode } from "react";
import { t } from "../i18n/index.js";
import { ErrorState } from "./States.js";

/**
 * Pages are loaded when first opened (app.tsx); on a weak connection that download can fail. Instead of a blank
 * screen she is told so and can try again: a reload, because React.lazy keeps a failed import failed.
 */
export class ChunkBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="hs-page">
        <ErrorState message={t("common:chunkFailed")} onRetry={() => window.location.reload()} />
      </div>
    );
  }
}
