import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { Blueprint } from '@rde-portal/plugin-rde-common';
import type { ReactNode } from 'react';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: 0,
  },
  term: {
    color: theme.palette.text.secondary,
  },
  value: {
    margin: 0,
    overflowWrap: 'anywhere',
  },
}));

/**
 * Props of {@link BlueprintSummary}.
 *
 * @public
 */
export interface BlueprintSummaryProps {
  blueprint: Blueprint;
  /**
   * What the launch changes about the repository: `url` replaces the blueprint's repository (a
   * component's source; then only this `ref` applies), `ref` alone replaces its branch or tag.
   */
  repository?: { url?: string; ref?: string };
}

function Row(props: { term: string; field: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <>
      <Typography component="dt" variant="body2" className={classes.term}>
        {props.term}
      </Typography>
      <Typography
        component="dd"
        variant="body2"
        className={classes.value}
        data-testid={`rde-summary-${props.field}`}
      >
        {props.children}
      </Typography>
    </>
  );
}

/**
 * What a workspace made from a blueprint gets, read-only: image, CPU / memory / storage, preview
 * ports, terminal tabs, cluster and the repository it clones.
 *
 * @public
 */
export function BlueprintSummary(props: BlueprintSummaryProps) {
  const { blueprint } = props;
  const classes = useStyles();
  const override = props.repository;
  const url = override?.url || blueprint.repository?.url;
  const ref = override?.url
    ? override.ref
    : override?.ref || blueprint.repository?.ref;
  return (
    <Box
      component="dl"
      className={classes.list}
      data-testid="rde-blueprint-summary"
    >
      <Row term="Image" field="image">
        {blueprint.image}
      </Row>
      <Row term="Resources" field="resources">
        {blueprint.resources.cpu} CPU · {blueprint.resources.memory} memory ·{' '}
        {blueprint.resources.storage} storage
      </Row>
      <Row term="Cluster" field="cluster">
        {blueprint.cluster}
      </Row>
      {url && (
        <Row term="Repository" field="repository">
          {url}
          {ref ? ` @ ${ref}` : ''}
        </Row>
      )}
      <Row term="Ports" field="ports">
        {blueprint.ports.length === 0
          ? 'none'
          : blueprint.ports
              .map(
                p =>
                  `${p.port}${p.name ? ` (${p.name})` : ''}${
                    p.protocol === 'https' ? ' https' : ''
                  }`,
              )
              .join(', ')}
      </Row>
      <Row term="Terminal tabs" field="tabs">
        {blueprint.terminalTabs.length === 0
          ? 'none'
          : blueprint.terminalTabs.map(t => t.name).join(', ')}
      </Row>
    </Box>
  );
}
