import { MongoStore } from "connect-mongo";
import session from "express-session";
import type mongoose from "mongoose";

export const SESSION_COOKIE = "rapport.sid";
const TWO_WEEKS_S = 14 * 24 * 60 * 60;

export interface SessionOptions {
  secret: string;
  connection: mongoose.Connection;
  /** The embedded database accepts TTL indexes but never expires documents. */
  ttlIndexesWork: boolean;
  secureCookies: boolean;
}

/** Sessions live in MongoDB so any app process can serve any request. */
export function sessionMiddleware(opts: SessionOptions) {
  const store = MongoStore.create({
    client: opts.connection.getClient(),
    dbName: opts.connection.db?.databaseName,
    collectionName: "sessions",
    ttl: TWO_WEEKS_S,
    autoRemove: opts.ttlIndexesWork ? "native" : "interval",
    autoRemoveInterval: 10,
    touchAfter: 60,
  });
  const middleware = session({
    name: SESSION_COOKIE,
    secret: opts.secret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: false,
    cookie: {
      httpOnly: true,
      sameSite: "lax",
      secure: opts.secureCookies,
      maxAge: TWO_WEEKS_S * 1000,
    },
  });
  return { middleware, store };
}
