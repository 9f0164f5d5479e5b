/**
 * The partner caveat on exports other than the PDF (which draws it itself):
 * a band of text on top of a PNG, a text element and <desc> in an SVG, a
 * first line in an annex CSV. Egmont's third-party rule travels with every
 * file made from partner intelligence, not only with the report.
 */

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Adds the caveat as a visible first line, a <desc> for tools, and 28 px of room above the drawing. */
export function stampSvg(svg: string, caveat: string): string {
  const open = /<svg\b[^>]*>/.exec(svg);
  if (!open) throw new Error('not an SVG document');
  const text = escapeXml(caveat);
  const band = `<desc>${text}</desc><rect x="0" y="0" width="100%" height="28" fill="#fff3cd"/><text x="8" y="19" font-family="sans-serif" font-size="13" fill="#7a1f1f" data-caudal-caveat="true">${text}</text><g transform="translate(0 28)">`;
  const withBand = svg.slice(0, open.index + open[0].length) + band + svg.slice(open.index + open[0].length).replace(/<\/svg>\s*$/, '</g></svg>');
  // Grow the canvas so the band does not cover the top of the chart.
  return withBand.replace(/<svg\b([^>]*)>/, (tag, attributes: string) => tag.replace(attributes, attributes.replace(/\bheight="(\d+(?:\.\d+)?)"/, (_, height: string) => `height="${Number(height) + 28}"`)));
}

/** A first CSV line holding only the caveat (quoted), before the header row. */
export function stampCsv(csv: string, caveat: string): string {
  return `"${caveat.replace(/"/g, '""')}"\r\n${csv}`;
}

/** Draws the PNG again below a band carrying the caveat (browser only: uses createImageBitmap and OffscreenCanvas). */
export async function stampPng(png: Blob, caveat: string): Promise<Blob> {
  const image = await createImageBitmap(png);
  const band = Math.max(28, Math.round(image.width / 60));
  const canvas = new OffscreenCanvas(image.width, image.height + band);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas');
  context.fillStyle = '#fff3cd';
  context.fillRect(0, 0, canvas.width, band);
  context.fillStyle = '#7a1f1f';
  context.font = `${Math.round(band * 0.5)}px sans-serif`;
  context.textBaseline = 'middle';
  context.fillText(caveat, Math.round(band / 3), band / 2, canvas.width - band);
  context.drawImage(image, 0, band);
  image.close();
  return canvas.convertToBlob({ type: 'image/png' });
}
