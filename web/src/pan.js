// Panning a large view by moving the layers sigma has drawn (a compositor transform) while the drag
// lasts, and letting sigma draw once on the drop. Sigma pans by its camera matrix, but every frame
// still draws every node and link: with 10,000 firms in headless Chromium's software WebGL that is
// hundreds of milliseconds a frame (bench/results/web-speed.md), while a moved layer costs next to nothing.
export function panByTransform(renderer, container) {
  let start = null, moved = false, dx = 0, dy = 0, queued = false, swallowClick = false;
  const place = () => {
    queued = false;
    const t = dx || dy ? "translate(" + dx + "px, " + dy + "px)" : "";
    for (const el of container.children) if (el.tagName === "CANVAS") el.style.transform = t;
  };
  const at = (e) => { const r = container.getBoundingClientRect(); return { x: e.clientX - r.left, y: e.clientY - r.top }; };
  const down = (e) => { if (e.button === 0) { start = { x: e.clientX, y: e.clientY, e }; moved = false; dx = dy = 0; } };
  // Sigma never sees the drag's moves: it would draw each one.
  const move = (e) => {
    if (!start) return;
    e.stopImmediatePropagation();
    dx = e.clientX - start.x;
    dy = e.clientY - start.y;
    moved = moved || Math.abs(dx) + Math.abs(dy) > 3;
    if (!queued) { queued = true; requestAnimationFrame(place); }
  };
  // The camera takes the whole move at once (as sigma's own drag adds it step by step), drawn in the
  // same frame as the layers go back in place.
  const up = (e) => {
    if (!start) return;
    const from = at(start.e), to = at(e);
    start = null;
    if (!moved) return;
    swallowClick = true;
    const a = renderer.viewportToFramedGraph(from), b = renderer.viewportToFramedGraph(to);
    const camera = renderer.getCamera(), s = camera.getState();
    camera.setState({ x: s.x + a.x - b.x, y: s.y + a.y - b.y });
    renderer.render();
    dx = dy = 0;
    place();
  };
  const click = (e) => { if (swallowClick) { swallowClick = false; e.stopImmediatePropagation(); } };
  container.addEventListener("mousedown", down, true);
  container.addEventListener("click", click, true);
  document.addEventListener("mousemove", move, true);
  document.addEventListener("mouseup", up, true);
  return () => {
    container.removeEventListener("mousedown", down, true);
    container.removeEventListener("click", click, true);
    document.removeEventListener("mousemove", move, true);
    document.removeEventListener("mouseup", up, true);
  };
}
