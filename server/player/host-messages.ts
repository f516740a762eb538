// What Rapport's player page and the SCO bundle it frames say to each other with postMessage.
// Types only and no imports: the browser code (public/host/src, public/sco/src) is type-checked
// against this file with the DOM library and no Node types.

/** Where the end screen may send a learner who plays the module inside Rapport. */
export interface HostLinks {
  /** The learner's dashboard. */
  myLearningUrl: string;
  /** The next module to take, or null when every other module is done. */
  nextModule: { title: string; url: string } | null;
  /** Redirects to the learner's certificate; the SCO shows it only once the quiz is passed. */
  certificateUrl: string | null;
}

/**
 * The query parameter Rapport's player adds to the bundle's address (`index.html?host-bar=1`): its
 * bar already shows the module's title and progress, so the SCO leaves out its own header, which
 * would repeat them and cost a phone's height. It is read as the SCO starts, before anything is
 * drawn, which a message could not be. No LMS adds it, so in an LMS the SCO keeps its header.
 */
export const HOST_BAR_PARAM = "host-bar";

/** Host → SCO: sent when the frame has loaded, and again whenever the SCO says it is ready. */
export interface HostHello {
  type: "rapport:host";
  links: HostLinks;
}

/** SCO → host: the SCO started and listens. In an LMS frame nobody answers, which is fine. */
export interface ScoReady {
  type: "rapport:ready";
}

export type HostToSco = HostHello;
export type ScoToHost = ScoReady;

export const isHostHello = (data: unknown): data is HostHello =>
  typeof data === "object" &&
  data !== null &&
  (data as { type?: unknown }).type === "rapport:host" &&
  // typeof null is "object" too, and the SCO reads the links' fields straight away.
  typeof (data as { links?: unknown }).links === "object" &&
  (data as { links?: unknown }).links !== null;

/** The JSON block the player page embeds for its host script (views/player/play.ejs). */
export interface PlayerConfig {
  attemptId: string;
  commitUrl: string;
  commitToken: string;
  seq: number;
  cmi: Record<string, unknown>;
  links: HostLinks;
}
