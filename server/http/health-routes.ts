import { Router } from "express";
import type mongoose from "mongoose";

export function healthRouter(deps: { connection: mongoose.Connection }): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/readyz", async (_req, res) => {
    try {
      const db = deps.connection.db;
      if (!db) throw new Error("not connected");
      await db.admin().ping();
      res.json({ status: "ready", database: "ok" });
    } catch {
      res.status(503).json({ status: "unavailable", database: "not answering" });
    }
  });
  return router;
}
