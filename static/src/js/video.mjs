// Click-to-load video: nothing is requested from the video host until the visitor presses
// play; then the privacy-enhanced player replaces the preview.
function play(root) {
  const player = root.querySelector(".app-video__player");
  const frame = document.createElement("div");
  frame.className = "app-video__frame";
  const iframe = document.createElement("iframe");
  iframe.src = root.dataset.embedUrl;
  iframe.title = `Video: ${root.dataset.title}`;
  iframe.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
  iframe.allowFullscreen = true;
  iframe.referrerPolicy = "strict-origin-when-cross-origin";
  frame.append(iframe);
  player.replaceWith(frame);
  iframe.focus();
}

export function initVideos(roots) {
  for (const root of roots) {
    const button = root.querySelector(".app-video__play");
    if (!button || !root.dataset.embedUrl) continue;
    button.hidden = false;
    button.addEventListener("click", () => play(root), { once: true });
  }
}
