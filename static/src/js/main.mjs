// Protecting Babies: progressive enhancement only. Every page works fully without this file.
import { Button, createAll, SkipLink } from "govuk-frontend";

import { initExitThisPage } from "./exit-this-page.mjs";
import { initFeedback } from "./feedback.mjs";
import { initHelplineStatus } from "./helpline-status.mjs";
import { initPrintButtons, initTools } from "./print.mjs";
import { initShortHistory } from "./short-history.mjs";
import { initVideos } from "./video.mjs";

// GOV.UK Frontend's components only start when the body says the browser supports them
// (normally set by an inline script, which our Content-Security-Policy forbids).
document.body.classList.add("js-enabled", "govuk-frontend-supported");

createAll(SkipLink);
createAll(Button);

for (const root of document.querySelectorAll('[data-module="app-exit-this-page"]')) {
  initExitThisPage(root);
}
// Where the exit control is, the visit keeps to one entry in the browser's history.
if (document.querySelector('[data-module="app-exit-this-page"]')) initShortHistory(document);
for (const root of document.querySelectorAll('[data-module="app-helpline-status"]')) {
  initHelplineStatus(root);
}
initVideos(document.querySelectorAll('[data-module="app-video"]'));
initPrintButtons(document.querySelectorAll('[data-module="app-print"]'));
initTools(document.querySelectorAll('[data-module="app-tool"]'));
for (const root of document.querySelectorAll('[data-module="app-feedback"]')) {
  initFeedback(root);
}
