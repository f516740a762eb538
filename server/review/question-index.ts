import mongoose from "mongoose";
import { Module } from "../content/module-model.ts";
import { type ModuleContent, moduleContent } from "../content/module-schema.ts";
import { ModuleVersion } from "../content/module-version-model.ts";
import { type GradedQuestion, isGraded } from "./grade-answer.ts";
import { teachingLessons } from "./teaching-lesson.ts";

export interface IndexedQuestion {
  question: GradedQuestion;
  kind: "quiz" | "check";
  /** The lesson that teaches it: its own lesson for a check, the closest one for a quiz question. */
  lesson: { id: string; title: string } | null;
}

export interface VersionQuestions {
  moduleId: string;
  slug: string;
  title: string;
  version: number;
  content: ModuleContent;
  questions: Map<string, IndexedQuestion>;
}

// Versions are immutable, so each is indexed once per process and kept (least recently used out).
const MAX_CACHED = 200;
const cache = new Map<string, Promise<VersionQuestions | null>>();

function indexContent(moduleId: string, version: number, content: ModuleContent): VersionQuestions {
  const questions = new Map<string, IndexedQuestion>();
  for (const lesson of content.lessons) {
    for (const q of lesson.checks) {
      if (isGraded(q))
        questions.set(q.id, {
          question: q,
          kind: "check",
          lesson: { id: lesson.id, title: lesson.title },
        });
    }
  }
  const teaching = teachingLessons(content);
  for (const q of content.quiz) {
    if (!isGraded(q)) continue;
    const at = teaching.get(q.id);
    const lesson = at == null ? null : content.lessons[at];
    questions.set(q.id, {
      question: q,
      kind: "quiz",
      lesson: lesson ? { id: lesson.id, title: lesson.title } : null,
    });
  }
  return { moduleId, slug: content.slug, title: content.title, version, content, questions };
}

/** The graded questions of one published version of a module. */
export function versionQuestions(
  moduleId: string | mongoose.Types.ObjectId,
  version: number,
): Promise<VersionQuestions | null> {
  const key = `${String(moduleId)}:${version}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const loading = (async () => {
    const doc = await ModuleVersion.findOne({
      moduleId: new mongoose.Types.ObjectId(String(moduleId)),
      version,
    })
      .select("content version")
      .lean();
    if (!doc) return null;
    return indexContent(String(moduleId), doc.version, moduleContent.parse(doc.content));
  })();
  cache.set(key, loading);
  // A failed read is not remembered.
  loading.then(
    (v) => {
      if (v === null) cache.delete(key);
    },
    () => cache.delete(key),
  );
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
  return loading;
}

/** The newest published version's questions: what a review shows, whatever version was taken. */
export async function currentQuestions(
  moduleId: string | mongoose.Types.ObjectId,
): Promise<VersionQuestions | null> {
  const mod = await Module.findById(moduleId).select("publishedVersion").lean();
  if (!mod || mod.publishedVersion < 1) return null;
  return versionQuestions(moduleId, mod.publishedVersion);
}
