// "Is this page useful?": answers sent in place, with the thank-you announced and focused.
// Without this script the form posts and the page comes back with its thank-you.

const FAILED = "Your feedback could not be sent. Check your connection and try again.";

function element(tag, attributes, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

function showThanks(root, message) {
  const thanks = element("div", { class: "app-feedback__thanks", role: "status" });
  const heading = element(
    "h2",
    { class: "govuk-heading-s", id: "feedback-heading", tabindex: "-1" },
    "Thank you for your feedback",
  );
  thanks.append(heading, element("p", { class: "govuk-body" }, message));
  root.replaceChildren(thanks);
  heading.focus();
}

function showProblem(form, message) {
  form.querySelector("[data-feedback-errors]")?.remove();
  const summary = element("div", {
    class: "govuk-error-summary",
    "data-feedback-errors": "",
    tabindex: "-1",
    role: "alert",
  });
  summary.append(
    element("h2", { class: "govuk-error-summary__title" }, "There is a problem"),
    element("p", { class: "govuk-body" }, message),
  );
  form.prepend(summary);
  summary.focus();
}

export function initFeedback(root) {
  const form = root.querySelector("form");
  if (!form) return;
  const more = form.querySelector("[data-feedback-more]");
  const send = form.querySelector(".app-feedback__send");
  const answers = [...form.querySelectorAll('input[name="useful"]')];
  // The questions and the button wait for an answer (unless the form is back with a problem).
  if (!form.querySelector("[data-feedback-errors]") && !answers.some((input) => input.checked)) {
    more.hidden = true;
    send.hidden = true;
  }
  for (const answer of answers) {
    answer.addEventListener("change", () => {
      more.hidden = false;
      send.hidden = false;
    });
  }
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    send.disabled = true;
    let reply;
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
      });
      reply = await response.json();
    } catch {
      reply = { status: "refused", message: FAILED };
    }
    send.disabled = false;
    if (reply.status === "thanks") showThanks(root, reply.message);
    else showProblem(form, reply.message || FAILED);
  });
}
