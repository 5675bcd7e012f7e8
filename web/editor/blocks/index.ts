import { ReactNodeViewRenderer } from '@tiptap/react';
import { incident, keyProject, kpiRow, kpiTable, objective, okrItem } from '../../../shared/blocks/index.js';
import { IncidentView } from './IncidentView.js';
import { KeyProjectView } from './KeyProjectView.js';
import { KpiRowView } from './KpiRowView.js';
import { KpiTableView } from './KpiTableView.js';
import { ObjectiveView } from './ObjectiveView.js';
import { OkrItemView } from './OkrItemView.js';

/** The shared headless nodes with their React views: same names, attributes and schema, so server and client agree. */
export const viewedNodes = {
  keyProject: keyProject.node.extend({ addNodeView: () => ReactNodeViewRenderer(KeyProjectView) }),
  objective: objective.node.extend({ addNodeView: () => ReactNodeViewRenderer(ObjectiveView) }),
  okrItem: okrItem.node.extend({ addNodeView: () => ReactNodeViewRenderer(OkrItemView) }),
  kpiTable: kpiTable.node.extend({ addNodeView: () => ReactNodeViewRenderer(KpiTableView) }),
  kpiRow: kpiRow.node.extend({ addNodeView: () => ReactNodeViewRenderer(KpiRowView) }),
  incident: incident.node.extend({ addNodeView: () => ReactNodeViewRenderer(IncidentView) }),
} as const;

export { ReportContext, reportContextValue, useReportContext, type ReportContextValue, type SpaceMember } from './context.js';
