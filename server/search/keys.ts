/**
 * Keys the rollups match on. Project names come decorated (`贝易转（C转）`, `【贝易转】`, `DocAI 二期`), so the key
 * drops bracketed asides, brackets and case; `贝易转` then finds `贝易转（C转）` by key or key prefix.
 */
export function projectKey(name: string): string {
  let key = projectKeys.get(name);
  if (key === undefined) {
    key = projectKeyOf(name);
    if (projectKeys.size >= 10_000) projectKeys.clear();
    projectKeys.set(name, key);
  }
  return key;
}
/** Keys of names seen (the indexer derives one per item per run; a space has few distinct names). */
const projectKeys = new Map<string, string>();
function projectKeyOf(name: string): string {
  return name
    .normalize('NFKC') // full-width （）［］ and letters → ASCII forms
    .replace(/\([^)]*\)|\[[^\]]*\]/g, '')
    .replace(/[【】〔〕()[\]「」『』]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** KPI names: case and width folded, whitespace trimmed. */
export const kpiKey = (name: string) => name.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
