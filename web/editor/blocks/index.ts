import type { AnyExtension } from '@tiptap/core';
import { ReactNodeViewRenderer, type ReactNodeViewProps } from '@tiptap/react';
import type { ComponentType } from 'react';
import { blocks, type BlockName } from '../../../shared/blocks/index.js';
import { IncidentView } from './IncidentView.js';
import { KeyProjectView } from './KeyProjectView.js';
import { KpiRowView } from './KpiRowView.js';
import { KpiTableView } from './KpiTableView.js';
import { ObjectiveView } from './ObjectiveView.js';
import { OkrItemView } from './OkrItemView.js';
import { RiskView } from './RiskView.js';

/** The React view of every block of the registry (a block without one is a type error here). */
const views: Record<BlockName, ComponentType<ReactNodeViewProps>> = {
  keyProject: KeyProjectView,
  objective: ObjectiveView,
  okrItem: OkrItemView,
  kpiTable: KpiTableView,
  kpiRow: KpiRowView,
  incident: IncidentView,
  risk: RiskView,
};

/** The shared headless nodes with their React views: same names, attributes and schema, so server and client agree. */
export const viewedNodes: Record<string, AnyExtension> = Object.fromEntries(
  blocks.map((b) => [b.name, b.node.extend({ addNodeView: () => ReactNodeViewRenderer(views[b.name]) })]),
);

export { ReportContext, reportContextValue, useReportContext, type ReportContextValue, type SpaceMember } from './context.js';
