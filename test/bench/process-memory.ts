// Resident memory of a process and of its children, read from /proc (Linux only).
import { readdirSync, readFileSync } from "node:fs";

export interface Memory {
  /** Resident set size now. */
  rssMb: number;
  /** The highest resident set size so far (VmHWM). */
  peakMb: number;
}

function statusKb(pid: number, field: string): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"));
  return match ? Number(match[1]) : Number.NaN;
}

export function processMemory(pid: number): Memory {
  return { rssMb: statusKb(pid, "VmRSS") / 1024, peakMb: statusKb(pid, "VmHWM") / 1024 };
}

/** Direct children of a process: each of its threads lists the children it started. */
export function childPids(pid: number): number[] {
  const pids = new Set<number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const list = readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim();
      for (const p of list.split(/\s+/).filter(Boolean)) pids.add(Number(p));
    } catch {
      // the thread ended while we looked
    }
  }
  return [...pids];
}

/** The embedded database: the app's child process running java. */
export function javaChildPid(appPid: number): number | null {
  for (const pid of childPids(appPid)) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "java") return pid;
    } catch {
      // gone
    }
  }
  return null;
}
