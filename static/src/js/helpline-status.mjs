// Whether the helpline is open now, worked out in the visitor's browser in UK time: pages are
// cached, so the server cannot say. The hours themselves are in the HTML as the fallback. On a
// closure's dates (data-closed: "2026-12-25/2026-12-26 ...", UK dates) it is closed all day.
const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

function minutes(text) {
  const [hours, mins] = (text || "").split(":").map(Number);
  return Number.isFinite(hours) && Number.isFinite(mins) ? hours * 60 + mins : null;
}

/** The weekday ("mon".."sun"), minutes since midnight and ISO date in Europe/London at `date`. */
export function londonNow(date = new Date()) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    weekday: "short",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date);
  const get = (type) => parts.find((part) => part.type === type)?.value || "";
  const day = get("weekday").slice(0, 3).toLowerCase();
  return {
    day: DAYS.includes(day) ? day : "",
    minutes: Number(get("hour")) * 60 + Number(get("minute")),
    date: `${get("year")}-${get("month")}-${get("day")}`,
  };
}

/** Whether `now.date` falls in one of the closures, each [first, last] ISO dates, included. */
export function isClosedAllDay(closures, now) {
  return closures.some(([first, last]) => first <= now.date && now.date <= last);
}

export function isOpen(rows, now) {
  return rows.some((row) => {
    const opens = minutes(row.opens);
    const closes = minutes(row.closes);
    return (
      row.days.includes(now.day) &&
      opens !== null &&
      closes !== null &&
      now.minutes >= opens &&
      now.minutes < closes
    );
  });
}

export function initHelplineStatus(root) {
  const status = root.querySelector("[data-helpline-status]");
  if (!status) return;
  const rows = [...root.querySelectorAll("[data-days]")].map((row) => ({
    days: row.dataset.days.split(" "),
    opens: row.dataset.opens,
    closes: row.dataset.closes,
  }));
  const closures = (root.dataset.closed || "")
    .split(" ")
    .filter(Boolean)
    .map((range) => range.split("/"));
  const now = londonNow();
  const closed = isClosedAllDay(closures, now);
  if (!rows.length && !closed) return;
  const open = !closed && isOpen(rows, now);
  status.textContent = open ? "Open now" : root.dataset.whenClosed;
  status.classList.add(open ? "app-helpline__status--open" : "app-helpline__status--closed");
  status.hidden = false;
}
