import mongoose from "mongoose";
import { ModuleVersion } from "../content/module-version-model.ts";
import { forbidden, notFound } from "../http/http-errors.ts";
import { Attempt } from "../runtime/attempt-model.ts";
import { issueCommitToken } from "../runtime/commit-token.ts";
import { initialCmi } from "../runtime/present-attempt.ts";
import { catalogFor } from "./catalog.ts";
import { HOST_BAR_PARAM, type HostLinks } from "./host-messages.ts";
import { nextModuleAfter } from "./next-module.ts";

/** Everything the player page needs: the bundle to frame, saved CMI data and a commit token. */
export async function playerPageData(input: {
  attemptId: string;
  user: { id: string; displayName: string };
  secret: string;
}) {
  if (!mongoose.isValidObjectId(input.attemptId)) throw notFound("Attempt");
  const attempt = await Attempt.findById(input.attemptId).lean();
  if (!attempt) throw notFound("Attempt");
  if (attempt.userId.toString() !== input.user.id) throw forbidden();
  const version = await ModuleVersion.findById(attempt.versionId)
    .select("content.title content.passMark")
    .lean();
  if (!version) throw notFound("Module version");
  const content = version.content as { title: string; passMark: number };
  const next = nextModuleAfter(attempt.slug, await catalogFor(input.user.id));
  const links: HostLinks = {
    myLearningUrl: "/dashboard",
    nextModule: next ? { title: next.title, url: `/modules/${next.slug}` } : null,
    certificateUrl: `/modules/${attempt.slug}/certificate`,
  };
  return {
    title: content.title,
    slug: attempt.slug,
    attemptId: attempt._id.toString(),
    bundleUrl: `/bundles/${attempt.versionId.toString()}/index.html?${HOST_BAR_PARAM}=1`,
    commitUrl: `/api/attempts/${attempt._id.toString()}/commit`,
    commitToken: issueCommitToken(input.secret, attempt._id.toString(), input.user.id),
    seq: attempt.seq,
    cmi: initialCmi(attempt, { id: input.user.id, name: input.user.displayName }, content.passMark),
    links,
  };
}
