() => {
  // Measures the pictures shown on the open page (tests/pictures.py).
  const shrink = (r, by) => ({left: r.left + by, right: r.right - by, top: r.top + by, bottom: r.bottom - by});
  const meets = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const inside = (p, r) => p.x > r.left && p.x < r.right && p.y > r.top && p.y < r.bottom;
  const cross = (a, b, c, d) => {
    const o = (p, q, r) => (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
    const d1 = o(c, d, a), d2 = o(c, d, b), d3 = o(a, b, c), d4 = o(a, b, d);
    return d1 * d2 < 0 && d3 * d4 < 0;
  };
  const sample = (el, step) => {
    const ctm = el.getScreenCTM(), total = el.getTotalLength(), points = [];
    for (let at = 0; at <= total; at += step) {
      const p = el.getPointAtLength(at);
      points.push({x: ctm.a * p.x + ctm.c * p.y + ctm.e, y: ctm.b * p.x + ctm.d * p.y + ctm.f});
    }
    return points;
  };
  const out = [];
  for (const svg of document.querySelectorAll('svg.explainer-figure')) {
    const box = svg.getBoundingClientRect();
    if (!box.width || getComputedStyle(svg).display === 'none') continue;
    const name = [...svg.classList].filter(c => c !== 'explainer-figure').join(' ');
    const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim()).map(t => ({
      text: t.textContent.trim(), el: t, rect: t.getBoundingClientRect(),
      size: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a}));
    const result = {name, width: box.width, smallest: Math.min(...texts.map(t => t.size)),
                    texts: texts.length, small: [], overlaps: [], through: [], crossings: 0,
                    spills: [], types: {}, legend: [], drawn: []};
    for (const t of texts) if (t.size < 11.95) result.small.push([t.text, +t.size.toFixed(2)]);
    for (let i = 0; i < texts.length; i++)
      for (let j = i + 1; j < texts.length; j++)
        if (meets(shrink(texts[i].rect, 1), shrink(texts[j].rect, 1)))
          result.overlaps.push([texts[i].text, texts[j].text]);
    const lines = [...svg.querySelectorAll('path, line, polyline')].filter(el => {
      const cs = getComputedStyle(el);
      // Lines, and the outlines of countries: a border through a name is a line through it.
      return cs.stroke !== 'none' && (cs.fill === 'none' || el.classList.contains('explainer-country'))
        && !el.closest('marker, pattern, clipPath');
    });
    const sampled = lines.map(el => ({el, link: el.closest('.explainer-link') || el, points: sample(el, 1.5)}));
    for (const line of sampled)
      for (const t of texts) {
        const r = shrink(t.rect, 1.5);
        if (line.points.some(p => inside(p, r))) result.through.push([t.text, line.el.getAttribute('class')]);
      }
    const links = sampled.filter(l => l.el.classList.contains('explainer-edge') && !l.el.classList.contains('explainer-swatch'));
    for (let i = 0; i < links.length; i++)
      for (let j = i + 1; j < links.length; j++) {
        if (links[i].link === links[j].link) continue;
        const a = links[i].points, b = links[j].points;
        for (let k = 0; k + 1 < a.length; k += 1)
          for (let m = 0; m + 1 < b.length; m += 1)
            if (cross(a[k], a[k + 1], b[m], b[m + 1])) result.crossings++;
      }
    for (const t of texts) {
      const node = t.el.closest('.explainer-node');
      const frame = node ? node.querySelector('rect').getBoundingClientRect() : box;
      const r = shrink(t.rect, 0.5);
      if (r.left < frame.left || r.right > frame.right || r.top < frame.top || r.bottom > frame.bottom)
        result.spills.push(t.text);
    }
    for (const el of svg.querySelectorAll('[data-relation]')) {
      const cs = getComputedStyle(el), type = el.getAttribute('data-relation');
      result.types[type] = result.types[type] || [];
      const style = [cs.stroke, cs.strokeDasharray, cs.strokeWidth, el.hasAttribute('marker-end') || el.hasAttribute('marker-start')];
      if (!result.types[type].some(s => JSON.stringify(s) === JSON.stringify(style))) result.types[type].push(style);
      (el.closest('.explainer-legend') ? result.legend : result.drawn).push(type);
    }
    result.legend = [...new Set(result.legend)].sort();
    result.drawn = [...new Set(result.drawn)].sort();
    out.push(result);
  }
  return out;
}
