import type { ReactElement } from "react";
import { Modal } from "zmp-ui";

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
  return (
    <Modal
      visible={open}
      title={title}
      description={text}
      onClose={onCancel}
      actions={[
        { text: "Quay lại", onClick: onCancel },
        { text: confirm, highLight: true, onClick: onConfirm },
      ]}
    />
  );
}
