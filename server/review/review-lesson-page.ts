import mongoose from "mongoose";
import { Module } from "../content/module-model.ts";
import { renderMarkdown } from "../content/render-markdown.ts";
import { notFound } from "../http/http-errors.ts";
import { currentQuestions } from "./question-index.ts";
import { ReviewCard } from "./review-card-model.ts";

/**
 * A lesson's text on its own, where a missed review question links to. Only for learners who
 * have review cards from the module (they took it), in its newest published wording.
 */
export async function reviewLessonPage(userId: string, slug: string, lessonId: string) {
  const mod = await Module.findOne({ slug, publishedVersion: { $gt: 0 } })
    .select("_id")
    .lean();
  if (!mod) throw notFound("Lesson");
  const took = await ReviewCard.exists({
    userId: new mongoose.Types.ObjectId(userId),
    moduleId: mod._id,
  });
  if (!took) throw notFound("Lesson");
  const current = await currentQuestions(mod._id);
  const lesson = current?.content.lessons.find((l) => l.id === lessonId);
  if (!current || !lesson) throw notFound("Lesson");
  return {
    slug,
    moduleTitle: current.title,
    title: lesson.title,
    minutes: lesson.minutes,
    html: renderMarkdown(lesson.markdown),
  };
}
