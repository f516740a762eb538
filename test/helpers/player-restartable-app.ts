import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { connectTestDatabase } from "./database.ts";
import { buildTestApp } from "./test-app.ts";

/**
 * The real app on a real database whose HTTP server can be stopped and started again on the
 * same port (same database, same sessions), so a browser sees a genuine outage: connections
 * refused, then the very same origin answering again.
 */
export async function startRestartableApp(testFileUrl: string) {
  const db = await connectTestDatabase(testFileUrl);
  const { app, close, logs } = buildTestApp(db);

  const listen = (port: number) =>
    new Promise<Server>((resolve, reject) => {
      const s = app.listen(port, "127.0.0.1");
      s.once("listening", () => resolve(s));
      s.once("error", reject);
    });
  const shutDown = async (s: Server) => {
    const closed = new Promise<void>((resolve) => s.close(() => resolve()));
    s.closeAllConnections();
    await closed;
  };

  let server: Server | null = await listen(0);
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    db,
    logs,
    get running() {
      return server !== null;
    },
    /** Stops listening and drops every open connection: the browser gets "connection refused". */
    async pause() {
      if (!server) return;
      const s = server;
      server = null;
      await shutDown(s);
    },
    /** Listens again on the same port. */
    async resume() {
      if (server) return;
      server = await listen(port);
    },
    async stop() {
      if (server) await shutDown(server);
      server = null;
      await close();
      await db.drop();
    },
  };
}

export type RestartableApp = Awaited<ReturnType<typeof startRestartableApp>>;
