/**
 * A running server's figures from `GET /metrics` (Prometheus text), for tests: every series
 * by its name with labels, or one of them.
 */

/** Every series of the server's /metrics, by name with labels (`a_total{reason="x"}`). */
export async function scrapeMetrics(server: { url: string }): Promise<Map<string, number>> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return new Map(
    text
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => {
        const at = line.lastIndexOf(' ');
        return [line.slice(0, at), Number(line.slice(at + 1))] as const;
      }),
  );
}

/**
 * One series. A labelled series appears once it is first counted, so one not there yet is 0;
 * a plain one is always there, and its absence fails the test.
 */
export async function metric(server: { url: string }, name: string): Promise<number> {
  const value = (await scrapeMetrics(server)).get(name);
  if (value !== undefined) return value;
  if (name.includes('{')) return 0;
  throw new Error(`no ${name} in /metrics`);
}
