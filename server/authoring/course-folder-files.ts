import { stringify } from "yaml";
import type { Lesson, ModuleContent } from "../content/module-schema.ts";
import { MODULE_FILE } from "../content/read-course-folder.ts";

export const WORKSHEET_FILE = "worksheet.md";

export interface FolderFile {
  /** Path inside the module folder, e.g. "01-welcome.md". */
  name: string;
  text: string;
}

/**
 * A module as the files of a courses/<slug>/ folder, the format `npm run courses:check` reads:
 * module.yaml, one Markdown file per lesson (title and minutes in front matter) and worksheet.md.
 * Reading the files back with readCourseFolder gives the same content.
 */
export function courseFolderFiles(content: ModuleContent): FolderFile[] {
  const lessonFiles = content.lessons.map((lesson, i) => ({
    lesson,
    name: lessonFileName(lesson, i),
  }));
  const yaml = {
    slug: content.slug,
    title: content.title,
    summary: content.summary,
    topics: content.topics,
    minutes: content.minutes,
    passMark: content.passMark,
    lessons: lessonFiles.map(({ lesson, name }) => ({
      file: name,
      // The reader takes a lesson's id from its file name unless module.yaml names it.
      ...(name === `${lesson.id}.md` ? {} : { id: lesson.id }),
      ...(lesson.checks.length > 0 ? { checks: lesson.checks } : {}),
    })),
    quiz: content.quiz,
    ...(content.reflections.length > 0 ? { reflections: content.reflections } : {}),
    ...(content.worksheet ? { worksheet: WORKSHEET_FILE } : {}),
  };
  return [
    { name: MODULE_FILE, text: stringify(yaml, { lineWidth: 0 }) },
    ...lessonFiles.map(({ lesson, name }) => ({
      name,
      text: withFrontMatter({ title: lesson.title, minutes: lesson.minutes }, lesson.markdown),
    })),
    ...(content.worksheet
      ? [
          {
            name: WORKSHEET_FILE,
            text: withFrontMatter({ title: content.worksheet.title }, content.worksheet.markdown),
          },
        ]
      : []),
  ];
}

/** "NN-<id>.md"; ids that already start with their two-digit position (the library's) are kept. */
export function lessonFileName(lesson: Lesson, index: number): string {
  const nn = String(index + 1).padStart(2, "0");
  return /^\d{2}-/.test(lesson.id) ? `${lesson.id}.md` : `${nn}-${lesson.id}.md`;
}

function withFrontMatter(data: Record<string, unknown>, body: string): string {
  return `---\n${stringify(data, { lineWidth: 0 })}---\n${body}\n`;
}
