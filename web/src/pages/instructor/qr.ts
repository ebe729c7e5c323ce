// A QR code as one SVG path, drawn from uqr's module matrix (no markup strings, so nothing goes through innerHTML).
import { encode } from "uqr";

export interface QrPath {
  /** Modules per side, quiet zone included: the SVG's viewBox is 0 0 size size. */
  size: number;
  /** One `M x y h1 v1 h-1 z` square per dark module, runs of dark modules on a row merged into one rectangle. */
  d: string;
}

/** The QR code of `text` (error correction M: survives a smudged or partly lit projector screen), with a 4-module quiet zone. */
export function qrPath(text: string): QrPath {
  const qr = encode(text, { ecc: "M", border: 4 });
  let d = "";
  qr.data.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x++;
      d += `M${start} ${y}h${x - start}v1h${start - x}z`;
    }
  });
  return { size: qr.size, d };
}
