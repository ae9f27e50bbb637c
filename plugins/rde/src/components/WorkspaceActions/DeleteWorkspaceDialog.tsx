import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';

/**
 * Asks before a workspace and its files are deleted.
 *
 * @internal
 */
export function DeleteWorkspaceDialog(props: {
  name: string;
  open: boolean;
  onCancel(): void;
  onConfirm(): void;
}) {
  const { name, open, onCancel, onConfirm } = props;
  return (
    <Dialog open={open} onClose={onCancel} aria-labelledby="rde-delete-title">
      <DialogTitle id="rde-delete-title">Delete workspace {name}?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          The workspace and every file in it are deleted. This cannot be undone.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button
          color="secondary"
          variant="contained"
          onClick={onConfirm}
          data-testid="rde-confirm-delete"
        >
          Delete
        </Button>
      </DialogActions>
    </Dialog>
  );
}
