import { afterAll, describe, expect, it } from 'vitest';
import { appendParagraph, connect, eventually, signedUp, spaceWith, sleep, type Conn, type TestUser } from '../helpers/client.js';
import { ChildServer } from '../helpers/childServer.js';
import { tempDataDir } from '../helpers/server.js';

/**
 * Crash rounds (issue 9): the server runs as a child process on an SQLite data directory; 20 stock y-websocket
 * clients, 5 on each of 4 reports, append paragraphs continually; the server is SIGKILLed at a random moment.
 * Whatever a client had received from another client before the kill was sent by the server, so it must have been
 * stored: after a restart on the same data directory, fresh clients must find every such paragraph in its report.
 * Checked cumulatively: what any earlier round's clients received must still be there in every later round.
 *
 * 3 rounds by default; CADENCE_LONG=1 runs 30.
 */
const LONG = process.env.CADENCE_LONG === '1';
const ROUNDS = LONG ? 30 : 3;
const REPORTS = 4;
const PER_REPORT = 5;

/** Paragraph text: round, writing client, sequence number. */
const PARA = /R(\d+)c(\d+)n(\d+)/g;
const paragraphs = (xml: string) => [...xml.matchAll(PARA)].map((m) => ({ text: m[0], client: Number(m[2]) }));

/** A process that has neither exited nor been killed (exitCode stays null after a signal: look at signalCode too). */
const alive = (s: ChildServer) => !!s.proc && s.proc.exitCode === null && s.proc.signalCode === null;

describe('crash rounds: SIGKILL while 20 clients type', () => {
  // y-websocket adds a process 'exit' listener per provider; 20 at once are expected here.
  process.setMaxListeners(100);
  const dataDir = tempDataDir();
  const server = new ChildServer(dataDir);
  afterAll(async () => {
    if (alive(server)) await server.kill();
  });

  it(`loses nothing any client received, over ${ROUNDS} rounds`, { timeout: LONG ? 900_000 : 120_000 }, async () => {
    const t0 = Date.now();
    await server.start();
    const users = await signedUp(server.base, 'Owner', 'Ed1', 'Ed2', 'Ed3', 'Ed4');
    const [owner] = users;
    const spaceId = await spaceWith(owner, users.slice(1).map((u): [TestUser, string] => [u, 'editor']));
    const reports: string[] = [];
    for (let r = 0; r < REPORTS; r++) {
      const res = await owner.call('POST', `/api/spaces/${spaceId}/reports`, { week: `2024-W${String(10 + r).padStart(2, '0')}` });
      expect(res.status, res.text).toBe(201);
      reports.push(res.json.id);
    }

    /** Per report: every paragraph some client received from another client, over all rounds so far. */
    const received = reports.map(() => new Set<string>());
    const stats: string[] = [];
    let typedTotal = 0;

    for (let round = 0; round < ROUNDS; round++) {
      // 20 clients: client k is on report k % REPORTS, as user floor(k / REPORTS) (5 users, each on every report).
      const clients: { k: number; report: number; conn: Conn }[] = [];
      for (let k = 0; k < REPORTS * PER_REPORT; k++) {
        clients.push({ k, report: k % REPORTS, conn: connect(users[Math.floor(k / REPORTS)], reports[k % REPORTS]) });
      }
      await Promise.all(clients.map((c) => c.conn.synced));

      // Everyone types continually until the kill.
      let typing = true;
      let typed = 0;
      const loops = clients.map(async ({ k, conn }) => {
        for (let n = 0; typing; n++) {
          appendParagraph(conn, `R${round}c${k}n${n}`);
          typed++;
          await sleep(10 + Math.random() * 40);
        }
      });
      const killAfter = 100 + Math.random() * 1400;
      await sleep(killAfter);
      await server.kill();
      typing = false;
      await Promise.all(loops);
      // Wait until every client has seen its socket close: what it holds now is all the server ever sent it.
      await eventually(() => clients.every((c) => !c.conn.provider.wsconnected), 'clients see the server gone', 10_000);

      let receivedThisRound = 0;
      for (const { k, report, conn } of clients) {
        for (const p of paragraphs(conn.text())) {
          if (p.client === k) continue; // its own typing: not received from anyone
          if (!received[report].has(p.text)) receivedThisRound++;
          received[report].add(p.text);
        }
      }
      // Gone before the restart, so that no stale client hands the new process what it kept locally.
      for (const c of clients) c.conn.close();
      typedTotal += typed;
      // Killed early, a round may see little relayed; but over a round that ran some time something must be.
      if (killAfter > 500) expect(receivedThisRound, `round ${round}: no client received anything in ${Math.round(killAfter)} ms; server said:\n${server.output.slice(-2000)}`).toBeGreaterThan(0);

      await server.start(); // same data directory, same port; the next round runs on this process
      for (let r = 0; r < REPORTS; r++) {
        const check = connect(owner, reports[r]);
        await check.synced;
        const stored = new Set(paragraphs(check.text()).map((p) => p.text));
        check.close();
        const lost = [...received[r]].filter((t) => !stored.has(t));
        expect(lost, `round ${round}, report ${r}: received by a client before the kill, missing after the restart`).toEqual([]);
      }
      stats.push(`round ${round}: kill after ${Math.round(killAfter)} ms, ${typed} typed, ${receivedThisRound} newly received`);
    }

    const checked = received.reduce((n, s) => n + s.size, 0);
    console.log(`crash rounds: ${ROUNDS} rounds, ${REPORTS * PER_REPORT} clients on ${REPORTS} reports, ${typedTotal} paragraphs typed, ` +
      `${checked} received paragraphs checked after restarts (${((Date.now() - t0) / 1000).toFixed(1)} s)\n  ${stats.join('\n  ')}`);
    expect(checked).toBeGreaterThan(0);
  });
});
