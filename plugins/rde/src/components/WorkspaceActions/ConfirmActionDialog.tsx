import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';

/**
 * Asks before an action that loses work (delete: every file; upgrade: what lives outside the
 * workspace's storage).
 *
 * @internal
 */
export function ConfirmActionDialog(props: {
  open: boolean;
  title: string;
  text: string;
  confirmLabel: string;
  /** Test id of the confirm button, e.g. `rde-confirm-delete`. */
  confirmTestId: string;
  onCancel(): void;
  onConfirm(): void;
}) {
  const {
    open,
    title,
    text,
    confirmLabel,
    confirmTestId,
    onCancel,
    onConfirm,
  } = props;
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      aria-labelledby={`${confirmTestId}-title`}
    >
      <DialogTitle id={`${confirmTestId}-title`}>{title}</DialogTitle>
      <DialogContent>
        <DialogContentText>{text}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button
          color="secondary"
          variant="contained"
          onClick={onConfirm}
          data-testid={confirmTestId}
        >
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
