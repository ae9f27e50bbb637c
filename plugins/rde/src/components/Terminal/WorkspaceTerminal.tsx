import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import RefreshIcon from '@material-ui/icons/Refresh';
import Alert from '@material-ui/lab/Alert';
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import { rdeApiRef } from '../../api/RdeApi';
import {
  TerminalConnection,
  type TerminalConnectionStatus,
} from './TerminalConnection';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    height: '100%',
    minHeight: 0,
  },
  terminal: {
    flex: 1,
    minHeight: 320,
    padding: 4,
    backgroundColor: '#1e1e1e',
    overflow: 'hidden',
    '& .xterm': { height: '100%' },
  },
});

/**
 * Props of {@link WorkspaceTerminal}.
 *
 * @public
 */
export interface WorkspaceTerminalProps {
  /** The workspace whose shell to open. */
  workspaceId: string;
}

/** What an exit looks like inside the terminal. */
export function exitLine(status: {
  code: number | null;
  signal?: string;
}): string {
  if (status.code === null && status.signal) {
    return `[process exited with signal ${status.signal}]`;
  }
  return `[process exited with code ${status.code ?? 'unknown'}]`;
}

function StatusLine(props: {
  status: TerminalConnectionStatus;
  onReconnect(): void;
}) {
  const { status, onReconnect } = props;
  const reconnect = (
    <Button
      size="small"
      color="inherit"
      startIcon={<RefreshIcon />}
      onClick={onReconnect}
      data-testid="rde-terminal-reconnect"
    >
      Reconnect
    </Button>
  );
  switch (status.state) {
    case 'idle':
    case 'connecting':
      return (
        <Box display="flex" alignItems="center" py={1} style={{ gap: 8 }}>
          <CircularProgress size={16} />
          <Typography variant="body2">Connecting to the workspace…</Typography>
        </Box>
      );
    case 'open':
      return (
        <Typography
          variant="body2"
          color="textSecondary"
          style={{ padding: '8px 0' }}
        >
          Connected
        </Typography>
      );
    case 'exited':
      return (
        <Alert severity="info" action={reconnect}>
          The shell ended: {exitLine(status)}
        </Alert>
      );
    case 'closed':
      return (
        <Alert severity="warning" action={reconnect}>
          {status.message}
        </Alert>
      );
    case 'error':
    default:
      return (
        <Alert
          severity="error"
          action={reconnect}
          data-testid="rde-terminal-error"
        >
          {status.message}
        </Alert>
      );
  }
}

/**
 * A browser terminal on a workspace's shell: xterm.js fitted to its container, speaking the
 * terminal WebSocket protocol through {@link TerminalConnection}. Each (re)connection redeems a
 * fresh one-time ticket.
 *
 * @public
 */
export function WorkspaceTerminal(props: WorkspaceTerminalProps) {
  const { workspaceId } = props;
  const rdeApi = useApi(rdeApiRef);
  const classes = useStyles();
  const containerRef = useRef<HTMLDivElement>(null);
  const terminalRef = useRef<Terminal | undefined>(undefined);
  const connectionRef = useRef<TerminalConnection | undefined>(undefined);
  const [status, setStatus] = useState<TerminalConnectionStatus>({
    state: 'idle',
  });

  useEffect(() => {
    const container = containerRef.current;
    if (!container) {
      return undefined;
    }
    const term = new Terminal({
      cursorBlink: true,
      fontFamily: 'Menlo, Monaco, "DejaVu Sans Mono", "Courier New", monospace',
      fontSize: 14,
      scrollback: 5000,
      theme: { background: '#1e1e1e' },
    });
    const fitAddon = new FitAddon();
    term.loadAddon(fitAddon);
    term.open(container);
    term.textarea?.setAttribute('data-testid', 'rde-terminal-input');
    term.textarea?.setAttribute('aria-label', 'Terminal input');
    terminalRef.current = term;

    const fit = () => {
      try {
        fitAddon.fit();
      } catch {
        // not laid out yet
      }
    };
    fit();

    const connection = new TerminalConnection({
      resolveUrl: async size =>
        rdeApi.getTerminalSocketUrl(
          await rdeApi.createTerminalTicket(workspaceId, size),
        ),
      write: (data, done) => term.write(data, done),
      onStatus: next => {
        setStatus(next);
        if (next.state === 'open') {
          term.focus();
        } else if (next.state === 'exited') {
          term.write(`\r\n${exitLine(next)}\r\n`);
        }
      },
    });
    connectionRef.current = connection;

    const subscriptions = [
      term.onData(data => connection.sendInput(data)),
      term.onBinary(data => connection.sendBinaryString(data)),
      term.onResize(size => connection.resize(size)),
    ];

    let observer: ResizeObserver | undefined;
    if (typeof ResizeObserver !== 'undefined') {
      observer = new ResizeObserver(() => fit());
      observer.observe(container);
    } else {
      window.addEventListener('resize', fit);
    }

    connection.connect({ cols: term.cols, rows: term.rows });

    return () => {
      observer?.disconnect();
      window.removeEventListener('resize', fit);
      subscriptions.forEach(s => s.dispose());
      connection.dispose();
      term.dispose();
      terminalRef.current = undefined;
      connectionRef.current = undefined;
    };
  }, [rdeApi, workspaceId]);

  const reconnect = useCallback(() => {
    const term = terminalRef.current;
    const connection = connectionRef.current;
    if (!term || !connection) {
      return;
    }
    term.reset();
    connection.connect({ cols: term.cols, rows: term.rows });
  }, []);

  return (
    <div className={classes.root}>
      <StatusLine status={status} onReconnect={reconnect} />
      {/* eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-static-element-interactions */}
      <div
        ref={containerRef}
        className={classes.terminal}
        data-testid="rde-terminal"
        data-status={status.state}
        onClick={() => terminalRef.current?.focus()}
      />
    </div>
  );
}
