import { incident, kpiTable, keyProject, objective, okrItem } from './blocks/index.js';
import type { DocNode, ReportItems } from './blocks/types.js';

/**
 * Document JSON → the report's typed items (pure; the server indexer and tests call it).
 * OKR items take the objective of the section they are in: the last objective heading above them,
 * reset by any ordinary heading of level 1–2 (a new section such as 【系统运行数据】).
 */
export function extractItems(doc: DocNode, year: number): ReportItems {
  const items: ReportItems = { okrs: [], kpis: [], incidents: [], projects: [] };
  let current: string | null = null;
  const walk = (nodes: DocNode[]) => {
    for (const node of nodes) {
      switch (node.type) {
        case objective.name:
          current = objective.extract(node).code || null;
          break;
        case 'heading':
          if (Number(node.attrs?.level ?? 1) <= 2) current = null;
          break;
        case okrItem.name:
          items.okrs.push(okrItem.extract(node, { year, objective: current }));
          break;
        case kpiTable.name:
          items.kpis.push(...kpiTable.extract(node));
          break;
        case incident.name:
          items.incidents.push(incident.extract(node));
          break;
        case keyProject.name:
          items.projects.push(keyProject.extract(node));
          walk(node.content ?? []); // a key project may hold other blocks
          break;
        default:
          if (node.content) walk(node.content);
      }
    }
  };
  walk(doc.content ?? []);
  return items;
}
