import type { ReactElement } from "react";
import { Modal } from "zmp-ui";
import { useCommonT } from "../i18n/common/index.js";

/** Asks once more before something that cannot be taken back (handing an item away, closing it). */
export function ConfirmModal({
  open,
  title,
  text,
  confirm,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  text: string;
  confirm: string;
  onConfirm: () => void;
  onCancel: () => void;
}): ReactElement {
  const t = useCommonT();
  return (
    <Modal
      visible={open}
      title={title}
      description={text}
      onClose={onCancel}
      actions={[
        { text: t("back"), onClick: onCancel },
        { text: confirm, highLight: true, onClick: onConfirm },
      ]}
    />
  );
}
