import { Download } from 'lucide-react';

/** "Markdown" in the report bar: downloads the report in the shape it can be imported from. */
export function ExportLink({ reportId, week }: { reportId: string; week: string }) {
  return (
    <a className="btn btn-ghost btn-sm" href={`/api/reports/${encodeURIComponent(reportId)}/markdown`} download={`${week}.md`} title="Download as Markdown">
      <Download size={14} /> Markdown
    </a>
  );
}
