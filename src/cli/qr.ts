/**
 * A QR code drawn in the terminal: the qrcode library computes the symbol,
 * and each text line shows two rows of modules with half blocks, dark on
 * light, inside a light quiet zone of 4 modules so that a phone can scan it.
 */
import type { QRCode } from 'qrcode';

export type QrRenderer = (text: string) => string[];

export async function loadQrRenderer(): Promise<QrRenderer> {
  const { create } = await import('qrcode');
  return (text) => draw(create(text, { errorCorrectionLevel: 'L' }));
}

function draw(qr: QRCode): string[] {
  const size = qr.modules.size;
  const quiet = 4;
  const dark = (r: number, c: number) =>
    r >= 0 && c >= 0 && r < size && c < size && Boolean(qr.modules.get(r, c));
  const lines: string[] = [];
  for (let r = -quiet; r < size + quiet; r += 2) {
    let line = '';
    for (let c = -quiet; c < size + quiet; c++) {
      const top = dark(r, c);
      const bottom = dark(r + 1, c);
      // Light modules are drawn with blocks, dark ones with spaces: a terminal's dark background is the dark module.
      line += top && bottom ? ' ' : top ? '▄' : bottom ? '▀' : '█';
    }
    lines.push(line);
  }
  return lines;
}
