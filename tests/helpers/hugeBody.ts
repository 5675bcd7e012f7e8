import http from 'node:http';

export interface HugeResult { status: number; json: any; sentBytes: number; peakRssGrowth: number }

/**
 * POSTs a JSON body of `bytes` (a string field padded with "a") the way a hostile client would: written in
 * 64 KiB chunks, with a declared Content-Length or chunked, stopping as soon as the server answers.
 * The chunk is one reused buffer, so the client adds almost nothing to this process's memory; the
 * largest RSS seen while the request runs tells whether the (in-process) server read the body whole.
 */
export function postHuge(url: string, opts: { bytes: number; chunked?: boolean; headers?: Record<string, string>; field?: string }): Promise<HugeResult> {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const head = Buffer.from(`{"email":"x@example.com","password":"correct horse battery 9","${opts.field ?? 'name'}":"`);
  const tail = Buffer.from('"}');
  const total = Math.max(opts.bytes, head.length + tail.length);
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'content-type': 'application/json', ...opts.headers };
    if (!opts.chunked) headers['content-length'] = total;
    const req = http.request(url, { method: 'POST', headers });
    let sent = 0;
    let answered = false;
    const write = () => {
      while (!answered && sent < total) {
        const piece = sent === 0 ? head : sent + chunk.length + tail.length >= total ? Buffer.concat([chunk.subarray(0, total - sent - tail.length), tail]) : chunk;
        sent += piece.length;
        if (sent >= total) { req.end(piece); return; }
        if (!req.write(piece)) { req.once('drain', write); return; }
      }
    };
    req.on('response', (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        clearInterval(sampler);
        peak = Math.max(peak, process.memoryUsage().rss);
        let json: any = null;
        try { json = JSON.parse(text); } catch {}
        req.destroy();
        resolve({ status: res.statusCode ?? 0, json, sentBytes: sent, peakRssGrowth: peak - baseline });
      });
    });
    // The server may close the connection while we are still writing: that is fine once it has answered.
    req.on('error', (e) => { if (!answered) { clearInterval(sampler); reject(e); } });
    write();
  });
}
