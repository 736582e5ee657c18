// Taking the picture away: the map's SVG as drawn (it carries its own styles), or a PNG rendered from it at twice
// the size for slides and print.

export function svgText(svg) {
  const clone = svg.cloneNode(true);
  clone.querySelectorAll('[tabindex]').forEach(n => n.removeAttribute('tabindex'));
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(clone);
}

export function downloadSvg(svg, name) {
  save(new Blob([svgText(svg)], { type: 'image/svg+xml' }), name + '.svg');
}

export async function downloadPng(svg, name, scale = 2) {
  const url = URL.createObjectURL(new Blob([svgText(svg)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    await new Promise((resolve, reject) => { image.onload = resolve; image.onerror = reject; image.src = url; });
    const canvas = document.createElement('canvas');
    canvas.width = svg.viewBox.baseVal.width * scale;
    canvas.height = svg.viewBox.baseVal.height * scale;
    const context = canvas.getContext('2d');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0);
    const blob = await new Promise(resolve => canvas.toBlob(resolve, 'image/png'));
    save(blob, name + '.png');
  } finally {
    URL.revokeObjectURL(url);
  }
}

function save(blob, filename) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
