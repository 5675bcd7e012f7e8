import type { DocShape } from '../doc/shape.js';
import { reportSchema } from './index.js';

let shape: DocShape | null = null;

/** The report schema in Yjs terms, for checking updates and loaded documents on the server. */
export function reportShape(): DocShape {
  if (shape) return shape;
  const schema = reportSchema();
  const elements = Object.values(schema.nodes).filter((t) => t.name !== 'text' && t !== schema.topNodeType);
  return (shape = {
    fragment: 'default',
    nodes: new Set(elements.map((t) => t.name)),
    topNodes: new Set(elements.filter((t) => schema.topNodeType.contentMatch.matchType(t)).map((t) => t.name)),
    marks: new Set(Object.keys(schema.marks)),
  });
}
