import { Router } from "express";
import { requireSignIn, signedInUser } from "../auth/guards.ts";
import { notFound } from "../http/http-errors.ts";
import { Certificate } from "./certificate-model.ts";
import { certificatePdf } from "./certificate-pdf.ts";
import { CERTIFICATE_CODE } from "./issue-certificate.ts";
import { certificateForModule } from "./learner-certificate.ts";
import { presentCertificate } from "./present-certificate.ts";

/** A learner's own certificate by its code; anyone else's is "not found", as a made-up one is. */
async function ownCertificate(code: string, userId: string) {
  if (!CERTIFICATE_CODE.test(code)) throw notFound("Certificate");
  const c = await Certificate.findOne({ code }).lean();
  if (!c || c.userId.toString() !== userId) throw notFound("Certificate");
  return c;
}

export function certificateRouter(deps: { publicUrl: string }): Router {
  const router = Router();

  // Where the player's end screen and the module page send a learner who passed.
  router.get("/modules/:slug/certificate", requireSignIn, async (req, res) => {
    const c = await certificateForModule(signedInUser(req).id, String(req.params.slug));
    if (!c) throw notFound("Certificate");
    res.redirect(303, `/certificates/${c.code}`);
  });

  // Public: says whether a certificate is genuine, and nothing else about its holder.
  router.get("/certificates/verify/:code", async (req, res) => {
    const code = String(req.params.code);
    const c = CERTIFICATE_CODE.test(code) ? await Certificate.findOne({ code }).lean() : null;
    res.status(c ? 200 : 404).render("certificates/verify", {
      title: c ? "Certificate verified" : "Certificate not found",
      certificate: c ? presentCertificate(c, deps.publicUrl) : null,
    });
  });

  router.get("/certificates/:code/pdf", requireSignIn, async (req, res) => {
    const c = await ownCertificate(String(req.params.code), signedInUser(req).id);
    const shown = presentCertificate(c, deps.publicUrl);
    const pdf = await certificatePdf(c, shown.verifyUrl);
    res.type("application/pdf");
    res.set("Content-Disposition", `inline; filename="certificate-${c.slug}-v${c.version}.pdf"`);
    res.send(pdf);
  });

  router.get("/certificates/:code", requireSignIn, async (req, res) => {
    const c = await ownCertificate(String(req.params.code), signedInUser(req).id);
    res.render("certificates/certificate", {
      title: `Certificate: ${c.moduleTitle}`,
      certificate: presentCertificate(c, deps.publicUrl),
    });
  });

  return router;
}
